namespace NationalReturns.Domain.Statistics;

public enum TrendDirection
{
    Increasing,
    Decreasing,
    NoSignificantChange,
    CannotBeCalculated,
}

public sealed record TrendResult(TrendDirection Direction, double? ChiSquared, string? Reason)
{
    /// <summary>Better or worse by polarity; null without a significant trend or without polarity.</summary>
    public bool? Improving(Polarity polarity) => Direction switch
    {
        TrendDirection.Increasing when polarity != Polarity.None => polarity == Polarity.HigherIsBetter,
        TrendDirection.Decreasing when polarity != Polarity.None => polarity == Polarity.LowerIsBetter,
        _ => null,
    };
}

/// <summary>One point of a series: the count and its denominator.</summary>
public readonly record struct TrendPoint(long Count, double Denominator);

/// <summary>
/// The recent trend over the last five points (Fingertips' TrendMarkerCalculator): a chi-squared test on the
/// slope, significant beyond 9.549536 (3.090232², χ² with 1 degree of freedom at 99.8%) and only when the
/// slope keeps its sign with each point left out in turn.
/// </summary>
public static class Trend
{
    public const int Points = 5;
    public const double Threshold = 9.549536;

    public static TrendResult ForProportion(IReadOnlyList<TrendPoint> series) => Calculate(series, proportion: true);

    public static TrendResult ForRate(IReadOnlyList<TrendPoint> series) => Calculate(series, proportion: false);

    private static TrendResult Calculate(IReadOnlyList<TrendPoint> series, bool proportion)
    {
        if (series.Count < Points)
        {
            return new TrendResult(TrendDirection.CannotBeCalculated, null, $"needs {Points} consecutive points; there are {series.Count}");
        }

        var points = series.Skip(series.Count - Points).ToList();
        if (points.Any(p => !ConfidenceIntervals.IsUsableDenominator(p.Denominator) || p.Count < 0 || (proportion && p.Count > p.Denominator)))
        {
            return new TrendResult(TrendDirection.CannotBeCalculated, null, "a point is missing its count or denominator");
        }

        if (proportion && points.Any(p => p.Count == 0 || p.Count == p.Denominator))
        {
            return new TrendResult(TrendDirection.CannotBeCalculated, null, "a proportion of 0% or 100% has no log-odds");
        }

        if (!proportion && points.Any(p => p.Count == 0))
        {
            return new TrendResult(TrendDirection.CannotBeCalculated, null, "a point has no events, so no interval");
        }

        var chiSquared = proportion ? ProportionChiSquared(points) : RateChiSquared(points);
        var slopes = new List<double> { Slope(points, proportion) };
        for (var leave = 0; leave < points.Count; leave++)
        {
            var kept = points.Where((_, i) => i != leave).ToList();
            var times = Enumerable.Range(1, Points).Where(t => t != leave + 1).ToList();
            slopes.Add(Slope(kept, proportion, times));
        }

        if (!double.IsFinite(chiSquared) || slopes.Any(s => !double.IsFinite(s)))
        {
            // Never "no significant change" from arithmetic that failed: say it could not be worked out.
            return new TrendResult(TrendDirection.CannotBeCalculated, null, "the figures give no usable test statistic");
        }

        var sameSign = slopes.All(s => s > 0) || slopes.All(s => s < 0);
        if (chiSquared > Threshold && sameSign)
        {
            return new TrendResult(slopes[0] > 0 ? TrendDirection.Increasing : TrendDirection.Decreasing, chiSquared, null);
        }

        return new TrendResult(TrendDirection.NoSignificantChange, chiSquared, null);
    }

    /// <summary>χ² = N(N·Σxt − X·Σnt)² / (X(N − X)(N·Σnt² − (Σnt)²)), t = 1..5.</summary>
    private static double ProportionChiSquared(List<TrendPoint> points)
    {
        double n = 0, x = 0, sxt = 0, snt = 0, snt2 = 0;
        for (var i = 0; i < points.Count; i++)
        {
            double t = i + 1;
            n += points[i].Denominator;
            x += points[i].Count;
            sxt += points[i].Count * t;
            snt += points[i].Denominator * t;
            snt2 += points[i].Denominator * t * t;
        }

        var numerator = n * Math.Pow((n * sxt) - (x * snt), 2);
        var denominator = x * (n - x) * ((n * snt2) - (snt * snt));
        return numerator / denominator;
    }

    /// <summary>Weighted regression of the rate on time, weights 1/SE² with SE = (U95 − L95)/3.92; χ² = b²/var(b).</summary>
    private static double RateChiSquared(List<TrendPoint> points)
    {
        double sw = 0, swt = 0, swt2 = 0, swy = 0, swty = 0;
        for (var i = 0; i < points.Count; i++)
        {
            double t = i + 1;
            var rate = points[i].Count / points[i].Denominator;
            var ci = ConfidenceIntervals.Count(points[i].Count, Confidence.Ninety5).Scale(1 / points[i].Denominator);
            var se = (ci.Upper - ci.Lower) / 3.92;
            var w = 1 / (se * se);
            sw += w;
            swt += w * t;
            swt2 += w * t * t;
            swy += w * rate;
            swty += w * t * rate;
        }

        var d = (sw * swt2) - (swt * swt);
        var b = ((sw * swty) - (swt * swy)) / d;
        var variance = sw / d;
        return b * b / variance;
    }

    private static double Slope(List<TrendPoint> points, bool proportion, List<int>? times = null)
    {
        times ??= Enumerable.Range(1, points.Count).ToList();
        var ys = points.Select(p => proportion ? Math.Log(p.Count / (p.Denominator - p.Count)) : p.Count / p.Denominator).ToList();
        var meanT = times.Average();
        var meanY = ys.Average();
        double num = 0, den = 0;
        for (var i = 0; i < ys.Count; i++)
        {
            num += (times[i] - meanT) * (ys[i] - meanY);
            den += (times[i] - meanT) * (times[i] - meanT);
        }

        return num / den;
    }
}
