using System.Net;
using System.Text.Json;
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

    // A database of its own for each test (xunit makes a new instance per test), made from nothing by the
    // app, so the scheduler's tables and runs never meet another test's and no pooled connection is shared.
    private readonly string _database = $"nr_jobs_{Guid.NewGuid():N}";

    private string ConnectionString => TestEnvironment.ConnectionStringFor(_database);

    private const string Never = "0 0 0 1 1 ? 2099";
    private const string EveryTwoSeconds = "0/2 * * * * ?";

    /// <summary>An instance of the app with its scheduler on, the named jobs every two seconds and the others never.</summary>
    private sealed class Instance(string connectionString, string id, string? pickupFolder = null, params string[] jobs) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Default", connectionString);
            builder.UseSetting("Jobs:Enabled", "true");
            builder.UseSetting("Jobs:InstanceId", id);
            builder.UseSetting("Jobs:CheckinSeconds", "2");
            foreach (var job in ScheduledJob.Table)
            {
                builder.UseSetting($"Jobs:{job.Setting}", jobs.Contains(job.Setting.Replace("Cron", "", StringComparison.Ordinal)) ? EveryTwoSeconds : Never);
            }

            if (pickupFolder is not null)
            {
                builder.UseSetting("Email:PickupFolder", pickupFolder);
            }
        }
    }

    private static async Task AddAccountAsync(Instance app, string email, string role, string? authority)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var user = new UserAccount { UserName = email, Email = email, DisplayName = email, AuthorityCode = authority };
        await users.CreateAsync(user, WebApp.TestPassword);
        await users.AddToRoleAsync(user, role);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestEnvironment.DropDatabaseAsync(_database);


    [Fact]
    public async Task Digest_TwoInstancesOneDatabase_EachFiringRunsOnceAndEachEmailIsQueuedOnce()
    {
        await using var first = new Instance(ConnectionString, "instance-a", null, "Digest");
        _ = first.Services; // starts the app: migrates, loads reference data, starts its scheduler
        await AddAccountAsync(first, "nia@national.test", Roles.NationalTeam, null);

        await using var second = new Instance(ConnectionString, "instance-b", null, "Digest");
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

    [Fact]
    public async Task Readyz_SchedulerStartedThenInStandby_IsReadyThenNot()
    {
        await using var app = new Instance(ConnectionString, "instance-a");
        using var client = app.CreateClient();

        async Task<(HttpStatusCode Status, JsonElement Scheduler)> ReadyAsync()
        {
            using var response = await client.GetAsync("/readyz");
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            return (response.StatusCode, body.GetProperty("checks").GetProperty("scheduler"));
        }

        // The scheduler starts once the app has (Quartz waits for it), so the instance is ready a moment after.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var running = await ReadyAsync();
        while (running.Status != HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            running = await ReadyAsync();
        }

        await (await app.Services.GetRequiredService<Quartz.ISchedulerFactory>().GetScheduler()).Standby();
        var standing = await ReadyAsync();

        Assert.True(running.Status == HttpStatusCode.OK, running.Scheduler.ToString());
        Assert.Equal("Healthy", running.Scheduler.GetProperty("status").GetString());
        Assert.Equal("The scheduler instance-a is running.", running.Scheduler.GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, standing.Status);
        Assert.Equal("Unhealthy", standing.Scheduler.GetProperty("status").GetString());
        Assert.Equal("The scheduler instance-a is not running: Standby.", standing.Scheduler.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Reminders_FourteenDaysBeforeDue_LandInThePickupFolderOnSchedule_OncePerPerson()
    {
        var pickup = Path.Combine(Path.GetTempPath(), $"nr-pickup-{Guid.NewGuid():N}");
        await using var app = new Instance(ConnectionString, "instance-a", pickup, "Reminders", "Outbox");
        _ = app.Services;
        await AddAccountAsync(app, "sam@blackpool.test", Roles.Preparer, "E06000009");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var windows = scope.ServiceProvider.GetRequiredService<CollectionCalendar>();
            var db = scope.ServiceProvider.GetRequiredService<NationalReturnsDbContext>();
            db.CollectionWindowSettings.Add(new CollectionWindowSetting
            {
                Period = windows.Current.UrlSegment,
                OpensOn = windows.Current.End.AddDays(1),
                DueOn = windows.Today.AddDays(14),
                ChangedBy = "test",
            });
            await db.SaveChangesAsync();
        }

        // Wait until the reminder job has fired several times and the outbox job has sent what it queued.
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (DateTime.UtcNow < deadline
               && (await Db(db => db.JobRuns.CountAsync(r => r.Job == "reminders" && r.FinishedAt != null)) < 3
                   || await Db(db => db.OutboxMessages.CountAsync(m => m.SentAt == null)) > 0
                   || !Directory.Exists(pickup)))
        {
            await Task.Delay(1000);
        }

        var mail = Directory.GetFiles(pickup, "*.eml").Select(File.ReadAllText).ToList();
        Assert.Single(mail);
        Assert.Contains("To: sam@blackpool.test", mail[0], StringComparison.Ordinal);
        // The .eml's subject and body are MIME-encoded; the outbox row says what was sent.
        var sent = await Db(db => db.OutboxMessages.SingleAsync());
        Assert.NotNull(sent.SentAt);
        Assert.Contains("is due in 14 days", sent.Subject, StringComparison.Ordinal);
        Assert.True(await Db(db => db.JobRuns.CountAsync(r => r.Job == "reminders")) >= 3, "The reminder job should have fired repeatedly.");
        Directory.Delete(pickup, recursive: true);
    }

    private async Task<T> Db<T>(Func<NationalReturnsDbContext, Task<T>> query)
    {
        var options = new DbContextOptionsBuilder<NationalReturnsDbContext>().UseNpgsql(ConnectionString, o => o.ConfigureDataSource(s => s.EnableDynamicJson())).UseSnakeCaseNamingConvention().Options;
        await using var db = new NationalReturnsDbContext(options);
        return await query(db);
    }
}
