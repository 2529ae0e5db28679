namespace NationalReturns.Domain.Statistics;

/// <summary>Excel's PERCENTILE.INC (R's type 7): the one quantile method the service uses, and says so.</summary>
public static class Quantiles
{
    public static double PercentileInc(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("A percentile of no values is undefined.", nameof(values));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1);
        var sorted = values.Order().ToArray();
        var h = ((sorted.Length - 1) * p) + 1;
        var below = (int)Math.Floor(h);
        if (below >= sorted.Length)
        {
            return sorted[^1];
        }

        return sorted[below - 1] + ((h - below) * (sorted[below] - sorted[below - 1]));
    }

    /// <summary>The cut points between <paramref name="groups"/> equal groups (3 for quartiles, 4 for quintiles).</summary>
    public static IReadOnlyList<double> Cuts(IReadOnlyCollection<double> values, int groups) =>
        Enumerable.Range(1, groups - 1).Select(k => PercentileInc(values, (double)k / groups)).ToList();

    /// <summary>Which group (1 = lowest values) a value falls in: the first whose upper cut it does not exceed.</summary>
    public static int Group(double value, IReadOnlyList<double> cuts)
    {
        for (var i = 0; i < cuts.Count; i++)
        {
            if (value <= cuts[i])
            {
                return i + 1;
            }
        }

        return cuts.Count + 1;
    }
}
