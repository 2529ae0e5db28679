using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NationalReturns.Domain.Indicators;
using NationalReturns.Domain.Periods;
using NationalReturns.Web.Data;
using NationalReturns.Web.Features.Indicators;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;

namespace NationalReturns.Web.Tests.Indicators;

/// <summary>
/// Over the whole demo collection, every indicator and quarter, as officials see it and as each authority
/// sees it (its own figures in full): a reader who adds up every visible figure (authorities' counts, region
/// and England counts to the nearest 10) cannot narrow any c to a single value, and nothing shown beside
/// the authorities (ranks, neighbours' medians, changes) is worked out from a c.
/// </summary>
[Collection(DemoQuarters.Name)]
public sealed class DisclosureOverTheDemoTests(DemoCollectionApp app)
{
    private async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    [Fact]
    public async Task Indicators_EveryIndicatorQuarterAndAudience_NoWithheldCountCanBeWorkedOut()
    {
        var regionOf = await WithScopeAsync(s => s.GetRequiredService<NationalReturnsDbContext>().LocalAuthorities.AsNoTracking().ToDictionaryAsync(a => a.OnsCode, a => a.RegionCode));
        var periods = (await WithScopeAsync(s => s.GetRequiredService<NationalReturnsDbContext>().IndicatorValues.AsNoTracking()
            .Where(v => v.Level == AreaLevel.England).Select(v => v.Period).Distinct().ToListAsync())).Select(ReturnPeriod.Parse).Order().ToList();
        var checkedTables = 0;
        var hiddenSeen = 0;
        var failures = new List<string>();

        foreach (var indicator in IndicatorCatalogue.All)
        {
            foreach (var period in periods)
            {
                var shown = await TableAsync(indicator.Id, period, fullAccessTo: new HashSet<string>());
                var truth = await TableAsync(indicator.Id, period, fullAccessTo: null);
                checkedTables++;
                var hidden = shown.Authorities.Where(l => l.CountShown == ShowIndicator.CountShown.Withheld).Select(l => l.Code).ToList();
                hiddenSeen += hidden.Count;

                // Officials, then each authority's staff, who also know their own withheld figure.
                foreach (var knows in hidden.Select(h => (string?)h).Prepend(null))
                {
                    foreach (var target in hidden.Where(h => h != knows))
                    {
                        var (low, high) = Reader.Bounds(indicator, shown, truth, regionOf, target, knows);
                        if (low >= high)
                        {
                            failures.Add($"{indicator.Id} {period}: {target}'s c is worked out as {low} by {(knows is null ? "any reader" : $"the staff of {knows}")}");
                        }
                    }
                }

                failures.AddRange(DerivedFigures(indicator, period, shown));
            }
        }

        Assert.True(hiddenSeen > 100, $"the demo has only {hiddenSeen} withheld figures: the test would prove little");
        Assert.Empty(failures);
        Assert.Equal(IndicatorCatalogue.All.Count * periods.Count, checkedTables);
    }

    [Fact]
    public async Task Published_OfficialsSeeTheIndicatorsCountsWithTheSameDisclosure()
    {
        using var official = await app.SignedInAsync(Roles.Official);
        var period = DemoCollectionApp.Last.Previous;

        var page = await Pages.GetAsync(official, $"/published?period={period.UrlSegment}");
        var table = await TableAsync("YJ-FTE", period, fullAccessTo: new HashSet<string>());
        var custody = await TableAsync("CARE-CLA", period, fullAccessTo: new HashSet<string>());

        foreach (var row in page.QuerySelectorAll("[data-authority]"))
        {
            var code = row.GetAttribute("data-authority")!;
            var cells = row.QuerySelectorAll("td").Select(c => c.Text().Replace(" R", "", StringComparison.Ordinal)).ToList();
            Assert.Equal(Expected(table.Authorities.SingleOrDefault(l => l.Code == code)), cells[3]);
            Assert.Equal(Expected(custody.Authorities.SingleOrDefault(l => l.Code == code)), cells[1]);
        }

        Assert.Contains(page.QuerySelectorAll("td"), c => c.Text() == "c");
    }

    private static string Expected(ShowIndicator.Line? line) =>
        line is null || line.Symbol is "x" or "z" ? "x" : line.CountShown == ShowIndicator.CountShown.Withheld ? "c" : IndicatorViewer.Count(line.Numerator);

    private sealed record Table(IReadOnlyList<ShowIndicator.Line> Authorities, IReadOnlyList<ShowIndicator.Line> Regions, ShowIndicator.Line England);

    private Task<Table> TableAsync(string indicator, ReturnPeriod period, IReadOnlySet<string>? fullAccessTo) => WithScopeAsync(async s =>
    {
        var show = s.GetRequiredService<ShowIndicator.Handler>();
        var authorities = (await show.HandleAsync(new(indicator, period, AreaLevel.Authority, fullAccessTo), CancellationToken.None))!;
        var regions = (await show.HandleAsync(new(indicator, period, AreaLevel.Region, fullAccessTo), CancellationToken.None))!;
        return new Table(authorities.Lines, regions.Lines, authorities.England!);
    });

    /// <summary>What is shown beside the authorities must come from figures everyone can see.</summary>
    private static IEnumerable<string> DerivedFigures(IndicatorDefinition indicator, ReturnPeriod period, Table shown)
    {
        var visible = shown.Authorities.Where(l => l.Value is not null).ToList();
        foreach (var line in shown.Authorities.Where(l => l.CountShown == ShowIndicator.CountShown.Withheld))
        {
            if (line.Rank is not null || line.Quartile is not null || line.Value is not null || line.ChangeSincePrevious is not null)
            {
                yield return $"{indicator.Id} {period}: {line.Code} is c but shows a rank, quartile, value or change";
            }
        }

        if (visible.Any(l => l.RankOf != visible.Count) || (visible.Count > 0 && visible.Max(l => l.Rank) > visible.Count))
        {
            yield return $"{indicator.Id} {period}: ranks are not among the {visible.Count} authorities shown";
        }
    }

    /// <summary>
    /// A reader who knows how the tables are made: a c is 1 to 4 (0 to 4 for the part of a proportion whose
    /// whole is withheld), a rounded total R is the true total from R − 5 to R + 4, and the regions add up to England.
    /// </summary>
    private static class Reader
    {
        public static (long Low, long High) Bounds(IndicatorDefinition indicator, Table shown, Table truth, Dictionary<string, string> regionOf, string target, string? knows)
        {
            var count = truth.Authorities.ToDictionary(l => l.Code, l => l.Numerator);
            var whole = truth.Authorities.ToDictionary(l => l.Code, l => l.Denominator);
            var withheld = shown.Authorities.Where(l => l.CountShown == ShowIndicator.CountShown.Withheld).Select(l => l.Code).ToHashSet();

            // The totals add up the authorities with a figure: those the full table gives a count and a denominator.
            var included = truth.Authorities.Where(l => l.Numerator is not null && l.Denominator is > 0).Select(l => l.Code).ToList();

            // For a proportion, a whole of 5 or more is on show in the reach indicator, so the reader knows the part is 1 to 4.
            var proportion = Disclosure.CountDenominator(indicator);
            (long Low, long High) Range(string code) => code == knows || !withheld.Contains(code)
                ? (count[code]!.Value, count[code]!.Value)
                : (proportion && whole[code] <= 4 ? 0 : 1, 4);

            // For each region: the possible total of its unknown parts, from its shown total (if any) and its parts' ranges.
            var unknown = new Dictionary<string, (long Low, long High)>();
            foreach (var region in shown.Regions)
            {
                var members = included.Where(c => regionOf[c] == region.Code).ToList();
                var fixedSum = members.Where(c => Range(c).Low == Range(c).High).Sum(c => Range(c).Low);
                var open = members.Where(c => Range(c).Low != Range(c).High).ToList();
                var range = (Low: open.Sum(c => Range(c).Low), High: open.Sum(c => Range(c).High));
                if (region.Numerator is { } total)
                {
                    range = (Math.Max(range.Low, total - 5 - fixedSum), Math.Min(range.High, total + 4 - fixedSum));
                }

                unknown[region.Code] = range;
            }

            var targetRegion = regionOf[target];
            var own = unknown[targetRegion];
            if (shown.England.Numerator is { } england)
            {
                var knownEverywhere = included.Where(c => Range(c).Low == Range(c).High).Sum(c => Range(c).Low);
                var others = unknown.Where(u => u.Key != targetRegion).ToList();
                own = (Math.Max(own.Low, england - 5 - knownEverywhere - others.Sum(o => o.Value.High)), Math.Min(own.High, england + 4 - knownEverywhere - others.Sum(o => o.Value.Low)));
            }

            var rest = included.Where(c => regionOf[c] == targetRegion && c != target && Range(c).Low != Range(c).High).ToList();
            return (Math.Max(Range(target).Low, own.Low - rest.Sum(c => Range(c).High)), Math.Min(Range(target).High, own.High - rest.Sum(c => Range(c).Low)));
        }
    }
}
