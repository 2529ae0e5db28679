namespace NationalReturns.Domain.Statistics;

/// <summary>
/// The gamma distribution with scale 1, enough for exact Poisson limits around a count that need not be whole
/// (a funnel plot's expected count): its regularised lower incomplete gamma function and the quantile found from
/// it by bisection. Written here so the domain needs no numerical library.
/// </summary>
public static class Gamma
{
    /// <summary>P(a, x): the probability that a gamma variable with shape <paramref name="shape"/> is at most <paramref name="x"/>.</summary>
    public static double Cdf(double shape, double x)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shape);
        if (x <= 0)
        {
            return 0;
        }

        // The series converges quickly below the mean; above it the continued fraction for 1 − P does.
        return x < shape + 1 ? Series(shape, x) : 1 - ContinuedFraction(shape, x);
    }

    /// <summary>The value below which a gamma variable with this shape falls with probability <paramref name="p"/>.</summary>
    public static double Quantile(double p, double shape)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shape);
        if (p is <= 0 or >= 1 || double.IsNaN(p))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A probability strictly between 0 and 1.");
        }

        double low = 0, high = shape + (20 * Math.Sqrt(shape)) + 50;
        for (var i = 0; i < 200 && high - low > 1e-12 * Math.Max(1, high); i++)
        {
            var middle = (low + high) / 2;
            if (Cdf(shape, middle) < p)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return (low + high) / 2;
    }

    /// <summary>ln Γ(x) for x &gt; 0, by Lanczos' approximation (g = 7, nine terms): good to about 15 digits.</summary>
    public static double LogGamma(double x)
    {
        if (x < 0.5)
        {
            // Reflection keeps the approximation where it is accurate.
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        }

        x -= 1;
        var sum = Lanczos[0];
        for (var i = 1; i < Lanczos.Length; i++)
        {
            sum += Lanczos[i] / (x + i);
        }

        var t = x + 7.5;
        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }

    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    private static double Series(double shape, double x)
    {
        double term = 1 / shape, sum = term;
        for (var n = 1; n < 10_000; n++)
        {
            term *= x / (shape + n);
            sum += term;
            if (Math.Abs(term) < Math.Abs(sum) * 1e-16)
            {
                break;
            }
        }

        return sum * Math.Exp(-x + (shape * Math.Log(x)) - LogGamma(shape));
    }

    /// <summary>Q(a, x) = 1 − P(a, x) by its continued fraction, evaluated with Lentz's method.</summary>
    private static double ContinuedFraction(double shape, double x)
    {
        const double tiny = 1e-300;
        var b = x + 1 - shape;
        var c = 1 / tiny;
        var d = 1 / b;
        var h = d;
        for (var i = 1; i < 10_000; i++)
        {
            var an = -i * (i - shape);
            b += 2;
            d = (an * d) + b;
            d = Math.Abs(d) < tiny ? tiny : d;
            c = b + (an / c);
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
            {
                break;
            }
        }

        return Math.Exp(-x + (shape * Math.Log(x)) - LogGamma(shape)) * h;
    }
}
