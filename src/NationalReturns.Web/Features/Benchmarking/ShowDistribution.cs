using NationalReturns.Domain.Indicators;
using NationalReturns.Domain.Statistics;

namespace NationalReturns.Web.Features.Benchmarking;

/// <summary>How one indicator's authorities spread, quarter by quarter: a box plot per quarter with England beside it.</summary>
public static class ShowDistribution
{
    public sealed record Model(CompareAreas.Frame Frame, ChartData Chart);

    public sealed class Handler(BenchmarkingData data)
    {
        /// <summary>Every quarter of the indicator: the query's quarter and group are not asked for.</summary>
        public Task<(Model? Model, CompareAreas.Failure Failure)> HandleAsync(CompareAreas.Query query, CancellationToken ct) =>
            CompareAreas.ViewAsync(data, query with { Period = null, Group = null }, "distribution", (snapshot, frame) => new Model(frame, Chart(snapshot, frame, query.Viewer)), ct);
    }

    internal static readonly ChartColumn[] Columns =
    [
        new("period", "Quarter", ColumnKind.Text),
        new("authorities", "Authorities", ColumnKind.Count),
        new("lowest", "Lowest", ColumnKind.Number),
        new("lower_quartile", "25th percentile", ColumnKind.Number),
        new("median", "Median", ColumnKind.Number),
        new("upper_quartile", "75th percentile", ColumnKind.Number),
        new("highest", "Highest", ColumnKind.Number),
        new("england", "England", ColumnKind.Number),
        new("provisional", "Provisional", ColumnKind.Text),
    ];

    /// <summary>Every quarter of the indicator, not only the one asked for: the view is of change over time.</summary>
    private static ChartData Chart(BenchmarkingSnapshot snapshot, CompareAreas.Frame frame, Viewer viewer)
    {
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var period in frame.Periods)
        {
            // From the values this viewer sees: a withheld value can never be the lowest or highest shown.
            var values = snapshot.AuthorityValues(frame.Indicator.Id, period).Select(r => snapshot.Line(r, viewer).Value).OfType<double>().ToList();
            if (BoxPlot.Of(values) is not { } box)
            {
                continue;
            }

            var england = snapshot.Find(frame.Indicator.Id, IndicatorTable.EnglandCode, period) is { } e ? snapshot.Line(e, viewer).Value : null;
            rows.Add([period.UrlSegment, box.Authorities, Round(box.Lowest), Round(box.LowerQuartile), Round(box.Median), Round(box.UpperQuartile), Round(box.Highest), england,
                snapshot.IsProvisional(period) ? "yes" : "no"]);
        }

        var summary = rows.Count == 0
            ? $"No quarter has enough {frame.Indicator.Title.ToLowerInvariant()} figures to draw."
            : $"The middle half of authorities ran from {ChartData.Shown(rows[0][3], ColumnKind.Number)} to {ChartData.Shown(rows[0][5], ColumnKind.Number)} {frame.Indicator.Unit} in {rows[0][0]}, and from {ChartData.Shown(rows[^1][3], ColumnKind.Number)} to {ChartData.Shown(rows[^1][5], ColumnKind.Number)} in {rows[^1][0]}; the median went from {ChartData.Shown(rows[0][4], ColumnKind.Number)} to {ChartData.Shown(rows[^1][4], ColumnKind.Number)}.";
        return new ChartData("box", $"distribution-{frame.Indicator.Id}", $"{frame.Indicator.Title}: how authorities spread, by quarter", summary, frame.Indicator.Unit, Columns, rows)
        {
            Polarity = Comparisons.PolarityKey(frame.Indicator.Polarity),
            Notes = rows.Any(r => (string)r[8]! == "yes") ? ["Quarters marked provisional do not yet have (nearly) every authority's return."] : [],
        };
    }

    private static double Round(double value) => IndicatorCalculator.Shown(value) ?? value;
}
