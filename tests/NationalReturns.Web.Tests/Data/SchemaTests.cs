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

    [Fact]
    public async Task SignInSessionsMigration_WelcomeEmailsThatHeldAPassword_KeepNoneOfIt()
    {
        var connection = TestEnvironment.ConnectionStringFor($"nr_migration_{Guid.NewGuid():N}");
        var options = new DbContextOptionsBuilder<NationalReturnsDbContext>().UseNpgsql(connection).UseSnakeCaseNamingConvention().Options;
        await using var db = new NationalReturnsDbContext(options);
        var migrator = db.GetService<IMigrator>();
        try
        {
            await migrator.MigrateAsync("20261130080100_Hardening");
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO outbox_messages (key, \"to\", subject, body, created_at, next_attempt_at, attempts, sent_at) VALUES "
                + "('welcome:u1', 'jo@camden.gov.uk', 'Your account', 'Sign in with the one-off password nr-0123456789abcdef0123', now(), now(), 0, now()), "
                + "('reminder-14:E06000009:2025-26-Q2:jo@camden.gov.uk', 'jo@camden.gov.uk', 'Due', 'The return is due in 14 days.', now(), now(), 0, now())");

            await migrator.MigrateAsync("20261130091957_SignInSessions");

            var rows = await db.OutboxMessages.OrderBy(m => m.Id).Select(m => new { m.Body, m.Secret }).ToListAsync();
            Assert.DoesNotContain("nr-0123456789abcdef0123", rows[0].Body, StringComparison.Ordinal);
            Assert.True(rows[0].Secret);
            Assert.Equal("The return is due in 14 days.", rows[1].Body);
            Assert.False(rows[1].Secret);
        }
        finally
        {
            await db.Database.EnsureDeletedAsync();
        }
    }

    private static string Normalise(string sql) => sql.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
