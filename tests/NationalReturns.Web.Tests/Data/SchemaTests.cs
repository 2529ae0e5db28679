using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using NationalReturns.Web.Data;
using NationalReturns.Web.Tests.Infrastructure;

namespace NationalReturns.Web.Tests.Data;

public class SchemaTests(WebApp app) : WebAppTest(app)
{
    [Fact]
    public async Task Model_HasNoChangesThatNoMigrationCovers()
    {
        var pending = await App.WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges()));
        Assert.False(pending, "The EF model has changes no migration covers: run `dotnet ef migrations add <Name> --project src/NationalReturns.Web --output-dir Data/Migrations`.");
    }

    [Fact]
    public async Task Database_HasEveryMigrationApplied()
    {
        var pending = await App.WithDbAsync(db => db.Database.GetPendingMigrationsAsync());
        Assert.Empty(pending);
    }

    [Fact]
    public async Task SchemaScript_MatchesTheMigrations()
    {
        var generated = await App.WithDbAsync(db => Task.FromResult(
            db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent)));
        var committed = await File.ReadAllTextAsync(TestEnvironment.PathInRepository("db", "schema.sql"));

        Assert.True(Normalise(generated) == Normalise(committed),
            "db/schema.sql is out of date: run `dotnet ef migrations script --idempotent --project src/NationalReturns.Web -o db/schema.sql`.");
    }

    [Fact]
    public async Task ReferenceTables_AreAllInTheModel()
    {
        // Respawn keeps these names; a renamed table would otherwise be wiped between tests.
        var tables = await App.WithDbAsync(db => Task.FromResult(db.Model.GetEntityTypes().Select(e => e.GetTableName()).ToHashSet()));
        Assert.All(NationalReturnsDbContext.ReferenceTables, t => Assert.Contains(t, tables));
    }

    private static string Normalise(string sql) => sql.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
