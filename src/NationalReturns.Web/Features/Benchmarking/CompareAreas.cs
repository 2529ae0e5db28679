using NationalReturns.Domain.Indicators;
using NationalReturns.Domain.Periods;
using NationalReturns.Web.Features.Indicators;

namespace NationalReturns.Web.Features.Benchmarking;

/// <summary>One indicator for one quarter, every authority as a sorted bar with its interval and England's line; a group picked out.</summary>
public static class CompareAreas
{
    public sealed record Query(string IndicatorId, ReturnPeriod? Period, string? Group, Viewer Viewer);

    /// <summary>What every national view of one indicator and quarter shares.</summary>
    public sealed record Frame(IndicatorDefinition Indicator, ReturnPeriod Period, IReadOnlyList<ReturnPeriod> Periods, Coverage Coverage, bool Provisional,
        ComparisonGroup? Group, IReadOnlyList<(string Key, string Label)> Groups, ShowIndicator.Line? England)
    {
        /// <summary>The snapshot the view was made from: part of the key its rendered page is kept under.</summary>
        public long Edition { get; init; }

        /// <summary>Current authorities by name, for picking one's neighbours out.</summary>
        public IReadOnlyList<(string Code, string Name)> Authorities { get; init; } = [];
    }

    public sealed record Model(Frame Frame, ChartData Chart);

    public enum Failure
    {
        None,
        NotFound,
        UnknownGroup,
    }

    public sealed class Handler(BenchmarkingData data)
    {
        public Task<(Model? Model, Failure Failure)> HandleAsync(Query query, CancellationToken ct) =>
            ViewAsync(data, query, "compare", (snapshot, frame) => new Model(frame, Chart(snapshot, frame, query.Viewer)), ct);
    }

    /// <summary>
    /// A national view of one indicator: its frame (or why there is none), and the model made from it once per
    /// edition, under a key saying what it depends on (view, indicator, quarter, group, viewer's access).
    /// </summary>
    public static async Task<(T? Model, Failure Failure)> ViewAsync<T>(BenchmarkingData data, Query query, string view, Func<BenchmarkingSnapshot, Frame, T> make, CancellationToken ct)
        where T : class
    {
        var snapshot = await data.GetAsync(ct);
        var (frame, failure) = FrameOf(snapshot, query.IndicatorId, query.Period, query.Group, query.Viewer);
        return frame is null ? (null, failure)
            : (snapshot.Remember($"{view}|{frame.Indicator.Id}|{frame.Period.UrlSegment}|{frame.Group?.Key}|{query.Viewer.Key}", () => make(snapshot, frame)), Failure.None);
    }

    /// <summary>The indicator, quarter and group a national view is asked for, or why it cannot be shown.</summary>
    public static (Frame? Frame, Failure Failure) FrameOf(BenchmarkingSnapshot snapshot, string indicatorId, ReturnPeriod? asked, string? group, Viewer viewer)
    {
        if (IndicatorCatalogue.Find(indicatorId) is not { } indicator)
        {
            return (null, Failure.NotFound);
        }

        var periods = snapshot.Periods.Where(p => snapshot.Quarter(indicator.Id, p).Count > 0).ToList();
        var period = asked ?? (snapshot.Opening is { } o && periods.Contains(o) ? o : periods.LastOrDefault());
        if (periods.Count == 0 || !periods.Contains(period))
        {
            return (null, Failure.NotFound);
        }

        if (!ComparisonGroup.TryRead(group, snapshot, out var picked))
        {
            return (null, Failure.UnknownGroup);
        }

        var coverage = snapshot.CoverageOf(period);
        var england = snapshot.Find(indicator.Id, IndicatorTable.EnglandCode, period) is { } e ? snapshot.Line(e, viewer) : null;
        return (new Frame(indicator, period, periods, coverage, !coverage.IsComplete(snapshot.CompleteShare), picked, ComparisonGroup.Offered(snapshot), england)
        {
            Edition = snapshot.Edition,
            Authorities = snapshot.Authorities.Values.Where(a => a.Current).OrderBy(a => a.Name, StringComparer.Ordinal).Select(a => (a.Code, a.Name)).ToList(),
        }, Failure.None);
    }

    internal static readonly ChartColumn[] Columns =
    [
        new("code", "Code", ColumnKind.Text),
        new("name", "Authority", ColumnKind.Area),
        new("region", "Region", ColumnKind.Text),
        new("count", "Count", ColumnKind.Count),
        new("value", "Value", ColumnKind.Number),
        new("lower_95", "95% lower", ColumnKind.Number),
        new("upper_95", "95% upper", ColumnKind.Number),
        new("rank", "Rank", ColumnKind.Count),
        new("compared_with_england", "Compared with England", ColumnKind.Comparison),
        new("highlight", "Picked out", ColumnKind.Text),
    ];

    private static ChartData Chart(BenchmarkingSnapshot snapshot, Frame frame, Viewer viewer)
    {
        var lines = ShowDashboard.Sorted(snapshot.AuthorityValues(frame.Indicator.Id, frame.Period).Select(r => snapshot.Line(r, viewer))).ToList();
        var rows = lines.Select(l => (IReadOnlyList<object?>)[l.Code, l.Name, snapshot.Authorities.TryGetValue(l.Code, out var a) ? a.RegionName : "",
            ShowDashboard.CountCell(l), l.Value, l.Lower95, l.Upper95, l.Rank, l.ComparedWithEngland, frame.Group?.Codes.Contains(l.Code) == true ? "yes" : "no"]).ToList();
        var parts = Comparisons.Tally(lines.Where(l => l.Value is not null).Select(l => l.ComparedWithEngland));
        var valued = lines.Count(l => l.Value is not null);
        var summary = $"{valued} of {lines.Count} authorities have a {frame.Indicator.Title.ToLowerInvariant()} figure shown for {frame.Period}, from {ChartData.Shown(lines.FirstOrDefault()?.Value, ColumnKind.Number)} to {ChartData.Shown(lines.LastOrDefault(l => l.Value is not null)?.Value, ColumnKind.Number)} {frame.Indicator.Unit}; England's is {ChartData.Shown(frame.England?.Value, ColumnKind.Number)}. {parts}."
            + (frame.Group is null ? "" : $" {frame.Group.Label} are picked out.");
        return new ChartData("bars", $"compare-{frame.Indicator.Id}-{frame.Period.UrlSegment}", $"{frame.Indicator.Title}, every authority, {frame.Period}", summary, frame.Indicator.Unit, Columns, rows)
        {
            Polarity = Comparisons.PolarityKey(frame.Indicator.Polarity),
            Reference = new Dictionary<string, double?> { ["england"] = frame.England?.Value },
            Notes = frame.Provisional ? [$"{frame.Period} is provisional: England's figure is made from {frame.Coverage}."] : [],
        };
    }
}
