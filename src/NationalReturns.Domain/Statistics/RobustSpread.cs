namespace NationalReturns.Domain.Statistics;

/// <summary>
/// Median and median absolute deviation: a spread that a single odd neighbour cannot drag about, as
/// Oflog uses to flag outlying figures.
/// </summary>
public static class RobustSpread
{
    /// <summary>Scales the MAD so it estimates the standard deviation of normally distributed values.</summary>
    public const double NormalConsistency = 1.4826;

    public static double Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("The median of no values is undefined.", nameof(values));
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static double MedianAbsoluteDeviation(IReadOnlyCollection<double> values)
    {
        var median = Median(values);
        return Median(values.Select(v => Math.Abs(v - median)).ToArray());
    }

    /// <summary>How many robust standard deviations <paramref name="value"/> lies from the median; null when the spread is zero.</summary>
    public static double? RobustZ(double value, IReadOnlyCollection<double> values)
    {
        var spread = NormalConsistency * MedianAbsoluteDeviation(values);
        return spread > 0 ? (value - Median(values)) / spread : null;
    }
}
