namespace NationalReturns.Domain.Statistics;

/// <summary>
/// Control limits for a funnel plot: the range an authority's value would fall in by chance alone if its true
/// value were England's, given how big it is. Small authorities' values scatter widely, so a value is only out
/// of the ordinary beyond these limits, not merely far from England. Fingertips' methods: 5 for proportions
/// (Wilson's score limits around the expected count) and 6 for rates (exact Poisson limits around the expected
/// count, for any expected count, whole or not). Both are worked on the count scale, then divided back.
/// </summary>
public static class FunnelLimits
{
    /// <summary>
    /// Method 5. An authority with <paramref name="trials"/> in its denominator, were England's proportion
    /// <paramref name="benchmark"/> (0 to 1) true for it, would have a proportion inside these limits.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A benchmark outside 0 to 1, or a denominator that is not a positive finite number.</exception>
    public static Interval Proportion(double benchmark, double trials, Confidence confidence)
    {
        if (!double.IsFinite(benchmark) || benchmark < 0 || benchmark > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(benchmark), benchmark, "A proportion is between 0 and 1.");
        }

        RequireDenominator(trials);
        var z = ConfidenceIntervals.Z(confidence);
        var expected = trials * benchmark;
        var spread = z * Math.Sqrt((z * z) + (4 * expected * (1 - benchmark)));
        var centre = (2 * expected) + (z * z);
        var divisor = 2 * (trials + (z * z));
        return new Interval(Math.Max(0, (centre - spread) / divisor), Math.Min(1, (centre + spread) / divisor));
    }

    /// <summary>
    /// Method 6. An authority with this <paramref name="denominator"/>, were England's rate
    /// <paramref name="benchmarkRate"/> (per <paramref name="multiplier"/>) true for it, would have a rate inside
    /// these limits.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative or non-finite rate, or a denominator that is not a positive finite number.</exception>
    public static Interval Rate(double benchmarkRate, double denominator, double multiplier, Confidence confidence)
    {
        if (!double.IsFinite(benchmarkRate) || benchmarkRate < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(benchmarkRate), benchmarkRate, "A rate is a finite number, zero or more.");
        }

        RequireDenominator(denominator);
        return Count(benchmarkRate * denominator / multiplier, confidence).Scale(multiplier / denominator);
    }

    /// <summary>
    /// Exact Poisson limits around an expected count <paramref name="expected"/>: the quantiles of the gamma
    /// distributions that give the chi-squared limits χ²(α/2; 2E)/2 and χ²(1 − α/2; 2E + 2)/2. For a whole
    /// number of events these are the exact confidence limits of <see cref="ConfidenceIntervals.ExactPoisson"/>.
    /// </summary>
    public static Interval Count(double expected, Confidence confidence)
    {
        if (!double.IsFinite(expected) || expected < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(expected), expected, "An expected count is a finite number, zero or more.");
        }

        var half = ConfidenceIntervals.Alpha(confidence) / 2;
        var lower = expected == 0 ? 0 : Gamma.Quantile(half, expected);
        var upper = Gamma.Quantile(1 - half, expected + 1);
        return new Interval(lower, upper);
    }

    /// <summary>Where a value stands against the limits: inside the 95% limits, between them and the 99.8% limits, or beyond.</summary>
    public static Significance Judge(double value, Interval limits95, Interval limits998, Polarity polarity)
    {
        if (!double.IsFinite(value))
        {
            return Significance.NotCompared;
        }

        if (limits95.Contains(value))
        {
            return Significance.Similar;
        }

        var higher = value > limits95.Upper;
        var beyond = !limits998.Contains(value);
        return polarity switch
        {
            Polarity.None => higher ? Significance.Higher : Significance.Lower,
            Polarity.HigherIsBetter => higher ? (beyond ? Significance.Best : Significance.Better) : (beyond ? Significance.Worst : Significance.Worse),
            _ => higher ? (beyond ? Significance.Worst : Significance.Worse) : (beyond ? Significance.Best : Significance.Better),
        };
    }

    /// <summary>
    /// Denominators spaced evenly on a log scale from the smallest to the largest, for drawing the limits as
    /// smooth curves; the authorities' own denominators are added so each point sits exactly on a curve.
    /// </summary>
    public static IReadOnlyList<double> CurveDenominators(IReadOnlyCollection<double> denominators, int steps = 60)
    {
        var usable = denominators.Where(ConfidenceIntervals.IsUsableDenominator).ToList();
        if (usable.Count == 0)
        {
            return [];
        }

        double low = usable.Min() * 0.9, high = usable.Max() * 1.1;
        var spaced = Enumerable.Range(0, steps + 1).Select(i => Math.Exp(Math.Log(low) + ((Math.Log(high) - Math.Log(low)) * i / steps)));
        return spaced.Concat(usable).Distinct().Order().ToList();
    }

    private static void RequireDenominator(double denominator)
    {
        if (!ConfidenceIntervals.IsUsableDenominator(denominator))
        {
            throw new ArgumentOutOfRangeException(nameof(denominator), denominator, "A denominator must be a positive, finite number.");
        }
    }
}
