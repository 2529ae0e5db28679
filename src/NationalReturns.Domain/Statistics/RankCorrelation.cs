using System.Globalization;

namespace NationalReturns.Domain.Statistics;

/// <summary>Result of Spearman's rank correlation.</summary>
/// <param name="N">The number of pairs, kept so a reader can judge how much weight the p-value bears.</param>
/// <param name="Rho">Spearman's rho, from −1 to 1.</param>
/// <param name="TStatistic">Infinite, with rho's sign, when the ranks agree (or disagree) perfectly.</param>
/// <param name="PValue">Two-sided, from Student's t with N − 2 degrees of freedom.</param>
public sealed record RankCorrelationResult(int N, double Rho, double TStatistic, double PValue);

/// <summary>
/// Spearman's rank correlation: whether two indicators move together across areas without assuming the
/// relationship is a straight line or that either is normally distributed.
/// </summary>
public static class RankCorrelation
{
    /// <summary>
    /// Ranks 1..n with tied values given the mean of the ranks they span (R's rank(ties.method = "average")),
    /// so that ties neither favour one area over another nor change the sum of the ranks.
    /// </summary>
    public static IReadOnlyList<double> AverageRanks(IReadOnlyList<double> values)
    {
        if (values.Any(double.IsNaN))
        {
            throw new ArgumentException("A missing (NaN) value has no rank; leave the pair out instead.", nameof(values));
        }

        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        var start = 0;
        while (start < order.Length)
        {
            var end = start + 1;
            while (end < order.Length && values[order[end]] == values[order[start]])
            {
                end++;
            }

            // Sorted positions start..end-1 hold ranks start+1..end, whose mean is their midpoint.
            var rank = (start + 1 + end) / 2.0;
            for (var k = start; k < end; k++)
            {
                ranks[order[k]] = rank;
            }

            start = end;
        }

        return ranks;
    }

    /// <summary>
    /// Spearman's rho as the Pearson correlation of the average ranks, which stays right when there are
    /// ties (1 − 6Σd²/(n(n²−1)) does not), and its two-sided p-value from Student's t with n − 2 degrees of
    /// freedom, t = rho·√((n − 2)/(1 − rho²)): the approximation R's cor.test uses with exact = FALSE and
    /// scipy's spearmanr uses. Null when there is nothing to correlate: fewer than three pairs, or either
    /// variable with every value tied.
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length, so the values cannot be paired.</exception>
    public static RankCorrelationResult? Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count)
        {
            throw new ArgumentException("Spearman's rho needs the values in pairs; the two lists differ in length.", nameof(y));
        }

        var n = x.Count;
        if (n < 3)
        {
            return null;
        }

        var xRanks = AverageRanks(x);
        var yRanks = AverageRanks(y);

        // Average ranks always sum to n(n+1)/2, so their mean is known exactly.
        var meanRank = (n + 1) / 2.0;
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < n; i++)
        {
            var dx = xRanks[i] - meanRank;
            var dy = yRanks[i] - meanRank;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        if (sxx == 0 || syy == 0)
        {
            return null;
        }

        // Ranks are halves or whole numbers, so the sums are exact and a perfect match gives exactly ±1;
        // the clamp only guards against a last-bit overshoot.
        var rho = Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1.0, 1.0);
        var degreesOfFreedom = n - 2;
        if (Math.Abs(rho) == 1)
        {
            return new RankCorrelationResult(n, rho, rho * double.PositiveInfinity, 0);
        }

        // (1 − rho)(1 + rho) rather than 1 − rho² keeps the digits when rho is close to ±1.
        var t = rho * Math.Sqrt(degreesOfFreedom / ((1 - rho) * (1 + rho)));
        return new RankCorrelationResult(n, rho, t, StudentT.TwoSidedP(t, degreesOfFreedom));
    }
}

/// <summary>Student's t distribution, for the significance of correlations on small samples.</summary>
public static class StudentT
{
    /// <summary>
    /// Two-sided p-value P(|T| ≥ |t|) for Student's t with the given (finite, positive) degrees of freedom,
    /// as the regularised incomplete beta I_{df/(df+t²)}(df/2, 1/2): the one route that stays accurate from
    /// p near 1 down to p far below 1e-10. An infinite t gives 0; a NaN t gives NaN.
    /// </summary>
    public static double TwoSidedP(double t, double degreesOfFreedom)
    {
        if (!double.IsFinite(degreesOfFreedom) || degreesOfFreedom <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "Degrees of freedom must be finite and positive.");
        }

        if (double.IsNaN(t))
        {
            return double.NaN;
        }

        var tSquared = t * t;
        if (double.IsInfinity(tSquared))
        {
            return 0;
        }

        // x and 1 − x are each worked out from t², so a small t does not lose its digits in 1 − x.
        var x = degreesOfFreedom / (degreesOfFreedom + tSquared);
        var complement = tSquared / (degreesOfFreedom + tSquared);
        return IncompleteBeta.Regularised(x, complement, degreesOfFreedom / 2, 0.5);
    }
}

/// <summary>
/// The regularised incomplete beta function, which gives the tails of Student's t (and the F and binomial
/// distributions) to near full double precision without numerical integration.
/// </summary>
public static class IncompleteBeta
{
    /// <summary>Machine epsilon: .NET's double.Epsilon is the smallest subnormal, far too small to stop on.</summary>
    private const double Precision = 2.220446049250313e-16;

    /// <summary>Stands in for a zero denominator in Lentz's method, which would otherwise divide by zero.</summary>
    private const double Tiny = 1e-300;

    /// <summary>
    /// Enough for a and b in the tens of millions (the fraction needs about √max(a, b) terms); far beyond
    /// any count of areas.
    /// </summary>
    private const int MaxIterations = 10_000;

    /// <summary>Lanczos coefficients for g = 671/128 (Numerical Recipes, 3rd edition): log-gamma to about 1e-15.</summary>
    private static readonly double[] Lanczos =
    [
        57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199,
        .339946499848118887e-4, .465236289270485756e-4, -.983744753048795646e-4, .158088703224912494e-3,
        -.210264441724104883e-3, .217439618115212643e-3, -.164318106536763890e-3, .844182239838527433e-4,
        -.261908384015814087e-4, .368991826595316234e-5,
    ];

    /// <summary>
    /// I_x(a, b), by Lentz's continued fraction, which converges fast only below x = (a + 1)/(a + b + 2); above
    /// that the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) moves the work to where it does.
    /// </summary>
    public static double Regularised(double x, double a, double b)
    {
        if (double.IsNaN(x) || x < 0 || x > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "The incomplete beta is defined for x from 0 to 1.");
        }

        return Regularised(x, 1 - x, a, b);
    }

    /// <summary>Takes 1 − x separately so callers who know it exactly (as Student's t does) keep its digits.</summary>
    internal static double Regularised(double x, double complement, double a, double b)
    {
        if (!double.IsFinite(a) || a <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(a), a, "The incomplete beta needs a finite, positive a.");
        }

        if (!double.IsFinite(b) || b <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(b), b, "The incomplete beta needs a finite, positive b.");
        }

        if (x <= 0)
        {
            return 0;
        }

        if (complement <= 0)
        {
            return 1;
        }

        // x^a (1−x)^b / B(a, b), in logs so large a and b cannot overflow.
        var front = Math.Exp((a * Math.Log(x)) + (b * Math.Log(complement)) - LogBeta(a, b));
        if (x > (a + 1) / (a + b + 2))
        {
            return 1 - (front * ContinuedFraction(complement, b, a) / b);
        }

        return front * ContinuedFraction(x, a, b) / a;
    }

    internal static double LogGamma(double x)
    {
        var y = x;
        var tmp = x + 5.24218750000000000;
        tmp = ((x + 0.5) * Math.Log(tmp)) - tmp;
        var series = 0.999999999999997092;
        foreach (var coefficient in Lanczos)
        {
            series += coefficient / ++y;
        }

        return tmp + Math.Log(2.5066282746310005 * series / x);
    }

    private static double LogBeta(double a, double b) => LogGamma(a) + LogGamma(b) - LogGamma(a + b);

    /// <summary>The continued fraction for I_x(a, b) by the modified Lentz method (Numerical Recipes' betacf).</summary>
    private static double ContinuedFraction(double x, double a, double b)
    {
        var c = 1.0;
        var d = NotZero(1 - ((a + b) * x / (a + 1)));
        d = 1 / d;
        var h = d;
        for (var m = 1; m <= MaxIterations; m++)
        {
            var m2 = 2 * m;

            // Even step.
            var term = m * (b - m) * x / ((a - 1 + m2) * (a + m2));
            d = 1 / NotZero(1 + (term * d));
            c = NotZero(1 + (term / c));
            h *= d * c;

            // Odd step.
            term = -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1 + m2));
            d = 1 / NotZero(1 + (term * d));
            c = NotZero(1 + (term / c));
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) <= Precision)
            {
                return h;
            }
        }

        throw new ArithmeticException(string.Create(CultureInfo.InvariantCulture, $"The incomplete beta's continued fraction did not converge for a = {a}, b = {b}."));
    }

    private static double NotZero(double value) => Math.Abs(value) < Tiny ? Tiny : value;
}
