using NationalReturns.Web.Data;
using NationalReturns.Web.Features.Indicators;
using NationalReturns.Web.Features.Notifications;
using Quartz;

namespace NationalReturns.Web.Infrastructure;

/// <summary>
/// Quartz on PostgreSQL, clustered: with several instances on one database, each firing runs on exactly
/// one of them. Jobs hold no logic; each calls its handler through <see cref="JobRunner"/>, which
/// records the run.
/// </summary>
public static class ScheduledWork
{
    public static WebApplicationBuilder AddScheduledWork(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<Outbox>();
        builder.Services.AddSingleton<EmailSender>();
        builder.Services.AddScoped<JobRunner>();
        var jobs = builder.Configuration.GetSection("Jobs");
        if (!jobs.GetValue("Enabled", true))
        {
            return builder;
        }

        var connectionString = builder.Configuration.GetConnectionString("Default");
        builder.Services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = "national-returns";
                if (jobs["InstanceId"] is { Length: > 0 } id)
                {
                    o.InstanceId = id;
                }
                else
                {
                    o.GenerateInstanceId = true;
                }
            });
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString!);
                store.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(jobs.GetValue("CheckinSeconds", 15)));
                store.ProvisionSchema();
            });
            foreach (var (name, setting, cron) in ScheduledJob.Table)
            {
                Schedule(q, name, jobs[setting] ?? cron);
            }
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return builder;
    }

    private static void Schedule(IQuartzBuilder q, string name, string cron)
    {
        q.ScheduleJob<ScheduledJob>(
            trigger => trigger.WithIdentity($"{name}-trigger").WithCronSchedule(cron, c => c.InTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Europe/London"))),
            job => job.WithIdentity(name).StoreDurably());
    }
}

/// <summary>Runs a job's handler and records the run, so each firing can be seen (and counted) afterwards.</summary>
public sealed class JobRunner(NationalReturnsDbContext db, TimeProvider clock, ILogger<JobRunner> log)
{
    public async Task RunAsync(IJobExecutionContext context, Func<CancellationToken, Task<string>> work, CancellationToken ct)
    {
        var run = new JobRun
        {
            Job = context.JobDetail.Key.Name,
            ScheduledFor = context.ScheduledFireTimeUtc ?? context.FireTimeUtc,
            Instance = context.Scheduler.SchedulerInstanceId,
            StartedAt = clock.GetUtcNow(),
        };
        db.JobRuns.Add(run);
        await db.SaveChangesAsync(ct);
        try
        {
            run.Outcome = await work(ct);
        }
        catch (Exception ex)
        {
            run.Outcome = $"failed: {ex.Message}";
            log.LogError(ex, "Job {Job} failed", run.Job);
            throw new JobExecutionException(ex);
        }
        finally
        {
            run.FinishedAt = clock.GetUtcNow();
            db.ChangeTracker.Clear();
            db.JobRuns.Attach(run).State = Microsoft.EntityFrameworkCore.EntityState.Modified;
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }
}

/// <summary>
/// Every scheduled job: it looks up its handler by the job's name and runs it through <see cref="JobRunner"/>.
/// Concurrency is refused per job name, so a slow rebuild never holds up the outbox.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ScheduledJob(JobRunner runner, IServiceProvider services) : IJob
{
    /// <summary>
    /// The jobs: the name each is stored and recorded under (kept as first used, since the scheduler's tables and
    /// the job runs hold it), the setting that overrides its schedule, its default schedule (Europe/London), and its handler.
    /// </summary>
    public static readonly IReadOnlyList<(string Name, string Setting, string Cron)> Table =
    [
        ("reminders", "RemindersCron", "0 0 7 * * ?"),
        ("digest", "DigestCron", "0 0 8 * * ?"),
        ("outbox", "OutboxCron", "0 * * * * ?"),
        ("recompute", "RebuildIndicatorsCron", "0 0 2 * * ?"),
    ];

    private static Func<CancellationToken, Task<string>> Work(IServiceProvider services, string name) => name switch
    {
        "reminders" => services.GetRequiredService<SendReminders.Handler>().HandleAsync,
        "digest" => services.GetRequiredService<SendDigest.Handler>().HandleAsync,
        "outbox" => services.GetRequiredService<DeliverOutbox.Handler>().HandleAsync,
        "recompute" => services.GetRequiredService<RebuildIndicators.Handler>().HandleAsync,
        _ => throw new InvalidOperationException($"No handler runs the scheduled job '{name}'."),
    };

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        new(runner.RunAsync(context, Work(services, context.JobDetail.Key.Name), cancellationToken));
}
