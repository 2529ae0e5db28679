using System.Diagnostics;

namespace NationalReturns.Web.Infrastructure;

/// <summary>
/// Logs: plain text while developing; everywhere else one JSON object a line, for a log collector, each carrying the
/// request's ID and its trace and span IDs (so a line leads to the trace in the collector and to the profiler). One
/// line a request says what was asked and how it went. Nothing personal is logged: paths without their query, no
/// names or email addresses, no family references, no tokens or cookies.
/// </summary>
public static class Logs
{
    /// <summary>The category of the one line a request.</summary>
    public const string RequestCategory = "NationalReturns.Requests";

    public static WebApplicationBuilder AddLogs(this WebApplicationBuilder builder)
    {
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        return builder;
    }

    /// <summary>One line a request, when it has been answered: method, path (never the query), status and time.</summary>
    public static void UseRequestLog(this WebApplication app)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(RequestCategory);
        app.Use(async (context, next) =>
        {
            if (!log.IsEnabled(LogLevel.Information))
            {
                await next(context);
                return;
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                log.LogInformation("{Method} {Path} answered {Status} in {Milliseconds:0.0} ms", context.Request.Method, context.Request.Path.Value,
                    context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        });
    }
}
