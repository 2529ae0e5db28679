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
        builder.Services.AddScoped<ReturnEmails>();
        builder.Services.AddSingleton<EmailSender>();
        builder.Services.AddScoped<JobRunner>();
        var jobs = JobsOptions.From(builder.Configuration);
        if (!jobs.Enabled)
        {
            return builder;
        }

        var connectionString = DatabaseOptions.From(builder.Configuration).ConnectionString;
        builder.Services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = "national-returns";
                if (jobs.InstanceId is { Length: > 0 } id)
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
                store.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(jobs.CheckinSeconds));
                store.ProvisionSchema();
            });
            foreach (var job in ScheduledJob.Table)
            {
                Schedule(q, job.Name, jobs.Schedules[job.Setting]);
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
        // A job is a trace of its own, as a request is: the profiler lists it and its statements.
        using var span = Telemetry.Step($"job {run.Job}");
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
    /// One scheduled job: the name it is stored and recorded under (kept as first used, since the scheduler's tables
    /// and the job runs hold it), the setting that holds its schedule (<see cref="JobsOptions"/>, with its default),
    /// and the handler it runs.
    /// </summary>
    public sealed record Job(string Name, string Setting, Func<IServiceProvider, Func<CancellationToken, Task<string>>> Handler);

    public static readonly IReadOnlyList<Job> Table =
    [
        new("reminders", nameof(JobsOptions.RemindersCron), s => s.GetRequiredService<SendReminders.Handler>().HandleAsync),
        new("digest", nameof(JobsOptions.DigestCron), s => s.GetRequiredService<SendDigest.Handler>().HandleAsync),
        new("outbox", nameof(JobsOptions.OutboxCron), s => s.GetRequiredService<DeliverOutbox.Handler>().HandleAsync),
        new("recompute", nameof(JobsOptions.RebuildIndicatorsCron), s => s.GetRequiredService<RebuildIndicators.Handler>().HandleAsync),
        // Packs whose figures have changed (a publication, a revision, the nightly rebuild) are rebuilt within ten minutes.
        new("packs", nameof(JobsOptions.BuildPacksCron), s => s.GetRequiredService<Features.Packs.BuildPacks.Handler>().HandleAsync),
    ];

    private static readonly Dictionary<string, Job> ByName = Table.ToDictionary(j => j.Name);

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        new(runner.RunAsync(context, ByName[context.JobDetail.Key.Name].Handler(services), cancellationToken));
}
