using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;
using Npgsql;

namespace NationalReturns.Web.Tests.Notifications;

/// <summary>Two instances of the app on one database, both running the scheduler: each firing runs once.</summary>
public sealed class ScheduledWorkTests : IAsyncLifetime
{
    private static readonly string[] Instances = ["instance-a", "instance-b"];

    private static readonly string ConnectionString = TestEnvironment.ConnectionStringFor("nr_jobs_tests");

    private sealed class Instance(string id) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Default", ConnectionString);
            builder.UseSetting("Jobs:Enabled", "true");
            builder.UseSetting("Jobs:InstanceId", id);
            builder.UseSetting("Jobs:CheckinSeconds", "2");
            builder.UseSetting("Jobs:DigestCron", "0/2 * * * * ?");
            builder.UseSetting("Jobs:RemindersCron", "0 0 0 1 1 ? 2099");
            builder.UseSetting("Jobs:OutboxCron", "0 0 0 1 1 ? 2099");
            builder.UseSetting("Jobs:RecomputeCron", "0 0 0 1 1 ? 2099");
        }
    }

    public async Task InitializeAsync()
    {
        // A database of its own, from nothing, so the other tests' reset never touches the scheduler's tables.
        var server = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres" }.ConnectionString;
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand("DROP DATABASE IF EXISTS nr_jobs_tests WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Digest_TwoInstancesOneDatabase_EachFiringRunsOnceAndEachEmailIsQueuedOnce()
    {
        await using var first = new Instance("instance-a");
        _ = first.Services; // starts the app: migrates, loads reference data, starts its scheduler
        await using (var scope = first.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            var nia = new UserAccount { UserName = "nia@national.test", Email = "nia@national.test", DisplayName = "Nia" };
            await users.CreateAsync(nia, WebApp.TestPassword);
            await users.AddToRoleAsync(nia, Roles.NationalTeam);
        }

        await using var second = new Instance("instance-b");
        _ = second.Services;

        var deadline = DateTime.UtcNow.AddSeconds(40);
        List<JobRun> runs;
        do
        {
            await Task.Delay(1000);
            runs = await Db(db => db.JobRuns.Where(r => r.Job == "digest" && r.FinishedAt != null).ToListAsync());
        }
        while (runs.Select(r => r.ScheduledFor).Distinct().Count() < 6 && DateTime.UtcNow < deadline);

        Assert.True(runs.Select(r => r.ScheduledFor).Distinct().Count() >= 6, $"Only {runs.Count} digest runs in 40 seconds.");
        Assert.All(runs.GroupBy(r => r.ScheduledFor), firing => Assert.Single(firing));
        Assert.All(runs, r => Assert.Contains(r.Instance, Instances));
        Assert.Equal(1, await Db(db => db.OutboxMessages.CountAsync(m => m.To == "nia@national.test")));
    }

    private static async Task<T> Db<T>(Func<NationalReturnsDbContext, Task<T>> query)
    {
        var options = new DbContextOptionsBuilder<NationalReturnsDbContext>().UseNpgsql(ConnectionString, o => o.ConfigureDataSource(s => s.EnableDynamicJson())).UseSnakeCaseNamingConvention().Options;
        await using var db = new NationalReturnsDbContext(options);
        return await query(db);
    }
}
