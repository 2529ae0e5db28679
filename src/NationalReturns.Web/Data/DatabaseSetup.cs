using Microsoft.EntityFrameworkCore;
using NationalReturns.Web.Data.ReferenceData;

namespace NationalReturns.Web.Data;

public static class DatabaseSetup
{
    public static WebApplicationBuilder AddDatabase(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Default");
        builder.Services.AddDbContext<NationalReturnsDbContext>(options =>
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    "No database is configured. Set ConnectionStrings__Default (see README.md), or start the service with .dev/run, which starts a local PostgreSQL.");
            }

            // Version figures are a jsonb dictionary, which Npgsql serialises only when asked to.
            options.UseNpgsql(connectionString, npgsql => npgsql.ConfigureDataSource(source => source.EnableDynamicJson())).UseSnakeCaseNamingConvention();
        });
        builder.Services.AddScoped<ReferenceDataLoader>();
        return builder;
    }

    /// <summary>Migrates the schema, reads (or makes) the key ring and loads the reference data; each is a no-op when already done.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Database:PrepareOnStartup", true))
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NationalReturnsDbContext>();
        await db.Database.MigrateAsync();
        await Infrastructure.SharedKeys.LoadKeyRingAsync(scope.ServiceProvider, db, CancellationToken.None);
        var folder = app.Configuration["ReferenceData:Folder"] ?? ReferenceDataLoader.DefaultFolder;
        await scope.ServiceProvider.GetRequiredService<ReferenceDataLoader>().LoadAsync(folder);
        await scope.ServiceProvider.GetRequiredService<Features.SelfAssessments.AssessmentFrameworks.Handler>().LoadAsync(Path.Combine(folder, "frameworks"));
        var accounts = scope.ServiceProvider.GetRequiredService<Features.Account.SeedAccounts.Handler>();
        await accounts.EnsureRolesAsync();
        if (app.Configuration.GetValue("Demo:SeedAccounts", false))
        {
            await accounts.EnsureDemoAccountsAsync();
            await accounts.EnsureDemoApiClientsAsync();
        }
    }
}
