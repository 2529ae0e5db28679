using NationalReturns.Domain.Indicators;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Statistics;
using NationalReturns.Web.Features.Indicators;
using Line = NationalReturns.Web.Features.Indicators.ShowIndicator.Line;

namespace NationalReturns.Web.Features.Benchmarking;

/// <summary>
/// An area's dashboard for one quarter: every indicator against England, its region and its ten statistical
/// neighbours; a spine chart of them all; and per indicator a trend and a neighbours chart. Made from the stored
/// values once per edition and viewer access (<see cref="BenchmarkingSnapshot.Remember{T}"/>).
/// </summary>
public static class ShowDashboard
{
    /// <param name="SeesScores">The viewer may see the area's self-assessment scores (national figures, or its own staff).</param>
    public sealed record Query(string OnsCode, ReturnPeriod? Period, Viewer Viewer, bool SeesScores = false);

    /// <summary>One indicator's line of the summary table.</summary>
    public sealed record Summary(IndicatorDefinition Indicator, Line? Area, Line? England, Line? Region, IReadOnlyList<Line> Neighbours, ChartData Trend, ChartData NeighboursChart);

    public sealed record Model(BenchmarkArea Area, ReturnPeriod Period, IReadOnlyList<ReturnPeriod> Periods, Coverage Coverage, bool Provisional,
        IReadOnlyList<Summary> Rows, ChartData Spine, ChartData Table, int DisclosureLimit)
    {
        /// <summary>The snapshot the model was made from: part of the key its rendered page is kept under.</summary>
        public long Edition { get; init; }

        /// <summary>Signed-off self-assessments, newest first per framework; null where the viewer may not see them.</summary>
        public IReadOnlyList<SelfAssessments.ScoredAssessment>? Scores { get; init; }
    }

    public sealed class Handler(BenchmarkingData data)
    {
        /// <summary>Null when the authority is unknown, has no figures, or has none for the quarter asked for.</summary>
        public async Task<Model?> HandleAsync(Query query, CancellationToken ct)
        {
            using var span = Infrastructure.Telemetry.Step("gather dashboard");
            var snapshot = await data.GetAsync(ct);
            if (!snapshot.Authorities.TryGetValue(query.OnsCode, out var area))
            {
                return null;
            }

            // The quarters with at least one of the area's own figures (a value, or one withheld): x and z alone are nothing to show.
            var periods = snapshot.Remember($"dashboard-periods|{area.Code}", () => snapshot.Periods
                .Where(p => IndicatorCatalogue.All.Any(i => snapshot.Find(i.Id, area.Code, p) is { Symbol: ValueSymbol.None or ValueSymbol.Suppressed })).ToList());
            var period = query.Period ?? (snapshot.Opening is { } o && periods.Contains(o) ? o : periods.LastOrDefault());
            if (periods.Count == 0 || !periods.Contains(period))
            {
                return null;
            }

            var model = snapshot.Remember($"dashboard|{area.Code}|{period.UrlSegment}|{query.Viewer.Key}", () => Build(snapshot, area, period, periods, query.Viewer));
            return query.SeesScores ? model with { Scores = snapshot.Scores.GetValueOrDefault(area.Code, []) } : model;
        }
    }

    public static Model Build(BenchmarkingSnapshot snapshot, BenchmarkArea area, ReturnPeriod period, IReadOnlyList<ReturnPeriod> periods, Viewer viewer)
    {
        Line? LineAt(string indicator, string code, ReturnPeriod p) => snapshot.Find(indicator, code, p) is { } r ? snapshot.Line(r, viewer) : null;

        var rows = new List<Summary>();
        foreach (var indicator in IndicatorCatalogue.All)
        {
            var neighbours = area.Neighbours.Select(n => LineAt(indicator.Id, n, period)).OfType<Line>().Where(l => l.Symbol != "z").ToList();
            var mine = LineAt(indicator.Id, area.Code, period);
            rows.Add(new Summary(indicator, mine, LineAt(indicator.Id, IndicatorTable.EnglandCode, period), LineAt(indicator.Id, area.RegionCode, period), neighbours,
                Trend(snapshot, area, indicator, viewer), NeighboursChart(snapshot, area, indicator, period, mine, neighbours)));
        }

        var coverage = snapshot.CoverageOf(period);
        return new Model(area, period, periods, coverage, !coverage.IsComplete(snapshot.CompleteShare), rows, Spine(snapshot, area, period, rows, viewer),
            Table(area, period, rows), snapshot.DisclosureLimit)
        {
            Edition = snapshot.Edition,
        };
    }

    internal static readonly ChartColumn[] TableColumns =
    [
        new("indicator_id", "Indicator code", ColumnKind.Text),
        new("indicator", "Indicator", ColumnKind.Text),
        new("unit", "Unit", ColumnKind.Text),
        new("count", "Count", ColumnKind.Count),
        new("value", "Value", ColumnKind.Number),
        new("lower_95", "95% lower", ColumnKind.Number),
        new("upper_95", "95% upper", ColumnKind.Number),
        new("england", "England", ColumnKind.Number),
        new("england_included", "England: authorities included", ColumnKind.Count),
        new("england_of", "England: authorities expected", ColumnKind.Count),
        new("region", "Region", ColumnKind.Number),
        new("region_included", "Region: authorities included", ColumnKind.Count),
        new("region_of", "Region: authorities expected", ColumnKind.Count),
        new("neighbours_median", "Neighbours' median", ColumnKind.Number),
        new("rank", "Rank", ColumnKind.Count),
        new("rank_of", "Ranked of", ColumnKind.Count),
        new("quartile", "Quartile (1 lowest)", ColumnKind.Count),
        new("compared_with_england", "Compared with England", ColumnKind.Comparison),
        new("compared_with_region", "Compared with region", ColumnKind.Comparison),
        new("change_since_previous", "Change since last quarter", ColumnKind.Number),
        new("change_since_previous_significance", "Last quarter's change", ColumnKind.Comparison),
        new("change_since_year_earlier", "Change since a year earlier", ColumnKind.Number),
        new("change_since_year_earlier_significance", "A year's change", ColumnKind.Comparison),
        new("trend", "Recent trend", ColumnKind.Text),
    ];

    /// <summary>The summary table as data: what its CSV and JSON hold, row for row with the page.</summary>
    private static ChartData Table(BenchmarkArea area, ReturnPeriod period, IReadOnlyList<Summary> rows)
    {
        var lines = rows.Select(r => (IReadOnlyList<object?>)
        [
            r.Indicator.Id, r.Indicator.Title, r.Indicator.Unit, r.Area is null ? "x" : CountCell(r.Area), r.Area?.Value, r.Area?.Lower95, r.Area?.Upper95,
            r.England?.Value, r.England?.Included, r.England?.Of, r.Region?.Value, r.Region?.Included, r.Region?.Of, r.Area?.NeighboursMedian,
            r.Area?.Rank, r.Area?.RankOf, r.Area?.Quartile, r.Area?.ComparedWithEngland ?? nameof(Significance.NotCompared), r.Area?.ComparedWithRegion ?? nameof(Significance.NotCompared),
            r.Area?.ChangeSincePrevious, r.Area?.ChangeSincePreviousSignificance, r.Area?.ChangeSinceYearEarlier, r.Area?.ChangeSinceYearEarlierSignificance,
            r.Area is null ? "" : IndicatorViewer.Trend(r.Area.Trend),
        ]).ToList();
        var summary = $"{area.Name}, {period}: {Comparisons.Tally(rows.Where(r => r.Area?.Value is not null).Select(r => r.Area!.ComparedWithEngland))}.";
        return new ChartData("table", $"dashboard-{area.Code}-{period.UrlSegment}", $"{area.Name}: every indicator, {period}", summary, "", TableColumns, lines);
    }

    internal static readonly ChartColumn[] SpineColumns =
    [
        new("indicator", "Indicator", ColumnKind.Text),
        new("unit", "Unit", ColumnKind.Text),
        new("area", "Area", ColumnKind.Number),
        new("compared_with_england", "Compared with England", ColumnKind.Comparison),
        new("region", "Region", ColumnKind.Number),
        new("england", "England", ColumnKind.Number),
        new("worst", "Worst authority", ColumnKind.Number),
        new("worse_quartile", "25th percentile (worse side)", ColumnKind.Number),
        new("better_quartile", "75th percentile (better side)", ColumnKind.Number),
        new("best", "Best authority", ColumnKind.Number),
        new("area_position", "Area's marker (0 worst end, 1 best end)", ColumnKind.Number),
        new("region_position", "Region's marker", ColumnKind.Number),
        new("worst_position", "Worst end", ColumnKind.Number),
        new("worse_quartile_position", "Worse quartile", ColumnKind.Number),
        new("better_quartile_position", "Better quartile", ColumnKind.Number),
        new("best_position", "Best end", ColumnKind.Number),
        new("authorities", "Authorities with a value", ColumnKind.Count),
    ];

    /// <summary>
    /// The spine chart (<see cref="SpineChart.Row"/>): drawn from the values this viewer sees, so a withheld
    /// authority's value can never show as the worst or best. Indicators without a polarity are left off: a spine
    /// reads better to the right, which they have not got.
    /// </summary>
    private static ChartData Spine(BenchmarkingSnapshot snapshot, BenchmarkArea area, ReturnPeriod period, IReadOnlyList<Summary> rows, Viewer viewer)
    {
        var lines = new List<IReadOnlyList<object?>>();
        var notes = new List<string>();
        foreach (var row in rows)
        {
            if (row.Indicator.Polarity == Polarity.None)
            {
                notes.Add($"{row.Indicator.Title} is left off: it has no better or worse direction to place it by.");
                continue;
            }

            var all = snapshot.AuthorityValues(row.Indicator.Id, period).ToList();
            var shown = all.Select(r => snapshot.Line(r, viewer)).Where(l => l.Value is not null).Select(l => l.Value!.Value).ToList();
            var spine = SpineChart.Row(shown, all.Count, row.England?.Value, row.Indicator.Polarity, row.Area?.Value, row.Region?.Value);
            if (spine is null)
            {
                notes.Add($"{row.Indicator.Title} is left off: {all.Count - shown.Count} of {all.Count} authorities have no value shown for {period}, a quarter or more.");
                continue;
            }

            lines.Add([row.Indicator.Title, row.Indicator.Unit, row.Area?.Value, row.Area?.ComparedWithEngland ?? nameof(Significance.NotCompared), row.Region?.Value, spine.England,
                spine.WorstValue, spine.Q25Value, spine.Q75Value, spine.BestValue, spine.Area, spine.Region, spine.Worst, spine.Q25, spine.Q75, spine.Best, spine.Authorities]);
        }

        var compared = lines.GroupBy(l => Comparisons.Phrase((string)l[3]!)).Select(g => $"{g.Count()} {g.Key}").ToList();
        var summary = lines.Count == 0
            ? $"No indicator can be placed on the spine chart for {period}."
            : $"Of the {lines.Count} indicators on the chart for {period}, {area.Name} is {string.Join(", ", compared)}.";
        return new ChartData("spine", $"spine-{area.Code}", $"{area.Name} against England and every authority, {period}", summary, "", SpineColumns, lines)
        {
            Polarity = "better-right",
            Notes = notes,
        };
    }

    internal static readonly ChartColumn[] TrendColumns =
    [
        new("period", "Quarter", ColumnKind.Text),
        new("count", "Count", ColumnKind.Count),
        new("value", "Area", ColumnKind.Number),
        new("lower_95", "95% lower", ColumnKind.Number),
        new("upper_95", "95% upper", ColumnKind.Number),
        new("england", "England", ColumnKind.Number),
        new("region", "Region", ColumnKind.Number),
        new("neighbours_median", "Neighbours' median", ColumnKind.Number),
        new("compared_with_england", "Compared with England", ColumnKind.Comparison),
        new("provisional", "Provisional", ColumnKind.Text),
    ];

    private static ChartData Trend(BenchmarkingSnapshot snapshot, BenchmarkArea area, IndicatorDefinition indicator, Viewer viewer)
    {
        var lines = new List<IReadOnlyList<object?>>();
        foreach (var record in snapshot.Series(indicator.Id, area.Code))
        {
            if (record.Symbol == ValueSymbol.NotApplicable)
            {
                continue;
            }

            var p = ReturnPeriod.Parse(record.Period);
            var line = snapshot.Line(record, viewer);
            var england = snapshot.Find(indicator.Id, IndicatorTable.EnglandCode, p) is { } e ? snapshot.Line(e, viewer).Value : null;
            var region = snapshot.Find(indicator.Id, area.RegionCode, p) is { } r ? snapshot.Line(r, viewer).Value : null;
            lines.Add([p.UrlSegment, CountCell(line), line.Value, line.Lower95, line.Upper95, england, region, line.NeighboursMedian, line.ComparedWithEngland,
                snapshot.IsProvisional(p) ? "yes" : "no"]);
        }

        var valued = lines.Where(l => l[2] is double).ToList();
        var trend = snapshot.Series(indicator.Id, area.Code).LastOrDefault(r => r.Symbol != ValueSymbol.NotApplicable) is { } last ? IndicatorViewer.Trend(snapshot.Line(last, viewer).Trend).ToLowerInvariant() : "cannot be calculated";
        var summary = valued.Count == 0
            ? $"{area.Name} has no {indicator.Title.ToLowerInvariant()} figure shown for any quarter."
            : $"{area.Name}'s {indicator.Title.ToLowerInvariant()} went from {ChartData.Shown(valued[0][2], ColumnKind.Number)} in {valued[0][0]} to {ChartData.Shown(valued[^1][2], ColumnKind.Number)} {indicator.Unit} in {valued[^1][0]}; England's was {ChartData.Shown(valued[^1][5], ColumnKind.Number)}. Recent trend: {trend}.";
        return new ChartData("trend", $"trend-{area.Code}-{indicator.Id}", $"{indicator.Title}, {area.Name}, by quarter", summary, indicator.Unit, TrendColumns, lines)
        {
            Polarity = Comparisons.PolarityKey(indicator.Polarity),
        };
    }

    internal static readonly ChartColumn[] BarColumns =
    [
        new("code", "Code", ColumnKind.Text),
        new("name", "Authority", ColumnKind.Area),
        new("count", "Count", ColumnKind.Count),
        new("value", "Value", ColumnKind.Number),
        new("lower_95", "95% lower", ColumnKind.Number),
        new("upper_95", "95% upper", ColumnKind.Number),
        new("compared_with_england", "Compared with England", ColumnKind.Comparison),
        new("highlight", "Picked out", ColumnKind.Text),
    ];

    private static ChartData NeighboursChart(BenchmarkingSnapshot snapshot, BenchmarkArea area, IndicatorDefinition indicator, ReturnPeriod period, Line? mine, List<Line> neighbours)
    {
        var bars = (mine is null ? neighbours : neighbours.Prepend(mine)).ToList();
        var lines = Sorted(bars).Select(l => (IReadOnlyList<object?>)[l.Code, l.Name, CountCell(l), l.Value, l.Lower95, l.Upper95, l.ComparedWithEngland, l.Code == area.Code ? "yes" : "no"]).ToList();
        var england = snapshot.Find(indicator.Id, IndicatorTable.EnglandCode, period)?.Value is { } e ? IndicatorCalculator.Shown(e) : null;
        var valued = lines.Where(l => l[3] is double).ToList();
        var place = valued.FindIndex(l => (string)l[0]! == area.Code);
        var summary = place < 0
            ? $"{area.Name} has no {indicator.Title.ToLowerInvariant()} figure shown for {period}; {valued.Count} of its {neighbours.Count} neighbours do."
            : $"{area.Name} is {Comparisons.Ordinal(place + 1)} lowest of {valued.Count} (itself and its statistical neighbours with a figure) for {indicator.Title.ToLowerInvariant()} in {period}, at {ChartData.Shown(valued[place][3], ColumnKind.Number)} {indicator.Unit} against England's {ChartData.Shown(england, ColumnKind.Number)}.";
        return new ChartData("bars", $"neighbours-{area.Code}-{indicator.Id}", $"{indicator.Title}: {area.Name} and its statistical neighbours, {period}", summary, indicator.Unit, BarColumns, lines)
        {
            Polarity = Comparisons.PolarityKey(indicator.Polarity),
            Reference = new Dictionary<string, double?> { ["england"] = england },
        };
    }

    /// <summary>Lowest value first; those without a value last, by name.</summary>
    public static IEnumerable<Line> Sorted(IEnumerable<Line> lines) =>
        lines.OrderBy(l => l.Value is null).ThenBy(l => l.Value).ThenBy(l => l.Name, StringComparer.Ordinal);

    /// <summary>A count as shown: the number, or c where withheld, or the symbol (x, z) where there is none.</summary>
    public static object? CountCell(Line line) =>
        line.CountShown == ShowIndicator.CountShown.Withheld ? "c" : line.Numerator is { } n ? n : line.Symbol is { Length: > 0 } s ? s : null;
}
