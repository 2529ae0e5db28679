using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NationalReturns.Web.Data.ReferenceData;

namespace NationalReturns.Web.Data;

public static class DatabaseSetup
{
    public static WebApplicationBuilder AddDatabase(this WebApplicationBuilder builder)
    {
        builder.Services.AddDbContext<NationalReturnsDbContext>((services, options) =>
        {
            // Also refused at start-up (DatabaseOptions); this covers tools that build the app without starting it.
            var connectionString = services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString;
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
        if (!app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.PrepareOnStartup)
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NationalReturnsDbContext>();
        await db.Database.MigrateAsync();
        await Infrastructure.SharedKeys.LoadKeyRingAsync(scope.ServiceProvider, db, CancellationToken.None);
        var folder = app.Services.GetRequiredService<IOptions<ReferenceDataOptions>>().Value.Folder;
        await scope.ServiceProvider.GetRequiredService<ReferenceDataLoader>().LoadAsync(folder);
        await scope.ServiceProvider.GetRequiredService<Features.SelfAssessments.AssessmentFrameworks.Handler>().LoadAsync(Path.Combine(folder, "frameworks"));
        var accounts = scope.ServiceProvider.GetRequiredService<Features.Account.SeedAccounts.Handler>();
        await accounts.EnsureRolesAsync();
        if (app.Services.GetRequiredService<IOptions<Infrastructure.DemoOptions>>().Value.SeedAccounts)
        {
            await accounts.EnsureDemoAccountsAsync();
            await accounts.EnsureDemoApiClientsAsync();
        }
    }
}
