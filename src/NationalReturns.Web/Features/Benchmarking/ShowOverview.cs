using NationalReturns.Domain.Indicators;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Statistics;

namespace NationalReturns.Web.Features.Benchmarking;

/// <summary>
/// Fingertips' "tartan rug": every authority against every indicator for one quarter, each cell carrying its value
/// and coloured (and labelled) by its comparison with England; filtered by region or type, sorted by any column.
/// </summary>
public static class ShowOverview
{
    public sealed record Query(ReturnPeriod? Period, string? Group, string? Sort, Viewer Viewer);

    public sealed record Model(ReturnPeriod Period, IReadOnlyList<ReturnPeriod> Periods, Coverage Coverage, bool Provisional, ComparisonGroup? Group,
        IReadOnlyList<(string Key, string Label)> Groups, string Sort, ChartData Table)
    {
        public long Edition { get; init; }
    }

    public sealed class Handler(BenchmarkingData data)
    {
        public async Task<(Model? Model, CompareAreas.Failure Failure)> HandleAsync(Query query, CancellationToken ct)
        {
            var snapshot = await data.GetAsync(ct);
            var period = query.Period ?? snapshot.Opening;
            if (period is not { } chosen || !snapshot.Periods.Contains(chosen))
            {
                return (null, CompareAreas.Failure.NotFound);
            }

            if (!ComparisonGroup.TryRead(query.Group, snapshot, out var group))
            {
                return (null, CompareAreas.Failure.UnknownGroup);
            }

            var sort = query.Sort is { } s && (s == "name" || IndicatorCatalogue.Find(s) is not null) ? s : "name";
            return (snapshot.Remember($"overview|{chosen.UrlSegment}|{group?.Key}|{sort}|{query.Viewer.Key}", () =>
            {
                var coverage = snapshot.CoverageOf(chosen);
                return new Model(chosen, snapshot.Periods, coverage, !coverage.IsComplete(snapshot.CompleteShare), group, ComparisonGroup.Offered(snapshot), sort,
                    Table(snapshot, chosen, group, sort, query.Viewer))
                {
                    Edition = snapshot.Edition,
                };
            }), CompareAreas.Failure.None);
        }
    }

    public static IReadOnlyList<ChartColumn> Columns { get; } =
    [
        new("code", "Code", ColumnKind.Text),
        new("name", "Authority", ColumnKind.Area),
        new("region", "Region", ColumnKind.Text),
        .. IndicatorCatalogue.All.SelectMany(i => new ChartColumn[] { new(i.Id, i.Title, ColumnKind.Number), new($"{i.Id}_compared", $"{i.Title} compared with England", ColumnKind.Comparison) }),
    ];

    private static ChartData Table(BenchmarkingSnapshot snapshot, ReturnPeriod period, ComparisonGroup? group, string sort, Viewer viewer)
    {
        var lines = IndicatorCatalogue.All.ToDictionary(i => i.Id,
            i => snapshot.AuthorityValues(i.Id, period).ToDictionary(r => r.AreaCode, r => snapshot.Line(r, viewer), StringComparer.Ordinal));
        var areas = snapshot.Authorities.Values
            .Where(a => lines.Values.Any(l => l.ContainsKey(a.Code)) && (group is null || group.Codes.Contains(a.Code)));
        var rows = areas.Select(a => (IReadOnlyList<object?>)
            [
                a.Code, a.Name, a.RegionName,
                .. IndicatorCatalogue.All.SelectMany(i => lines[i.Id].GetValueOrDefault(a.Code) is { } l
                    ? new object?[] { l.Value is { } v ? v : l.Symbol is { Length: > 0 } s ? s : null, l.ComparedWithEngland }
                    : [null, nameof(Significance.NotCompared)]),
            ]);
        var column = sort == "name" ? 1 : 3 + (2 * IndicatorCatalogue.All.ToList().FindIndex(i => i.Id == sort));
        var sorted = (sort == "name"
            ? rows.OrderBy(r => (string)r[1]!, StringComparer.Ordinal)
            : rows.OrderBy(r => r[column] is not double).ThenBy(r => r[column] as double?).ThenBy(r => (string)r[1]!, StringComparer.Ordinal)).ToList();
        var england = IndicatorCatalogue.All.ToDictionary(i => i.Id, i => snapshot.Find(i.Id, IndicatorTable.EnglandCode, period) is { } e ? snapshot.Line(e, viewer).Value : null);
        var worst = IndicatorCatalogue.All.Where(i => i.Polarity != Polarity.None)
            .Select(i => (Indicator: i, Worse: sorted.Count(r => r[3 + (2 * IndicatorCatalogue.All.ToList().IndexOf(i)) + 1] is "Worse" or "Worst")))
            .OrderByDescending(x => x.Worse).FirstOrDefault();
        var summary = $"{sorted.Count} authorities{(group is null ? "" : $" ({group.Label})")} by {IndicatorCatalogue.All.Count} indicators for {period}, each cell coloured by its comparison with England."
            + (worst.Indicator is null ? "" : $" Most often worse than England: {worst.Indicator.Title.ToLowerInvariant()} ({worst.Worse} authorities).");
        return new ChartData("overview", $"overview-{period.UrlSegment}", $"Every authority and indicator, {period}", summary, "", Columns, sorted)
        {
            Reference = england,
        };
    }
}
