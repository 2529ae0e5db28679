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
            Schedule<ReminderJob>(q, "reminders", jobs["RemindersCron"] ?? "0 0 7 * * ?");
            Schedule<DigestJob>(q, "digest", jobs["DigestCron"] ?? "0 0 8 * * ?");
            Schedule<OutboxJob>(q, "outbox", jobs["OutboxCron"] ?? "0 * * * * ?");
            Schedule<RecomputeJob>(q, "recompute", jobs["RecomputeCron"] ?? "0 0 2 * * ?");
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return builder;
    }

    private static void Schedule<T>(IQuartzBuilder q, string name, string cron)
        where T : IJob
    {
        q.ScheduleJob<T>(
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

[DisallowConcurrentExecution]
public sealed class ReminderJob(JobRunner runner, SendReminders.Handler handler) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        new(runner.RunAsync(context, handler.HandleAsync, cancellationToken));
}

[DisallowConcurrentExecution]
public sealed class DigestJob(JobRunner runner, SendDigest.Handler handler) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        new(runner.RunAsync(context, handler.HandleAsync, cancellationToken));
}

[DisallowConcurrentExecution]
public sealed class OutboxJob(JobRunner runner, DeliverOutbox.Handler handler) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        new(runner.RunAsync(context, handler.HandleAsync, cancellationToken));
}

[DisallowConcurrentExecution]
public sealed class RecomputeJob(JobRunner runner, RebuildIndicators.Handler handler) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        new(runner.RunAsync(context, handler.HandleAsync, cancellationToken));
}
