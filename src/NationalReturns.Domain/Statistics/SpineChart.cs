namespace NationalReturns.Domain.Statistics;

/// <summary>
/// One indicator's row of a spine chart, Fingertips' way: England in the middle (0.5), the spread of authorities
/// around it as worst, 25th percentile, 75th percentile and best, scaled so the furthest of the lowest and highest
/// lands on an end, and the chart read so that better is always to the right, whatever the polarity. Positions
/// run from 0 (left) to 1 (right); the figures they stand for are kept beside them for the table and the tooltips.
/// </summary>
/// <param name="Missing">How many authorities have no value; a quarter or more missing leaves the indicator off.</param>
public sealed record SpineRow(
    double WorstValue, double Q25Value, double Q75Value, double BestValue, double England,
    double Worst, double Q25, double Q75, double Best, double? Area, double? Region, int Authorities, int Missing);

public static class SpineChart
{
    /// <summary>Left off when this share of authorities or more has no value (Fingertips' rule).</summary>
    public const double MissingLimit = 0.25;

    /// <summary>
    /// The row for <paramref name="values"/> (each authority with a value) out of <paramref name="expected"/>
    /// authorities; null when too many are missing, England has no value, or every value is England's.
    /// </summary>
    public static SpineRow? Row(IReadOnlyCollection<double> values, int expected, double? england, Polarity polarity, double? area, double? region)
    {
        ArgumentNullException.ThrowIfNull(values);
        var finite = values.Where(double.IsFinite).ToList();
        var missing = Math.Max(0, expected - finite.Count);
        if (england is not { } m || !double.IsFinite(m) || finite.Count < 2 || missing >= expected * MissingLimit)
        {
            return null;
        }

        double q0 = finite.Min(), q25 = Quantiles.PercentileInc(finite, 0.25), q75 = Quantiles.PercentileInc(finite, 0.75), q100 = finite.Max();
        var half = Math.Max(m - q0, q100 - m);
        if (half <= 0)
        {
            return null;
        }

        // Lower is better: flip, so the best (lowest) value is on the right.
        var flip = polarity == Polarity.LowerIsBetter;
        double Place(double v) => Math.Clamp(flip ? 1 - ((v - m + half) / (2 * half)) : (v - m + half) / (2 * half), 0, 1);
        var (worstValue, bestValue) = flip ? (q100, q0) : (q0, q100);
        var (lowQuartile, highQuartile) = flip ? (q75, q25) : (q25, q75);
        return new SpineRow(worstValue, lowQuartile, highQuartile, bestValue, m,
            Place(worstValue), Place(lowQuartile), Place(highQuartile), Place(bestValue),
            area is { } a && double.IsFinite(a) ? Place(a) : null,
            region is { } r && double.IsFinite(r) ? Place(r) : null,
            finite.Count, missing);
    }
}
