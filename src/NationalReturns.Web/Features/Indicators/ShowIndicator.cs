using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Indicators;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Statistics;
using NationalReturns.Web.Data;

namespace NationalReturns.Web.Features.Indicators;

/// <summary>
/// One indicator for one quarter at one level, one row per area, as the page, the API and the CSV all
/// show it: stored values rounded once (<see cref="IndicatorCalculator.Shown"/>) and small counts
/// withheld unless the viewer may see them in full.
/// </summary>
public static class ShowIndicator
{
    /// <param name="FullAccessTo">Authorities whose figures the viewer sees in full: their own; null for everything (the national team).</param>
    public sealed record Query(string IndicatorId, ReturnPeriod? Period, AreaLevel Level, IReadOnlySet<string>? FullAccessTo);

    public sealed record Line(
        string Code, string Name, string Period, long? Numerator, double? Denominator, double? Value,
        double? Lower95, double? Upper95, double? Lower998, double? Upper998,
        string ComparedWithEngland, string ComparedWithRegion, double? NeighboursMedian, double? NeighboursPooled,
        int? Rank, int? RankOf, int? Quartile, string Trend, double? ChangeSincePrevious, string? ChangeSincePreviousSignificance,
        double? ChangeSinceYearEarlier, string? ChangeSinceYearEarlierSignificance, int Included, int Of, string Symbol)
    {
        /// <summary>How the count is shown: exact, rounded to the nearest 10 (a total beside withheld figures) or c.</summary>
        [System.ComponentModel.Description("How the count is shown, as a number: 0 exactly, 1 rounded to the nearest 10 (a region's or England's total beside withheld figures), 2 withheld (c).")]
        public CountShown CountShown { get; init; } = CountShown.Exact;
    }

    public enum CountShown
    {
        Exact,
        Rounded,
        Withheld,
    }

    public sealed record Model(IndicatorDefinition Indicator, ReturnPeriod Period, AreaLevel Level, IReadOnlyList<ReturnPeriod> Periods, IReadOnlyList<Line> Lines, int DisclosureLimit)
    {
        public Line? England { get; init; }

        /// <summary>How many authorities' returns the quarter's England figure is made from.</summary>
        public Coverage Coverage { get; init; }

        /// <summary>Not every authority's return is in yet: said beside the quarter wherever it is shown.</summary>
        public bool Provisional { get; init; }
    }

    public static readonly string[] CsvColumns =
    [
        "code", "name", "period", "numerator", "denominator", "value", "lower_95", "upper_95", "lower_99_8", "upper_99_8",
        "compared_with_england", "compared_with_region", "neighbours_median", "neighbours_pooled", "rank", "rank_of", "quartile", "trend",
        "change_since_previous", "change_since_previous_significance", "change_since_year_earlier", "change_since_year_earlier_significance",
        "included", "of", "symbol", "count_shown",
    ];

    public sealed class Handler(NationalReturnsDbContext db, Microsoft.Extensions.Options.IOptions<IndicatorOptions> settings)
    {
        public int DisclosureLimit => settings.Value.DisclosureLimit;

        /// <summary>The share of authorities a quarter's England figure needs before the quarter is no longer provisional.</summary>
        public double CompleteShare => settings.Value.CompleteCoverage;

        /// <summary>Null when the indicator is unknown or nothing has been computed.</summary>
        public async Task<Model?> HandleAsync(Query query, CancellationToken ct)
        {
            if (IndicatorCatalogue.Find(query.IndicatorId) is not { } indicator)
            {
                return null;
            }

            var coverage = (await db.IndicatorValues.AsNoTracking().Where(v => v.IndicatorId == indicator.Id && v.Level == AreaLevel.England)
                    .OrderBy(v => v.PeriodStart).Select(v => new { v.Period, v.Included, v.Of }).ToListAsync(ct))
                .Select(v => (Period: ReturnPeriod.Parse(v.Period), Coverage: new Coverage(v.Included, v.Of))).ToList();
            var periods = coverage.Select(c => c.Period).ToList();
            if (periods.Count == 0)
            {
                return null;
            }

            // Without a quarter asked for, the newest one whose England figure covers (nearly) every authority.
            var period = query.Period ?? Coverage.Opening(coverage, CompleteShare)!.Value;
            var key = period.UrlSegment;
            var names = await NamesAsync(db, ct);
            var ended = await db.LocalAuthorities.AsNoTracking().Where(a => a.ValidTo != null).Select(a => a.OnsCode).ToListAsync(ct);
            var records = await db.IndicatorValues.AsNoTracking()
                .Where(v => v.IndicatorId == indicator.Id && v.Period == key && (v.Level == query.Level || v.Level == AreaLevel.England))
                .ToListAsync(ct);

            // An authority that has ended shows only where it existed; one yet to begin shows z, as DfE's tables do.
            var lines = records
                .Where(r => r.Level == query.Level && !(r.Symbol == ValueSymbol.NotApplicable && ended.Contains(r.AreaCode)))
                .Select(r => LineOf(r, names.GetValueOrDefault(r.AreaCode, r.AreaCode), Full(query.FullAccessTo, r), DisclosureLimit))
                .OrderBy(l => l.Name, StringComparer.Ordinal)
                .ToList();
            var england = records.Where(r => r.Level == AreaLevel.England).Select(r => LineOf(r, "England", Full(query.FullAccessTo, r), DisclosureLimit)).FirstOrDefault();
            var covered = coverage.Where(c => c.Period == period).Select(c => c.Coverage).FirstOrDefault();
            return new Model(indicator, period, query.Level, periods, lines, DisclosureLimit) { England = england, Coverage = covered, Provisional = !covered.IsComplete(CompleteShare) };
        }

    }

    /// <summary>Whether an authority's stored value is withheld (a small count, or a proportion's small whole) from a viewer without full access.</summary>
    public static bool Withheld(string indicatorId, long? numerator, double? denominator, int limit) =>
        Disclosure.IsSmall(numerator, limit)
        || (IndicatorCatalogue.Find(indicatorId) is { } indicator && Disclosure.CountDenominator(indicator) && Disclosure.IsSmall((long?)denominator, limit));

    public static bool Full(IReadOnlySet<string>? fullAccessTo, IndicatorValueRecord record) =>
        fullAccessTo is null || (record.Level == AreaLevel.Authority && fullAccessTo.Contains(record.AreaCode));

    /// <summary>
    /// A stored value as shown: rounded once, and withheld as <c>c</c> where the viewer may not see the count
    /// (<see cref="Disclosure"/>). For such a viewer an authority's small count (or a proportion's small whole)
    /// is c with everything that would give it away; region and England counts are rounded to the nearest 10,
    /// or c where even that would narrow an authority's c to one value; rates stay as computed.
    /// </summary>
    public static Line LineOf(IndicatorValueRecord r, string name, bool full, int disclosureLimit)
    {
        var wholeIsCount = IndicatorCatalogue.Find(r.IndicatorId) is { } indicator && Disclosure.CountDenominator(indicator);
        if (!full && r.Level == AreaLevel.Authority && Withheld(r.IndicatorId, r.Numerator, r.Denominator, disclosureLimit))
        {
            // The rate, its interval, rank and comparisons would all give the count away; so would a whole that is a count.
            return new Line(r.AreaCode, name, r.Period, null, wholeIsCount ? null : r.Denominator, null, null, null, null, null,
                Significance.NotCompared.ToString(), Significance.NotCompared.ToString(), Shown(r.NeighboursMedian), Shown(r.NeighboursValue),
                null, null, null, TrendDirection.CannotBeCalculated.ToString(), null, null, null, null, r.Included, r.Of, "c")
            {
                CountShown = CountShown.Withheld,
            };
        }

        var line = new Line(r.AreaCode, name, r.Period, r.Numerator, r.Denominator, Shown(r.Value),
            Shown(r.Lower95), Shown(r.Upper95), Shown(r.Lower998), Shown(r.Upper998),
            r.ComparedWithEngland.ToString(), r.ComparedWithRegion.ToString(), Shown(r.NeighboursMedian), Shown(r.NeighboursValue),
            r.Rank, r.RankOf, r.Quartile, r.Trend.ToString(), Shown(r.ChangeSincePrevious), r.ChangeSincePreviousSignificance?.ToString(),
            Shown(r.ChangeSinceYearEarlier), r.ChangeSinceYearEarlierSignificance?.ToString(), r.Included, r.Of, Symbol(r.Symbol));
        if (full || r.Level == AreaLevel.Authority || r.Numerator is null)
        {
            return line;
        }

        return line with
        {
            Numerator = r.CountWithheld ? null : Disclosure.Round(r.Numerator.Value),
            Denominator = !wholeIsCount || r.Denominator is not { } whole ? r.Denominator : r.DenominatorWithheld ? null : Disclosure.Round((long)whole),
            CountShown = r.CountWithheld ? CountShown.Withheld : CountShown.Rounded,
        };
    }

    private static double? Shown(double? value) => IndicatorCalculator.Shown(value);

    public static string Symbol(ValueSymbol symbol) => symbol switch
    {
        ValueSymbol.Suppressed => "c",
        ValueSymbol.NotAvailable => "x",
        ValueSymbol.NotApplicable => "z",
        _ => "",
    };

    /// <summary>Authorities, regions and England by code.</summary>
    public static async Task<Dictionary<string, string>> NamesAsync(NationalReturnsDbContext db, CancellationToken ct)
    {
        var names = await db.LocalAuthorities.AsNoTracking().ToDictionaryAsync(a => a.OnsCode, a => a.Name, ct);
        foreach (var region in await db.Regions.AsNoTracking().ToListAsync(ct))
        {
            names[region.Code] = region.Name;
        }

        names[IndicatorTable.EnglandCode] = "England";
        return names;
    }

    public static string Csv(Model model)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', CsvColumns).Append('\n');
        foreach (var l in model.Lines)
        {
            object?[] cells =
            [
                l.Code, l.Name, l.Period, l.Numerator, l.Denominator, l.Value, l.Lower95, l.Upper95, l.Lower998, l.Upper998,
                l.ComparedWithEngland, l.ComparedWithRegion, l.NeighboursMedian, l.NeighboursPooled, l.Rank, l.RankOf, l.Quartile, l.Trend,
                l.ChangeSincePrevious, l.ChangeSincePreviousSignificance, l.ChangeSinceYearEarlier, l.ChangeSinceYearEarlierSignificance,
                l.Included, l.Of, l.Symbol, l.CountShown.ToString().ToLowerInvariant(),
            ];
            csv.AppendJoin(',', cells.Select(Infrastructure.CsvCell.Of)).Append('\n');
        }

        return csv.ToString();
    }
}
