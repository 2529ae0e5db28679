using NationalReturns.Domain.Areas;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Returns;
using NationalReturns.Domain.Statistics;

namespace NationalReturns.Domain.Indicators;

public enum AreaLevel
{
    Authority,
    Region,
    England,
}

/// <summary>An authority as the indicators see it: where it is, who its neighbours are, which quarters it returns for.</summary>
public sealed record IndicatorArea(string Code, string Name, string RegionCode, AuthorityLifetime Lifetime, IReadOnlyList<string> Neighbours);

/// <summary>A change since an earlier period: the difference in the indicator's unit, and whether the 95% intervals overlap.</summary>
public sealed record IndicatorChange(double Difference, Significance Significance);

/// <summary>One indicator for one area and period, with everything it is compared with. Values are in full; disclosure control is applied when shown.</summary>
public sealed record IndicatorRow(string IndicatorId, AreaLevel Level, string AreaCode, ReturnPeriod Period, IndicatorValue Value)
{
    /// <summary>How many authorities' published returns the figure is made from, of how many there are.</summary>
    public int Included { get; init; }

    public int Of { get; init; }

    public Significance ComparedWithEngland { get; init; } = Significance.NotCompared;
    public Significance ComparedWithRegion { get; init; } = Significance.NotCompared;

    /// <summary>The median of the neighbours' values (DfE's convention), from those that have one.</summary>
    public double? NeighboursMedian { get; init; }

    /// <summary>The neighbours' counts pooled into one rate, with its interval.</summary>
    public IndicatorValue? NeighboursPooled { get; init; }

    public int NeighboursIncluded { get; init; }

    /// <summary>1 is best by polarity (highest without one); ties take the lower rank.</summary>
    public int? Rank { get; init; }

    public int? RankOf { get; init; }

    /// <summary>1 holds the lowest quarter of values, 4 the highest (PERCENTILE.INC cut points).</summary>
    public int? Quartile { get; init; }

    public IndicatorChange? ChangeSincePrevious { get; init; }
    public IndicatorChange? ChangeSinceYearEarlier { get; init; }
    public TrendResult Trend { get; init; } = new(TrendDirection.CannotBeCalculated, null, "no value");

    /// <summary>
    /// Regions and England: the count (and a proportion's whole) is withheld from anyone who may not see every
    /// authority in full, because even rounded it would narrow an authority's c to one value (<see cref="Disclosure"/>).
    /// </summary>
    public bool CountWithheld { get; init; }

    public bool DenominatorWithheld { get; init; }
}

/// <summary>What the indicators are computed from: published figures only, the areas, and their denominators by mid-year.</summary>
public sealed class IndicatorInputs
{
    public required IReadOnlyList<IndicatorArea> Authorities { get; init; }

    /// <summary>The latest published figures of each authority and quarter.</summary>
    public required IReadOnlyDictionary<(string Code, ReturnPeriod Period), IReadOnlyDictionary<string, long>> Figures { get; init; }

    /// <summary>By authority and the mid-year a period divides by (see <see cref="ReturnPeriod.PopulationMidYear"/>).</summary>
    public required IReadOnlyDictionary<(string Code, int MidYear), AreaDenominators> Denominators { get; init; }
}

/// <summary>
/// Builds every indicator row for the periods asked: authorities, regions and England, in one pass over
/// the published figures. The figures for four quarters before the first period are read too, for
/// rolling sums, changes and trends.
/// </summary>
public static class IndicatorTable
{
    public const string EnglandCode = "E92000001";

    /// <param name="disclosureLimit">Counts from 1 to this are shown as c to most readers; nothing derived beside them (ranks, neighbours' figures, changes) uses them.</param>
    public static List<IndicatorRow> Build(IndicatorInputs inputs, IReadOnlyCollection<ReturnPeriod> periods, IEnumerable<IndicatorDefinition>? indicators = null,
        int disclosureLimit = IndicatorCalculator.DefaultDisclosureLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(disclosureLimit, 2, nameof(disclosureLimit));
        var rows = new List<IndicatorRow>();
        if (periods.Count == 0)
        {
            return rows;
        }

        var first = periods.Min();
        var last = periods.Max();
        var span = new List<ReturnPeriod>();
        for (var p = new ReturnPeriod(first.FinancialYearStart - 1, first.Quarter); p <= last; p = p.Next)
        {
            span.Add(p);
        }

        var regions = inputs.Authorities.Select(a => a.RegionCode).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var indicator in indicators ?? IndicatorCatalogue.All)
        {
            var one = new OneIndicator(indicator, inputs, span, regions, disclosureLimit);
            foreach (var period in periods.Order())
            {
                one.AddRows(period, rows);
            }
        }

        return rows;
    }

    /// <summary>The values of one indicator across the span, computed once and then compared.</summary>
    private sealed class OneIndicator
    {
        private readonly IndicatorDefinition _indicator;
        private readonly IndicatorInputs _inputs;
        private readonly IReadOnlyList<string> _regions;
        private readonly int _limit;
        private readonly Dictionary<(string Code, ReturnPeriod Period), IndicatorValue> _authority = [];
        private readonly Dictionary<(string Code, ReturnPeriod Period), (IndicatorValue Value, int Included, int Of)> _pooled = [];

        public OneIndicator(IndicatorDefinition indicator, IndicatorInputs inputs, IReadOnlyList<ReturnPeriod> span, IReadOnlyList<string> regions, int limit)
        {
            _indicator = indicator;
            _limit = limit;
            _inputs = inputs;
            _regions = regions;
            foreach (var period in span)
            {
                foreach (var area in inputs.Authorities)
                {
                    _authority[(area.Code, period)] = Compute(area, period);
                }

                foreach (var region in regions)
                {
                    _pooled[(region, period)] = Pool(inputs.Authorities.Where(a => a.RegionCode == region), period);
                }

                _pooled[(EnglandCode, period)] = Pool(inputs.Authorities, period);
            }
        }

        private IndicatorValue Compute(IndicatorArea area, ReturnPeriod period)
        {
            if (!area.Lifetime.ReturnsFor(period))
            {
                return IndicatorValue.Missing(ValueSymbol.NotApplicable);
            }

            var quarters = period.AndPrevious(4)
                .Select(q => area.Lifetime.ReturnsFor(q) ? _inputs.Figures.GetValueOrDefault((area.Code, q)) : null)
                .ToList();
            return IndicatorCalculator.Compute(_indicator, quarters, _inputs.Denominators.GetValueOrDefault((area.Code, period.PopulationMidYear)));
        }

        private (IndicatorValue Value, int Included, int Of) Pool(IEnumerable<IndicatorArea> areas, ReturnPeriod period) =>
            IndicatorCalculator.Pool(_indicator, areas.Where(a => a.Lifetime.ReturnsFor(period)).Select(a => _authority[(a.Code, period)]).ToList());

        /// <summary>A value that can be shown to everyone: computed, and not a small count (or a small whole).</summary>
        private IndicatorValue? Shown(string code, ReturnPeriod period) =>
            _authority.GetValueOrDefault((code, period)) is { Value: not null } v && !Disclosure.RowWithheld(_indicator, v, _limit) ? v : null;

        public void AddRows(ReturnPeriod period, List<IndicatorRow> rows)
        {
            var england = _pooled[(EnglandCode, period)].Value;

            // Ranks and quartiles are over the values everyone can see: a c's place in the order would give its rate away.
            var valued = _inputs.Authorities
                .Where(a => Shown(a.Code, period) is not null)
                .ToDictionary(a => a.Code, a => _authority[(a.Code, period)].Value!.Value);
            var ranks = Ranking.Rank(valued, _indicator.Polarity);
            var cuts = valued.Count >= 4 ? Quantiles.Cuts(valued.Values, 4) : null;

            foreach (var area in _inputs.Authorities)
            {
                var value = _authority[(area.Code, period)];
                if (value.Symbol == ValueSymbol.NotApplicable)
                {
                    rows.Add(new IndicatorRow(_indicator.Id, AreaLevel.Authority, area.Code, period, value) { Trend = new(TrendDirection.CannotBeCalculated, null, "the authority did not exist") });
                    continue;
                }

                // The neighbours' median and pooled rate are from the neighbours everyone can see, as in DfE's published tables.
                var neighbours = area.Neighbours.Select(n => Shown(n, period)).Where(v => v is not null).Select(v => v!).ToList();
                var shown = Shown(area.Code, period) is not null;
                var neighbourPool = IndicatorCalculator.Pool(_indicator, neighbours);
                rows.Add(new IndicatorRow(_indicator.Id, AreaLevel.Authority, area.Code, period, value)
                {
                    Included = value.Value is null ? 0 : 1,
                    Of = 1,
                    ComparedWithEngland = Compare(value, england),
                    ComparedWithRegion = Compare(value, _pooled[(area.RegionCode, period)].Value),
                    NeighboursMedian = neighbours.Count > 0 ? RobustSpread.Median(neighbours.Select(n => n.Value!.Value).ToList()) : null,
                    NeighboursPooled = neighbourPool.Included > 0 ? neighbourPool.Value : null,
                    NeighboursIncluded = neighbours.Count,
                    Rank = shown ? ranks[area.Code] : null,
                    RankOf = shown ? valued.Count : null,
                    Quartile = shown && value.Value is { } v && cuts is not null ? Quantiles.Group(v, cuts) : null,

                    // A change from or to a c would give the c away: both ends must be figures everyone can see.
                    ChangeSincePrevious = shown ? Change(value, Shown(area.Code, period.Previous)) : null,
                    ChangeSinceYearEarlier = shown ? Change(value, Shown(area.Code, period.SameQuarterLastYear)) : null,
                    Trend = TrendOf(period, p => _authority.GetValueOrDefault((area.Code, p))),
                });
            }

            var counts = WithheldTotals(period, v => v.Numerator, (v, hidden) => v.Numerator is { } n && Disclosure.IsSmall(n, _limit) ? (1, _limit) : (0, _limit));
            var wholes = Disclosure.CountDenominator(_indicator)
                ? WithheldTotals(period, v => (long?)v.Denominator, (_, _) => (1, _limit), smallOnly: true)
                : new Disclosure.Totals(new HashSet<string>(), false);
            foreach (var region in _regions)
            {
                rows.Add(PooledRow(AreaLevel.Region, region, period, england) with
                {
                    CountWithheld = counts.RegionsWithheld.Contains(region),
                    DenominatorWithheld = wholes.RegionsWithheld.Contains(region),
                });
            }

            rows.Add(PooledRow(AreaLevel.England, EnglandCode, period, null) with { CountWithheld = counts.EnglandWithheld, DenominatorWithheld = wholes.EnglandWithheld });
        }

        /// <summary>
        /// Which region and England totals of a figure are withheld. A part is hidden when its row is a c; a reader
        /// can bound a hidden part by what c means. For a proportion's whole (families worked with), only small
        /// wholes are hidden: a larger whole is on show as the reach indicator's count.
        /// </summary>
        private Disclosure.Totals WithheldTotals(ReturnPeriod period, Func<IndicatorValue, long?> figure, Func<IndicatorValue, bool, (long Low, long High)> bounds, bool smallOnly = false)
        {
            var parts = new List<Disclosure.Part>();
            foreach (var area in _inputs.Authorities.Where(a => a.Lifetime.ReturnsFor(period)))
            {
                var value = _authority[(area.Code, period)];
                if (value.Numerator is null || value.Denominator is not > 0 || figure(value) is not { } count)
                {
                    continue;
                }

                var hidden = smallOnly ? Disclosure.IsSmall(count, _limit) : Disclosure.RowWithheld(_indicator, value, _limit);
                var (low, high) = hidden ? bounds(value, hidden) : (count, count);
                parts.Add(new Disclosure.Part(area.Code, area.RegionCode, count, hidden, low, high));
            }

            return Disclosure.WithheldTotals(parts);
        }

        private IndicatorRow PooledRow(AreaLevel level, string code, ReturnPeriod period, IndicatorValue? england)
        {
            var (value, included, of) = _pooled[(code, period)];
            return new IndicatorRow(_indicator.Id, level, code, period, value)
            {
                Included = included,
                Of = of,
                ComparedWithEngland = england is null ? Significance.NotCompared : Compare(value, england),
                ChangeSincePrevious = Change(value, _pooled.GetValueOrDefault((code, period.Previous)).Value),
                ChangeSinceYearEarlier = Change(value, _pooled.GetValueOrDefault((code, period.SameQuarterLastYear)).Value),
                Trend = TrendOf(period, p => _pooled.TryGetValue((code, p), out var found) ? found.Value : null),
            };
        }

        private Significance Compare(IndicatorValue value, IndicatorValue benchmark) =>
            value is { Value: { } v, Ci95: { } ci95, Ci998: { } ci998 } && benchmark.Value is { } b
                ? Benchmarking.Compare(v, ci95, ci998, b, _indicator.Polarity)
                : Significance.NotCompared;

        private IndicatorChange? Change(IndicatorValue now, IndicatorValue? then) =>
            now is { Value: { } v, Ci95: { } ci } && then is { Value: { } t, Ci95: { } tci }
                ? new IndicatorChange(v - t, Benchmarking.CompareIntervals(v, ci, t, tci, _indicator.Polarity))
                : null;

        private TrendResult TrendOf(ReturnPeriod period, Func<ReturnPeriod, IndicatorValue?> valueAt)
        {
            var points = new List<TrendPoint>();
            foreach (var p in period.AndPrevious(Trend.Points).Reverse())
            {
                if (valueAt(p) is not { Numerator: { } n, Denominator: { } d })
                {
                    return new TrendResult(TrendDirection.CannotBeCalculated, null, $"there is no value for {p}; the trend needs {Trend.Points} consecutive quarters");
                }

                points.Add(new TrendPoint(n, d));
            }

            return _indicator.Interval == IntervalMethod.WilsonProportion ? Trend.ForProportion(points) : Trend.ForRate(points);
        }
    }
}
