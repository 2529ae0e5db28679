using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Areas;
using NationalReturns.Domain.Indicators;
using NationalReturns.Domain.Periods;
using NationalReturns.Web.Data;
using NationalReturns.Web.Features.Indicators;

namespace NationalReturns.Web.Features.Benchmarking;

/// <summary>An upper-tier authority as the benchmarking views place it.</summary>
public sealed record BenchmarkArea(string Code, string Name, string RegionCode, string RegionName, AuthorityType Type, int? HexColumn, int? HexRow, bool Current, IReadOnlyList<string> Neighbours);

/// <summary>
/// Everything the dashboards read, held in memory between publications: every stored indicator value, the
/// authorities with their regions, types, hex positions and neighbours, and each quarter's coverage. Figures
/// change only when returns are published or revised, so the work of a page is done once per edition, not once
/// per request (<see cref="Remember{T}"/>), and thrown away with the edition.
/// </summary>
public sealed class BenchmarkingSnapshot
{
    /// <summary>Derived pages and charts kept per edition; past this many, more are computed but not kept.</summary>
    public const int MostRemembered = 4_000;

    private readonly ConcurrentDictionary<string, object> _remembered = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Indicator, string Period), List<IndicatorValueRecord>> _byQuarter;
    private readonly Dictionary<(string Indicator, string Area), List<IndicatorValueRecord>> _byArea;

    public BenchmarkingSnapshot(long edition, IReadOnlyList<IndicatorValueRecord> records, IReadOnlyList<BenchmarkArea> authorities,
        IReadOnlyDictionary<string, string> regions, int disclosureLimit, double completeShare, IReadOnlyList<SelfAssessments.ScoredAssessment>? scores = null)
    {
        Edition = edition;
        Scores = (scores ?? []).GroupBy(s => s.OnsCode).ToDictionary(g => g.Key, g => (IReadOnlyList<SelfAssessments.ScoredAssessment>)g.ToList(), StringComparer.Ordinal);
        DisclosureLimit = disclosureLimit;
        CompleteShare = completeShare;
        Authorities = authorities.ToDictionary(a => a.Code, StringComparer.Ordinal);
        Regions = regions;
        Names = new Dictionary<string, string>(StringComparer.Ordinal) { [IndicatorTable.EnglandCode] = "England" };
        foreach (var (code, name) in regions)
        {
            Names[code] = name;
        }

        foreach (var a in authorities)
        {
            Names[a.Code] = a.Name;
        }

        _byQuarter = records.GroupBy(r => (r.IndicatorId, r.Period)).ToDictionary(g => g.Key, g => g.ToList());
        _byArea = records.GroupBy(r => (r.IndicatorId, r.AreaCode)).ToDictionary(g => g.Key, g => g.OrderBy(r => r.PeriodStart).ToList());

        // A quarter's coverage: the most authorities any of its England figures is made from (rolling sums need
        // four quarters, so some include fewer).
        Coverage = records.Where(r => r.Level == AreaLevel.England)
            .GroupBy(r => r.Period)
            .Select(g => (Period: ReturnPeriod.Parse(g.Key), Coverage: new Coverage(g.Max(r => r.Included), g.Max(r => r.Of))))
            .OrderBy(c => c.Period)
            .ToList();
        Periods = Coverage.Select(c => c.Period).ToList();
    }

    public long Edition { get; }

    /// <summary>
    /// The stored tables' state this was read from (values and latest computation, signed-off assessments and the
    /// latest change): the same on every instance, so what is built from it and stored (packs) can say which
    /// state it shows.
    /// </summary>
    public string Source { get; internal set; } = "";

    /// <summary>Signed-off self-assessments by authority, scored: shown beside the indicators.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<SelfAssessments.ScoredAssessment>> Scores { get; }

    public int DisclosureLimit { get; }

    public double CompleteShare { get; }

    public IReadOnlyDictionary<string, BenchmarkArea> Authorities { get; }

    /// <summary>Top-level regions by code.</summary>
    public IReadOnlyDictionary<string, string> Regions { get; }

    /// <summary>Authorities, regions and England by code.</summary>
    public Dictionary<string, string> Names { get; }

    /// <summary>Quarters with England figures, oldest first, with how many authorities they are made from.</summary>
    public IReadOnlyList<(ReturnPeriod Period, Coverage Coverage)> Coverage { get; }

    public IReadOnlyList<ReturnPeriod> Periods { get; }

    /// <summary>The quarter views open on: the newest whose England figures cover (nearly) every authority.</summary>
    public ReturnPeriod? Opening => Domain.Indicators.Coverage.Opening(Coverage, CompleteShare) ?? (Periods.Count > 0 ? Periods[^1] : null);

    public Coverage CoverageOf(ReturnPeriod period) => Coverage.Where(c => c.Period == period).Select(c => c.Coverage).FirstOrDefault();

    public bool IsProvisional(ReturnPeriod period) => !CoverageOf(period).IsComplete(CompleteShare);

    /// <summary>One indicator's stored values for a quarter, every level.</summary>
    public IReadOnlyList<IndicatorValueRecord> Quarter(string indicatorId, ReturnPeriod period) =>
        _byQuarter.TryGetValue((indicatorId, period.UrlSegment), out var list) ? list : [];

    /// <summary>One area's stored values for an indicator, oldest first.</summary>
    public IReadOnlyList<IndicatorValueRecord> Series(string indicatorId, string areaCode) =>
        _byArea.TryGetValue((indicatorId, areaCode), out var list) ? list : [];

    public IndicatorValueRecord? Find(string indicatorId, string areaCode, ReturnPeriod period)
    {
        var series = Series(indicatorId, areaCode);
        var key = period.UrlSegment;
        for (var i = series.Count - 1; i >= 0; i--)
        {
            if (series[i].Period == key)
            {
                return series[i];
            }
        }

        return null;
    }

    /// <summary>A stored value as the viewer may see it (<see cref="ShowIndicator.LineOf"/>): the one rounding and disclosure rule.</summary>
    public ShowIndicator.Line Line(IndicatorValueRecord record, Viewer viewer) =>
        ShowIndicator.LineOf(record, Names.GetValueOrDefault(record.AreaCode, record.AreaCode), viewer.SeesInFull(record), DisclosureLimit);

    /// <summary>
    /// The authorities that belong on a quarter's national views: those that existed then. An authority that has
    /// ended shows only where it existed; one yet to begin is left off.
    /// </summary>
    public IEnumerable<IndicatorValueRecord> AuthorityValues(string indicatorId, ReturnPeriod period) =>
        Quarter(indicatorId, period).Where(r => r.Level == AreaLevel.Authority && r.Symbol != ValueSymbol.NotApplicable);

    /// <summary>
    /// A derived result for this edition, computed once. The key must say everything the result depends on,
    /// the viewer's access included (<see cref="Viewer.Key"/>).
    /// </summary>
    public T Remember<T>(string key, Func<T> compute)
        where T : class
    {
        if (_remembered.TryGetValue(key, out var found))
        {
            return (T)found;
        }

        var value = compute();
        if (_remembered.Count < MostRemembered)
        {
            _remembered.TryAdd(key, value);
        }

        return value;
    }
}

/// <summary>Who is looking, as far as the figures care: whose small counts they may see in full.</summary>
/// <param name="FullAccessTo">Null for the national team (everything); otherwise the authorities seen in full (their own, or none).</param>
public sealed record Viewer(IReadOnlySet<string>? FullAccessTo)
{
    /// <summary>The part of a cache key that stands for this viewer's access.</summary>
    public string Key => FullAccessTo is null ? "*" : FullAccessTo.Count == 0 ? "-" : string.Join('+', FullAccessTo.Order(StringComparer.Ordinal));

    public bool SeesInFull(IndicatorValueRecord record) => ShowIndicator.Full(FullAccessTo, record);

    public static Viewer Of(System.Security.Claims.ClaimsPrincipal user, bool download = false) => new(IndicatorViewer.FullAccessTo(user, download));
}

/// <summary>
/// Holds the current <see cref="BenchmarkingSnapshot"/>. Rebuilding indicators calls <see cref="Changed"/>, so a
/// publication shows at once on this instance; another instance (or a rebuild run elsewhere) is noticed by a cheap
/// check of the table's stamp at most every <see cref="Recheck"/>.
/// </summary>
public sealed class BenchmarkingData(IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<Indicators.IndicatorOptions> settings, TimeProvider clock, ILogger<BenchmarkingData> log) : IDisposable
{
    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile BenchmarkingSnapshot? _current;
    private (long Count, DateTimeOffset? Latest, long Assessments, DateTimeOffset? Assessed) _stamp;
    private long _checkedAt;
    private long _edition;
    private volatile bool _stale;

    public void Dispose() => _loading.Dispose();

    /// <summary>Indicator values were rebuilt, or an assessment signed off or moderated, here: the next request reloads, whatever the stamp says.</summary>
    public void Changed() => _stale = true;

    public async Task<BenchmarkingSnapshot> GetAsync(CancellationToken ct)
    {
        var snapshot = _current;
        var now = clock.GetTimestamp();
        if (snapshot is not null && !_stale && clock.GetElapsedTime(Interlocked.Read(ref _checkedAt), now) < Recheck)
        {
            return snapshot;
        }

        await _loading.WaitAsync(ct);
        try
        {
            snapshot = _current;
            if (snapshot is not null && !_stale && clock.GetElapsedTime(Interlocked.Read(ref _checkedAt), clock.GetTimestamp()) < Recheck)
            {
                return snapshot;
            }

            var forced = _stale;
            _stale = false;
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<NationalReturnsDbContext>();
            var seen = await StampAsync(db, ct);
            if (snapshot is null || forced || seen != _stamp)
            {
                var started = clock.GetTimestamp();
                snapshot = await LoadAsync(db, scope.ServiceProvider.GetRequiredService<SelfAssessments.AssessmentScores.Handler>(), Interlocked.Increment(ref _edition), ct);
                snapshot.Source = SourceOf(seen);
                log.LogInformation("Dashboards read edition {Edition}: {Values} indicator values and {Scores} scored assessments in {Ms:0} ms",
                    snapshot.Edition, seen.Item1, snapshot.Scores.Values.Sum(s => s.Count), clock.GetElapsedTime(started).TotalMilliseconds);
                _stamp = seen;
                _current = snapshot;
            }

            Interlocked.Exchange(ref _checkedAt, clock.GetTimestamp());
            return snapshot;
        }
        finally
        {
            _loading.Release();
        }
    }

    private static string SourceOf((long Count, DateTimeOffset? Latest, long Assessments, DateTimeOffset? Assessed) stamp) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{stamp.Count}|{stamp.Latest?.UtcTicks}|{stamp.Assessments}|{stamp.Assessed?.UtcTicks}");

    /// <summary>What changes when another instance rebuilds the indicators or moves an assessment.</summary>
    private static async Task<(long, DateTimeOffset?, long, DateTimeOffset?)> StampAsync(NationalReturnsDbContext db, CancellationToken ct)
    {
        var count = await db.IndicatorValues.LongCountAsync(ct);
        var latest = await db.IndicatorValues.MaxAsync(v => (DateTimeOffset?)v.ComputedAt, ct);
        var assessments = await db.SelfAssessments.LongCountAsync(a => a.Status == Domain.SelfAssessments.AssessmentStatus.SignedOff, ct);
        var assessed = await db.SelfAssessments.MaxAsync(a => (DateTimeOffset?)a.UpdatedAt, ct);
        return (count, latest, assessments, assessed);
    }

    private async Task<BenchmarkingSnapshot> LoadAsync(NationalReturnsDbContext db, SelfAssessments.AssessmentScores.Handler scores, long number, CancellationToken ct)
    {
        var records = await db.IndicatorValues.AsNoTracking().ToListAsync(ct);
        var regions = await db.Regions.AsNoTracking().Where(r => r.ParentCode == null).ToDictionaryAsync(r => r.Code, r => r.Name, StringComparer.Ordinal, ct);
        var neighbours = (await db.StatisticalNeighbours.AsNoTracking().Select(n => new { n.AuthorityCode, n.NeighbourCode, n.Rank }).ToListAsync(ct))
            .ToLookup(n => n.AuthorityCode);
        var authorities = (await db.LocalAuthorities.AsNoTracking()
                .Select(a => new { a.OnsCode, a.Name, a.RegionCode, a.Type, a.HexColumn, a.HexRow, a.ValidTo }).ToListAsync(ct))
            .Select(a => new BenchmarkArea(a.OnsCode, a.Name, a.RegionCode, regions.GetValueOrDefault(a.RegionCode, a.RegionCode), a.Type, a.HexColumn, a.HexRow,
                a.ValidTo is null, neighbours[a.OnsCode].OrderBy(n => n.Rank).Select(n => n.NeighbourCode).ToList()))
            .ToList();
        return new BenchmarkingSnapshot(number, records, authorities, regions,
            settings.Value.DisclosureLimit,
            settings.Value.CompleteCoverage,
            await scores.SignedOffAsync(null, null, null, ct));
    }
}
