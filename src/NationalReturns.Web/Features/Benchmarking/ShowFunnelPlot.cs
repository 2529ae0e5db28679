using NationalReturns.Domain.Indicators;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Statistics;

namespace NationalReturns.Web.Features.Benchmarking;

/// <summary>
/// A funnel plot: each authority's value against its denominator, with the limits England's value would give an
/// authority of that size by chance alone (<see cref="FunnelLimits"/>: Fingertips' methods 5 for proportions and 6
/// for rates). Small authorities scatter widely; only a point outside the funnel stands out from England.
/// </summary>
public static class ShowFunnelPlot
{
    public sealed record Model(CompareAreas.Frame Frame, ChartData Chart);

    public sealed class Handler(BenchmarkingData data)
    {
        public Task<(Model? Model, CompareAreas.Failure Failure)> HandleAsync(CompareAreas.Query query, CancellationToken ct) =>
            CompareAreas.ViewAsync(data, query, "funnel", (snapshot, frame) => new Model(frame, Chart(snapshot, frame, query.Viewer)), ct);
    }

    internal static readonly ChartColumn[] Columns =
    [
        new("code", "Code", ColumnKind.Text),
        new("name", "Authority", ColumnKind.Area),
        new("denominator", "Denominator", ColumnKind.Count),
        new("count", "Count", ColumnKind.Count),
        new("value", "Value", ColumnKind.Number),
        new("lower_95_limit", "95% limit below", ColumnKind.Number),
        new("upper_95_limit", "95% limit above", ColumnKind.Number),
        new("lower_99_8_limit", "99.8% limit below", ColumnKind.Number),
        new("upper_99_8_limit", "99.8% limit above", ColumnKind.Number),
        new("against_funnel", "Against the funnel", ColumnKind.Comparison),
        new("highlight", "Picked out", ColumnKind.Text),
    ];

    /// <summary>The limits at one denominator, on the indicator's scale, or null where they cannot be drawn.</summary>
    public static (Interval L95, Interval L998)? Limits(IndicatorDefinition indicator, double england, double denominator)
    {
        if (!ConfidenceIntervals.IsUsableDenominator(denominator) || !double.IsFinite(england) || england < 0)
        {
            return null;
        }

        if (indicator.Interval == IntervalMethod.WilsonProportion)
        {
            var share = england / indicator.Multiplier;
            if (share > 1)
            {
                return null;
            }

            return (FunnelLimits.Proportion(share, denominator, Confidence.Ninety5).Scale(indicator.Multiplier),
                FunnelLimits.Proportion(share, denominator, Confidence.Ninety9Point8).Scale(indicator.Multiplier));
        }

        return (FunnelLimits.Rate(england, denominator, indicator.Multiplier, Confidence.Ninety5),
            FunnelLimits.Rate(england, denominator, indicator.Multiplier, Confidence.Ninety9Point8));
    }

    private static ChartData Chart(BenchmarkingSnapshot snapshot, CompareAreas.Frame frame, Viewer viewer)
    {
        var indicator = frame.Indicator;
        var englandRecord = snapshot.Find(indicator.Id, IndicatorTable.EnglandCode, frame.Period);
        var england = englandRecord?.Value;

        // Only the points this viewer may see: a withheld authority is neither plotted nor lends its size to the curves.
        var points = snapshot.AuthorityValues(indicator.Id, frame.Period)
            .Select(r => (Record: r, Line: snapshot.Line(r, viewer)))
            .Where(p => p.Line.Value is not null && p.Line.Denominator is { } d && ConfidenceIntervals.IsUsableDenominator(d))
            .OrderBy(p => p.Line.Denominator)
            .ToList();
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var (record, line) in points)
        {
            var limits = england is { } e ? Limits(indicator, e, line.Denominator!.Value) : null;
            var judged = limits is { } l ? FunnelLimits.Judge(record.Value!.Value, l.L95, l.L998, indicator.Polarity).ToString() : nameof(Significance.NotCompared);
            rows.Add([line.Code, line.Name, line.Denominator, ShowDashboard.CountCell(line), line.Value,
                Round(limits?.L95.Lower), Round(limits?.L95.Upper), Round(limits?.L998.Lower), Round(limits?.L998.Upper), judged,
                frame.Group?.Codes.Contains(line.Code) == true ? "yes" : "no"]);
        }

        var curves = new List<ChartCurve>();
        if (england is { } benchmark && points.Count > 0)
        {
            var x = FunnelLimits.CurveDenominators(points.Select(p => p.Line.Denominator!.Value).ToList());
            var at = x.Select(d => Limits(indicator, benchmark, d)).ToList();
            curves.Add(new("lower_99_8", "99.8% limits", x, at.Select(l => Round(l?.L998.Lower)).ToList()));
            curves.Add(new("lower_95", "95% limits", x, at.Select(l => Round(l?.L95.Lower)).ToList()));
            curves.Add(new("upper_95", "95% limits", x, at.Select(l => Round(l?.L95.Upper)).ToList()));
            curves.Add(new("upper_99_8", "99.8% limits", x, at.Select(l => Round(l?.L998.Upper)).ToList()));
        }

        var tally = Comparisons.Tally(rows.Select(r => (string)r[9]!)).Replace("England", "the funnel's England", StringComparison.Ordinal);
        var summary = points.Count == 0
            ? $"No authority has a {indicator.Title.ToLowerInvariant()} figure shown for {frame.Period}."
            : $"{points.Count} authorities plotted by size for {indicator.Title.ToLowerInvariant()}, {frame.Period}, against England's {ChartData.Shown(frame.England?.Value, ColumnKind.Number)} {indicator.Unit}: {tally}. A point outside the 99.8% limits is very unlikely to be chance.";
        return new ChartData("funnel", $"funnel-{indicator.Id}-{frame.Period.UrlSegment}", $"{indicator.Title} against the size of each authority, {frame.Period}", summary, indicator.Unit, Columns, rows)
        {
            Polarity = Comparisons.PolarityKey(indicator.Polarity),
            Reference = new Dictionary<string, double?> { ["england"] = frame.England?.Value },
            Curves = curves,
            Notes = frame.Provisional ? [$"{frame.Period} is provisional: England's figure is made from {frame.Coverage}."] : [],
        };
    }

    private static double? Round(double? value) => value is { } v && double.IsFinite(v) ? Math.Round(v, 3, MidpointRounding.AwayFromZero) : null;
}
