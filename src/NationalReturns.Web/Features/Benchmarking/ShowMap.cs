using NationalReturns.Domain.Statistics;

namespace NationalReturns.Web.Features.Benchmarking;

/// <summary>
/// One indicator on the hex map of England's upper-tier authorities, one equal hex each (so London's boroughs are
/// as visible as the counties), coloured by comparison with England or by quartile.
/// </summary>
public static class ShowMap
{
    public enum Colouring
    {
        Comparison,
        Quartile,
    }

    public sealed record Model(CompareAreas.Frame Frame, Colouring Colouring, ChartData Chart);

    public sealed class Handler(BenchmarkingData data)
    {
        public Task<(Model? Model, CompareAreas.Failure Failure)> HandleAsync(CompareAreas.Query query, Colouring colouring, CancellationToken ct) =>
            CompareAreas.ViewAsync(data, query, $"map-{colouring}", (snapshot, frame) => new Model(frame, colouring, Chart(snapshot, frame, colouring, query.Viewer)), ct);
    }

    internal static readonly ChartColumn[] Columns =
    [
        new("code", "Code", ColumnKind.Text),
        new("name", "Authority", ColumnKind.Area),
        new("region", "Region", ColumnKind.Text),
        new("column", "Hex column", ColumnKind.Count),
        new("row", "Hex row", ColumnKind.Count),
        new("value", "Value", ColumnKind.Number),
        new("quartile", "Quartile (1 lowest)", ColumnKind.Count),
        new("compared_with_england", "Compared with England", ColumnKind.Comparison),
        new("highlight", "Picked out", ColumnKind.Text),
    ];

    private static ChartData Chart(BenchmarkingSnapshot snapshot, CompareAreas.Frame frame, Colouring colouring, Viewer viewer)
    {
        // Every current authority has a place on the map (the reference data guarantees it), figure or not.
        var values = snapshot.AuthorityValues(frame.Indicator.Id, frame.Period).ToDictionary(r => r.AreaCode, r => snapshot.Line(r, viewer), StringComparer.Ordinal);
        var rows = snapshot.Authorities.Values
            .Where(a => a is { HexColumn: not null, HexRow: not null })
            .OrderByDescending(a => a.HexRow).ThenBy(a => a.HexColumn)
            .Select(a => values.GetValueOrDefault(a.Code) is { } l
                ? (IReadOnlyList<object?>)[a.Code, a.Name, a.RegionName, a.HexColumn, a.HexRow, l.Value, l.Quartile, l.ComparedWithEngland, frame.Group?.Codes.Contains(a.Code) == true ? "yes" : "no"]
                : [a.Code, a.Name, a.RegionName, a.HexColumn, a.HexRow, null, null, nameof(Significance.NotCompared), frame.Group?.Codes.Contains(a.Code) == true ? "yes" : "no"])
            .ToList();
        var tally = Comparisons.Tally(rows.Where(r => r[5] is double).Select(r => (string)r[7]!));
        var summary = $"Each hexagon is one of {rows.Count} authorities, coloured by {(colouring == Colouring.Quartile ? "the quarter of authorities its value falls in" : "its comparison with England")} for {frame.Indicator.Title.ToLowerInvariant()} in {frame.Period}: {tally}.";
        return new ChartData("map", $"map-{frame.Indicator.Id}-{frame.Period.UrlSegment}", $"{frame.Indicator.Title} across England, {frame.Period}", summary, frame.Indicator.Unit, Columns, rows)
        {
            Polarity = Comparisons.PolarityKey(frame.Indicator.Polarity),
            Reference = new Dictionary<string, double?> { ["england"] = frame.England?.Value },
        };
    }
}
