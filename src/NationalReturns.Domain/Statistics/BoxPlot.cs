namespace NationalReturns.Domain.Statistics;

/// <summary>
/// A box plot's five figures for one quarter's authorities: the lowest and highest values, the quartiles and the
/// median, by Excel's PERCENTILE.INC like every other quantile the service shows. Whiskers run to the lowest and
/// highest values (no outlier rule: every authority is a real place, none is discarded as an outlier).
/// </summary>
public sealed record BoxPlot(double Lowest, double LowerQuartile, double Median, double UpperQuartile, double Highest, int Authorities)
{
    /// <summary>Null when fewer than <paramref name="fewest"/> finite values are given: a box of two points says nothing.</summary>
    public static BoxPlot? Of(IReadOnlyCollection<double> values, int fewest = 5)
    {
        ArgumentNullException.ThrowIfNull(values);
        var finite = values.Where(double.IsFinite).ToList();
        if (finite.Count < Math.Max(1, fewest))
        {
            return null;
        }

        return new BoxPlot(finite.Min(), Quantiles.PercentileInc(finite, 0.25), Quantiles.PercentileInc(finite, 0.5),
            Quantiles.PercentileInc(finite, 0.75), finite.Max(), finite.Count);
    }
}
