using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;

namespace NationalReturns.Web.Infrastructure;

/// <summary>
/// The profiler (what MiniProfiler gives, on OpenTelemetry): the spans of the last <see cref="Kept"/> requests and
/// jobs, each with its SQL statements and their durations, in a ring that overwrites the oldest, so memory stays
/// bounded however busy the service is. Statements are kept as the service sent them, with placeholders: parameter
/// values (names, family references) are never read, and a request's path is kept without its query's values.
/// </summary>
public sealed class RequestProfiles
{
    /// <summary>Requests and jobs kept.</summary>
    public const int Kept = 500;

    /// <summary>Spans kept for one request; the rest are counted.</summary>
    public const int MostSpans = 300;

    /// <summary>Traces being gathered at once; beyond it a trace goes unprofiled (its request still runs).</summary>
    private const int MostGathering = 1_000;

    private const int MostSqlCharacters = 4_000;

    private readonly Profile?[] _ring = new Profile?[Kept];
    private readonly ConcurrentDictionary<ActivityTraceId, Gathering> _gathering = new();
    private readonly IHostEnvironment _environment;
    private long _written;

    public RequestProfiles(IHostEnvironment environment)
    {
        _environment = environment;
        Processor = new SpanProcessor(this);
    }

    public sealed record Span(string Name, string Kind, double StartMs, double DurationMs, int Depth, string? Sql, bool Failed);

    /// <summary>One request or job: when, what, how long, its spans in the order they started, and how many were left out.</summary>
    public sealed record Profile(string TraceId, DateTimeOffset At, string What, int? Status, double DurationMs, int SqlCount, double SqlMs, IReadOnlyList<Span> Spans, int SpansLeftOut)
    {
        /// <summary>Statements run more than once, with how many times: the N+1 finder's evidence.</summary>
        public IEnumerable<(string Sql, int Calls, double Ms)> Repeated() =>
            Spans.Where(s => s.Sql is not null).GroupBy(s => s.Sql!, StringComparer.Ordinal)
                .Select(g => (g.Key, g.Count(), g.Sum(s => s.DurationMs))).Where(g => g.Item2 > 1).OrderByDescending(g => g.Item2);
    }

    /// <summary>Fed every span that ends; added to the tracer so the profiler sees what an exporter sees.</summary>
    public BaseProcessor<Activity> Processor { get; }

    /// <summary>Who may see profiles: admins, and everyone while developing.</summary>
    public bool MaySee(HttpContext context) =>
        context.User.IsInRole(Roles.Admin) || (_environment.IsDevelopment() && context.User.Identity?.IsAuthenticated == true);

    /// <summary>
    /// The badge a page ends with for those who may see profiles: the request's time and SQL statements so far (the
    /// page is still being written), linking to its timeline. Empty for everyone else.
    /// </summary>
    public string Badge(HttpContext context)
    {
        if (!MaySee(context) || context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpActivityFeature>()?.Activity is not { } request)
        {
            return "";
        }

        var (statements, _) = SqlSoFar(request.TraceId);
        var ms = (DateTime.UtcNow - request.StartTimeUtc).TotalMilliseconds;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"<a class=\"nr-profiler-badge\" data-field=\"profiler-badge\" href=\"/admin/profiler/{request.TraceId.ToHexString()}\" title=\"This request's timeline: its steps and SQL statements\">{ms:0} ms · {statements} SQL</a>");
    }

    /// <summary>The newest first.</summary>
    public IReadOnlyList<Profile> Recent()
    {
        var written = Interlocked.Read(ref _written);
        var list = new List<Profile>(Kept);
        for (var i = 1; i <= Math.Min(written, Kept); i++)
        {
            if (Volatile.Read(ref _ring[(written - i) % Kept]) is { } profile)
            {
                list.Add(profile);
            }
        }

        return list;
    }

    public Profile? Find(string traceId) => Recent().FirstOrDefault(p => p.TraceId == traceId);

    /// <summary>SQL statements a trace has run so far, and their time: for the Server-Timing header and the badge.</summary>
    public (int Statements, double Ms) SqlSoFar(ActivityTraceId trace) =>
        _gathering.TryGetValue(trace, out var gathering) ? gathering.Sql() : (0, 0);

    private void Ended(Activity activity)
    {
        var isRoot = activity.Parent is null;
        if (!isRoot)
        {
            if (!_gathering.TryGetValue(activity.TraceId, out var found))
            {
                if (_gathering.Count >= MostGathering)
                {
                    // Spans that end after their request did (work it left running) start traces that never end here.
                    foreach (var stale in _gathering.Where(g => g.Value.Age > TimeSpan.FromMinutes(1)).Select(g => g.Key).ToList())
                    {
                        _gathering.TryRemove(stale, out _);
                    }

                    if (_gathering.Count >= MostGathering)
                    {
                        return;
                    }
                }

                found = _gathering.GetOrAdd(activity.TraceId, _ => new Gathering());
            }

            found.Add(activity);
            return;
        }

        _gathering.TryRemove(activity.TraceId, out var gathered);
        // A request, or a job or step of the service's own that no request started; a lone statement (the audit
        // writer's) is not a profile.
        var isRequest = activity.Kind == ActivityKind.Server;
        if (!isRequest && activity.Source.Name != Telemetry.Source.Name)
        {
            return;
        }

        var spans = gathered?.Spans(activity) ?? ([], 0);
        var (count, ms) = gathered?.Sql() ?? (0, 0);
        var status = activity.GetTagItem("http.response.status_code") is { } code ? Convert.ToInt32(code, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
        var profile = new Profile(activity.TraceId.ToHexString(), new DateTimeOffset(activity.StartTimeUtc, TimeSpan.Zero), Describe(activity, isRequest), status,
            activity.Duration.TotalMilliseconds, count, ms, spans.Kept, spans.LeftOut);
        var slot = Interlocked.Increment(ref _written) - 1;
        Volatile.Write(ref _ring[slot % Kept], profile);
    }

    /// <summary>"GET /packs/areas/E06000009.xlsx?period=…": the path as asked, the query's names without their values.</summary>
    private static string Describe(Activity activity, bool isRequest)
    {
        if (!isRequest)
        {
            return activity.DisplayName;
        }

        var method = activity.GetTagItem("http.request.method") as string ?? "";
        var path = activity.GetTagItem("url.path") as string ?? activity.DisplayName;
        var query = activity.GetTagItem("url.query") as string;
        if (query is { Length: > 1 })
        {
            var names = query.TrimStart('?').Split('&').Select(p => p.Split('=')[0]).Where(n => n.Length is > 0 and < 40).Take(10);
            path += "?" + string.Join('&', names.Select(n => $"{n}=…"));
        }

        return $"{method} {path}";
    }

    /// <summary>A database client span (Npgsql's, or any with the semantic conventions' query text): its statement.</summary>
    private static string? SqlOf(Activity activity) =>
        (activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement")) is string sql ? sql.Length > MostSqlCharacters ? sql[..MostSqlCharacters] + "…" : sql
        : activity.Source.Name == "Npgsql" ? activity.DisplayName
        : null;

    /// <summary>One trace's ended spans, kept until its root ends.</summary>
    private sealed class Gathering
    {
        private readonly List<Activity> _spans = [];
        private readonly long _started = Stopwatch.GetTimestamp();
        private int _leftOut;
        private int _sqlCount;
        private long _sqlTicks;

        public TimeSpan Age => Stopwatch.GetElapsedTime(_started);

        public void Add(Activity activity)
        {
            if (SqlOf(activity) is not null)
            {
                Interlocked.Increment(ref _sqlCount);
                Interlocked.Add(ref _sqlTicks, activity.Duration.Ticks);
            }

            lock (_spans)
            {
                if (_spans.Count < MostSpans)
                {
                    _spans.Add(activity);
                }
                else
                {
                    _leftOut++;
                }
            }
        }

        public (int, double) Sql() => (Volatile.Read(ref _sqlCount), TimeSpan.FromTicks(Interlocked.Read(ref _sqlTicks)).TotalMilliseconds);

        public (IReadOnlyList<Span> Kept, int LeftOut) Spans(Activity root)
        {
            List<Activity> spans;
            lock (_spans)
            {
                spans = [.. _spans];
            }

            var depth = new Dictionary<ActivitySpanId, int> { [root.SpanId] = 0 };
            int DepthOf(Activity a)
            {
                if (depth.TryGetValue(a.SpanId, out var d))
                {
                    return d;
                }

                var parent = spans.FirstOrDefault(s => s.SpanId == a.ParentSpanId);
                d = parent is null ? 1 : DepthOf(parent) + 1;
                depth[a.SpanId] = d;
                return d;
            }

            var list = spans.OrderBy(s => s.StartTimeUtc).Select(s => new Span(s.DisplayName, s.Source.Name, (s.StartTimeUtc - root.StartTimeUtc).TotalMilliseconds,
                s.Duration.TotalMilliseconds, DepthOf(s), SqlOf(s), s.Status == ActivityStatusCode.Error)).ToList();
            return (list, _leftOut);
        }
    }

    private sealed class SpanProcessor(RequestProfiles profiles) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data) => profiles.Ended(data);
    }
}
