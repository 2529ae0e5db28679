using System.Diagnostics;
using System.Globalization;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace NationalReturns.Web.Infrastructure;

/// <summary>
/// OpenTelemetry traces and metrics: every request (ASP.NET Core), every SQL statement (Npgsql), every scheduled job
/// and the service's own slow steps (<see cref="Source"/>). In-process they feed <see cref="RequestProfiles"/>, the
/// profiler admins see; for a production collector an OTLP exporter is switched on by setting
/// <c>Telemetry:OtlpEndpoint</c> (or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>).
/// </summary>
public static class Telemetry
{
    public const string ServiceName = "national-returns";

    /// <summary>The service's own spans: reading, validating and storing a return, rebuilding indicators, rendering dashboards, building packs, jobs.</summary>
    public static readonly ActivitySource Source = new("NationalReturns");

    /// <summary>A span of the service's own work, named for what is being done (null when nobody is listening).</summary>
    public static Activity? Step(string name) => Source.StartActivity(name);

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var otlp = TelemetryOptions.From(builder.Configuration).Endpoint;
        builder.Services.AddSingleton<RequestProfiles>();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(Source.Name)
                    .AddAspNetCoreInstrumentation(o => o.RecordException = true)
                    .AddNpgsql()
                    .AddProcessor(services => services.GetRequiredService<RequestProfiles>().Processor);
                if (otlp is not null)
                {
                    tracing.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddRuntimeInstrumentation().AddNpgsqlInstrumentation();
                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            });
        return builder;
    }

    /// <summary>
    /// A <c>Server-Timing</c> header on every response: the time to the first byte and the SQL run until then, so a
    /// browser's developer tools show what the profiler shows. First in the pipeline, so it covers everything after.
    /// </summary>
    public static void UseServerTiming(this WebApplication app)
    {
        var profiles = app.Services.GetRequiredService<RequestProfiles>();
        app.Use((context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            var trace = Activity.Current?.TraceId;
            context.Response.OnStarting(() =>
            {
                var (statements, sqlMs) = trace is { } id ? profiles.SqlSoFar(id) : (0, 0.0);
                context.Response.Headers["Server-Timing"] = string.Create(
                    CultureInfo.InvariantCulture,
                    $"app;dur={Stopwatch.GetElapsedTime(started).TotalMilliseconds:0.0};desc=\"to first byte\", sql;dur={sqlMs:0.0};desc=\"{statements} SQL statements\"");
                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
