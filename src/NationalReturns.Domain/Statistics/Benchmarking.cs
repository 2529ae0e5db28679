namespace NationalReturns.Domain.Statistics;

public enum Significance
{
    Similar,
    Better,
    Worse,

    /// <summary>Beyond the 99.8% limits, on the better side.</summary>
    Best,

    /// <summary>Beyond the 99.8% limits, on the worse side.</summary>
    Worst,

    /// <summary>Where the indicator has no polarity.</summary>
    Higher,
    Lower,

    NotCompared,
}

/// <summary>Comparing an area's value with a benchmark (England, its region), as Fingertips does.</summary>
public static class Benchmarking
{
    /// <summary>
    /// Method 17: the benchmark inside the area's 95% interval is similar; outside it but inside the 99.8%
    /// interval, better or worse; outside the 99.8% interval, best or worst. Without polarity, higher or lower.
    /// </summary>
    public static Significance Compare(double value, Interval ci95, Interval ci998, double benchmark, Polarity polarity)
    {
        if (double.IsNaN(value) || double.IsNaN(benchmark) || double.IsNaN(ci95.Lower))
        {
            return Significance.NotCompared;
        }

        if (ci95.Contains(benchmark))
        {
            return Significance.Similar;
        }

        var higher = value > benchmark;
        if (polarity == Polarity.None)
        {
            return higher ? Significance.Higher : Significance.Lower;
        }

        var better = higher == (polarity == Polarity.HigherIsBetter);
        var extreme = !ci998.Contains(benchmark);
        return (better, extreme) switch
        {
            (true, true) => Significance.Best,
            (true, false) => Significance.Better,
            (false, true) => Significance.Worst,
            _ => Significance.Worse,
        };
    }

    /// <summary>Method 12 (also the change since an earlier period): overlapping 95% intervals are similar.</summary>
    public static Significance CompareIntervals(double value, Interval ci, double other, Interval otherCi, Polarity polarity)
    {
        if (double.IsNaN(value) || double.IsNaN(other))
        {
            return Significance.NotCompared;
        }

        if (ci.Overlaps(otherCi))
        {
            return Significance.Similar;
        }

        var higher = value > other;
        return polarity switch
        {
            Polarity.None => higher ? Significance.Higher : Significance.Lower,
            Polarity.HigherIsBetter => higher ? Significance.Better : Significance.Worse,
            _ => higher ? Significance.Worse : Significance.Better,
        };
    }
}
