using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using NationalReturns.Web.Data;
using Npgsql;

namespace NationalReturns.Web.Tests.Infrastructure;

/// <summary>/healthz says the process answers and asks nothing else; /readyz says whether this instance can serve.</summary>
public class HealthTests(WebApp app) : WebAppTest(app)
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> AskAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static (string Status, string Description) Check(JsonElement body, string name)
    {
        var check = body.GetProperty("checks").GetProperty(name);
        return (check.GetProperty("status").GetString()!, check.GetProperty("description").GetString()!);
    }

    /// <summary>The app without preparing its database at start-up (it could not), scheduled jobs off.</summary>
    private static WebApplicationFactory<Program> Unprepared(string connectionString) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("ConnectionStrings:Default", connectionString);
            b.UseSetting("Database:PrepareOnStartup", "false");
            b.UseSetting("Jobs:Enabled", "false"); // the scheduler needs its database to start at all
        });

    [Fact]
    public async Task Readyz_MigratedDatabaseJobsOff_IsReadyAndSaysJobsAreOff()
    {
        using var client = App.CreateHttpClient();
        var migrations = await App.WithDbAsync(db => Task.FromResult(db.Database.GetMigrations().Count()));

        var (status, body) = await AskAsync(client, "/readyz");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal(("Healthy", "The database answers."), Check(body, "database"));
        Assert.Equal(("Healthy", $"All {migrations} migrations are applied."), Check(body, "migrations"));
        var scheduler = Check(body, "scheduler");
        Assert.Equal("Healthy", scheduler.Status);
        Assert.Contains("Jobs:Enabled is false", scheduler.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthzAndReadyz_DatabaseUnreachable_AliveButNotReady()
    {
        // A port nothing listens on: the process is alive, but cannot serve.
        await using var unreachable = Unprepared("Host=127.0.0.1;Port=1;Username=postgres;Database=none;Timeout=2");
        using var client = unreachable.CreateClient();

        var (liveStatus, live) = await AskAsync(client, "/healthz");
        var (readyStatus, ready) = await AskAsync(client, "/readyz");

        Assert.Equal(HttpStatusCode.OK, liveStatus);
        Assert.Equal("Healthy", live.GetProperty("status").GetString());
        Assert.Empty(live.GetProperty("checks").EnumerateObject());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyStatus);
        Assert.Equal("Unhealthy", ready.GetProperty("status").GetString());
        Assert.Equal(("Unhealthy", "The database does not answer."), Check(ready, "database"));
        Assert.Equal("Unhealthy", Check(ready, "migrations").Status);
        Assert.Equal("Healthy", Check(ready, "scheduler").Status);
    }

    [Fact]
    public async Task Readyz_LatestMigrationNotApplied_IsNotReadyAndNamesIt()
    {
        // A new release started against a database one migration behind, as when a DBA applies db/schema.sql.
        var database = $"nr_pending_{Guid.NewGuid():N}";
        var connectionString = TestEnvironment.ConnectionStringFor(database);
        await TestEnvironment.ExecuteOnServerAsync($"CREATE DATABASE {database}");
        try
        {
            await using var behind = Unprepared(connectionString);
            IReadOnlyList<string> migrations;
            await using (var scope = behind.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<NationalReturnsDbContext>();
                migrations = [.. db.Database.GetMigrations()];
                await db.GetService<IMigrator>().MigrateAsync(migrations[^2]);
            }

            using var client = behind.CreateClient();
            var (liveStatus, _) = await AskAsync(client, "/healthz");
            var (readyStatus, ready) = await AskAsync(client, "/readyz");

            Assert.Equal(HttpStatusCode.OK, liveStatus);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, readyStatus);
            Assert.Equal("Unhealthy", ready.GetProperty("status").GetString());
            Assert.Equal("Healthy", Check(ready, "database").Status);
            Assert.Equal(("Unhealthy", $"1 of {migrations.Count} migrations not applied, the newest {migrations[^1]}."), Check(ready, "migrations"));
        }
        finally
        {
            await TestEnvironment.DropDatabaseAsync(database);
        }
    }
}
