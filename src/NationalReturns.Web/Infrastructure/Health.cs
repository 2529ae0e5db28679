using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NationalReturns.Web.Data;
using Quartz;

namespace NationalReturns.Web.Infrastructure;

public sealed class DatabaseHealthCheck(NationalReturnsDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy("The database answers.")
                : HealthCheckResult.Unhealthy("The database does not answer.");
        }
#pragma warning disable CA1031 // Any failure to reach the database is, by definition, unhealthy.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", ex);
        }
    }
}

/// <summary>
/// The schema is the one this build expects: every migration it carries is applied. An instance of a new release
/// started against a database not yet migrated (Database:PrepareOnStartup off, a DBA running db/schema.sql) would
/// fail on every query that touches what is missing; it is not ready until the schema is.
/// </summary>
public sealed class MigrationsHealthCheck(NationalReturnsDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> pending;
        try
        {
            pending = [.. await db.Database.GetPendingMigrationsAsync(cancellationToken)];
        }
#pragma warning disable CA1031 // Whatever stops the history being read leaves the schema unknown, so not ready.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("Cannot tell which migrations are applied: the migration history could not be read.", ex);
        }

        return pending.Count == 0
            ? HealthCheckResult.Healthy($"All {db.Database.GetMigrations().Count()} migrations are applied.")
            : HealthCheckResult.Unhealthy($"{pending.Count} of {db.Database.GetMigrations().Count()} migrations not applied, the newest {pending[^1]}.");
    }
}

/// <summary>
/// The scheduler is running, where this instance runs scheduled jobs (Jobs:Enabled). An instance with jobs off is
/// ready without one, and says so, so that a load balancer does not take it out and a person reading the answer
/// knows this instance runs none.
/// </summary>
public sealed class SchedulerHealthCheck(Microsoft.Extensions.Options.IOptions<JobsOptions> jobs, IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!jobs.Value.Enabled)
        {
            return HealthCheckResult.Healthy("Scheduled jobs are off on this instance (Jobs:Enabled is false).");
        }

        // Asked for here, not taken in the constructor: Quartz is registered only where jobs are on.
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler(cancellationToken);
        var id = await scheduler.GetSchedulerInstanceId(cancellationToken);
        var status = await scheduler.GetStatus(cancellationToken);
        return status == SchedulerStatus.Running
            ? HealthCheckResult.Healthy($"The scheduler {id} is running.")
            : HealthCheckResult.Unhealthy($"The scheduler {id} is not running: {status}.");
    }
}

/// <summary>
/// Two questions, for two kinds of caller. <c>/healthz</c>, liveness: the process answers, and nothing else is asked,
/// so a database outage never has every instance restarted at once. <c>/readyz</c>, readiness: this instance can serve
/// (the database answers, its schema is migrated, its scheduler runs where jobs are on), so a load balancer sends it
/// requests. Both are open to anyone and say no more than each check's name, status and description.
/// </summary>
public static class Health
{
    private const string Ready = "ready";

    public static WebApplicationBuilder AddHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<MigrationsHealthCheck>("migrations", tags: [Ready], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<SchedulerHealthCheck>("scheduler", tags: [Ready], timeout: TimeSpan.FromSeconds(5));
        return builder;
    }

    public static void MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready), ResponseWriter = WriteAsync }).AllowAnonymous();
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }
}
