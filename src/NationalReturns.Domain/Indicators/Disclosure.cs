namespace NationalReturns.Domain.Indicators;

/// <summary>
/// Statistical disclosure control for the indicator tables, following DfE's convention: an authority's count
/// of 1 to the limit (4) is shown as c; region and England counts stand beside them rounded to the nearest 10
/// (rates and intervals are worked out from the unrounded counts); and where even the rounded total, with the
/// other authorities' figures, would narrow a c to one value, the total's count is withheld as well. Nothing
/// else shown beside an authority (ranks, quartiles, neighbours' figures, changes) is worked out from a c.
/// </summary>
public static class Disclosure
{
    public const int RoundingBase = 10;

    /// <summary>Half the rounding base: a shown total R stands for a true total from R − 5 to R + 4.</summary>
    private const int Below = RoundingBase / 2;
    private const int Above = (RoundingBase / 2) - 1;

    /// <summary>Whether a count is small enough to identify people: 1 to the limit (0 is not disclosive).</summary>
    public static bool IsSmall(long? count, int limit) => count is >= 1 and var n && n <= limit;

    /// <summary>
    /// Whether an authority's row is shown as c: its count is small, or, for a proportion whose whole is itself
    /// a count of families, the whole is small (the part could then be no larger).
    /// </summary>
    public static bool RowWithheld(IndicatorDefinition indicator, IndicatorValue value, int limit)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(value);
        return IsSmall(value.Numerator, limit) || (CountDenominator(indicator) && IsSmall((long?)value.Denominator, limit));
    }

    /// <summary>Proportions divide by a count from the returns (families worked with), which needs the same care as the part.</summary>
    public static bool CountDenominator(IndicatorDefinition indicator) => indicator.DenominatorKey is not null;

    /// <summary>A region or England count as shown beside withheld figures: to the nearest 10, halves away from zero.</summary>
    public static long Round(long count) => (count + (count >= 0 ? Below : -Below)) / RoundingBase * RoundingBase;

    /// <summary>One authority's figure in a total, as the publisher knows it and as a reader could bound it.</summary>
    /// <param name="Hidden">Shown as c to the reader.</param>
    /// <param name="Low">The least a reader knows a hidden figure can be (1 for a small count).</param>
    /// <param name="High">The most a reader knows it can be (the limit for a small count).</param>
    public sealed record Part(string Code, string RegionCode, long Value, bool Hidden, long Low = 1, long High = long.MaxValue);

    /// <summary>Which totals' counts are withheld: regions by code, and England.</summary>
    public sealed record Totals(IReadOnlySet<string> RegionsWithheld, bool EnglandWithheld);

    /// <summary>
    /// Decides which region and England counts must be withheld so that no hidden figure can be narrowed to a
    /// single value, by a reader who sees every shown figure, or by one authority that also knows its own.
    /// Starts with every total shown (rounded) and withholds the total that pins a figure, region first, until
    /// none does. Withholding only takes information away, so this ends, at worst with every total withheld.
    /// </summary>
    public static Totals WithheldTotals(IReadOnlyList<Part> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var regions = new HashSet<string>(StringComparer.Ordinal);
        var england = false;
        for (var guard = 0; guard <= parts.Count + 1; guard++)
        {
            if (FirstPinned(parts, regions, england) is not { } pinned)
            {
                return new Totals(regions, england);
            }

            if (!regions.Add(pinned.RegionCode))
            {
                england = true;
            }
        }

        return new Totals(parts.Select(p => p.RegionCode).ToHashSet(StringComparer.Ordinal), true);
    }

    /// <summary>A hidden part that some reader could narrow to one value, or null when none can be.</summary>
    public static Part? FirstPinned(IReadOnlyList<Part> parts, IReadOnlySet<string> regionsWithheld, bool englandWithheld)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(regionsWithheld);
        var hidden = parts.Where(p => p.Hidden).ToList();
        if (hidden.Count == 0)
        {
            return null;
        }

        var sums = new Sums(parts);

        // Every reader sees the shown figures; an authority's own staff also know their own hidden figure.
        foreach (var known in hidden.Select(h => (Part?)h).Prepend(null))
        {
            foreach (var part in hidden.Where(h => h != known))
            {
                var (low, high) = sums.Bounds(part, known, regionsWithheld, englandWithheld);
                if (low >= high)
                {
                    return part;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The values a reader could give one hidden part, from the shown totals (each the true total ± rounding),
    /// the shown parts and what they know of the other hidden parts. Interval sums are exact here: every part
    /// ranges over whole numbers between its bounds, so every sum between the bounds' sums can be made.
    /// </summary>
    public static (long Low, long High) Bounds(IReadOnlyList<Part> parts, Part target, Part? known, IReadOnlySet<string> regionsWithheld, bool englandWithheld) =>
        new Sums(parts).Bounds(target, known, regionsWithheld, englandWithheld);

    /// <summary>Each region's true total, the sum of its shown parts and of its hidden parts' bounds, worked out once.</summary>
    private sealed class Sums
    {
        private readonly Dictionary<string, (long Total, long Shown, long HiddenLow, long HiddenHigh)> _regions = new(StringComparer.Ordinal);

        public Sums(IReadOnlyList<Part> parts)
        {
            foreach (var part in parts)
            {
                var r = _regions.GetValueOrDefault(part.RegionCode);
                _regions[part.RegionCode] = part.Hidden
                    ? (r.Total + part.Value, r.Shown, Add(r.HiddenLow, part.Low), Add(r.HiddenHigh, part.High))
                    : (r.Total + part.Value, r.Shown + part.Value, r.HiddenLow, r.HiddenHigh);
            }
        }

        public (long Low, long High) Bounds(Part target, Part? known, IReadOnlySet<string> regionsWithheld, bool englandWithheld)
        {
            // The unknown sum in each region: its hidden parts other than the one the reader knows.
            (long Low, long High) Unknown(string code, (long Total, long Shown, long HiddenLow, long HiddenHigh) r)
            {
                var knows = known is not null && known.RegionCode == code;
                var range = (Low: knows ? r.HiddenLow - known!.Low : r.HiddenLow, High: knows ? Remove(r.HiddenHigh, known!.High) : r.HiddenHigh);
                if (!regionsWithheld.Contains(code))
                {
                    range = Intersect(range, Window(r.Total, r.Shown + (knows ? known!.Value : 0)));
                }

                return range;
            }

            var targetRegion = Unknown(target.RegionCode, _regions[target.RegionCode]);
            if (!englandWithheld)
            {
                // England's window less every other region's possible unknown sum bounds this region's too.
                long total = 0, shown = known?.Value ?? 0, othersLow = 0, othersHigh = 0;
                foreach (var (code, r) in _regions)
                {
                    total += r.Total;
                    shown += r.Shown;
                    if (code != target.RegionCode)
                    {
                        var other = Unknown(code, r);
                        othersLow = Add(othersLow, other.Low);
                        othersHigh = Add(othersHigh, other.High);
                    }
                }

                var england = Window(total, shown);
                targetRegion = Intersect(targetRegion, (Subtract(england.Low, othersHigh), Subtract(england.High, othersLow)));
            }

            // The target is its region's unknown sum less what the region's other unknown parts could be.
            var own = _regions[target.RegionCode];
            var knowsHere = known is not null && known.RegionCode == target.RegionCode;
            var restLow = own.HiddenLow - target.Low - (knowsHere ? known!.Low : 0);
            var restHigh = Remove(Remove(own.HiddenHigh, target.High), knowsHere ? known!.High : 0);
            var low = Math.Max(target.Low, Subtract(targetRegion.Low, restHigh));
            var high = Math.Min(target.High, Subtract(targetRegion.High, restLow));
            return (low, high);
        }

        /// <summary>The unknown sum of a total's parts, as a reader bounds it from the total shown rounded and the parts they know.</summary>
        private static (long Low, long High) Window(long total, long seen)
        {
            var shown = Round(total);
            return (shown - Below - seen, shown + Above - seen);
        }
    }

    /// <summary>Adds bounds, an unbounded high (long.MaxValue) staying unbounded.</summary>
    private static long Add(long a, long b) => a == long.MaxValue || b == long.MaxValue || b >= long.MaxValue - a ? long.MaxValue : a + b;

    /// <summary>Takes one part's bound out of a sum of bounds; an unbounded sum stays unbounded (counted conservatively).</summary>
    private static long Remove(long sum, long bound) => sum == long.MaxValue ? long.MaxValue : sum - bound;

    private static (long Low, long High) Intersect((long Low, long High) a, (long Low, long High) b) => (Math.Max(a.Low, b.Low), Math.Min(a.High, b.High));

    private static long Subtract(long a, long b) => b == long.MaxValue ? long.MinValue : a - b;
}
