namespace NationalReturns.Domain.Statistics;

/// <summary>The two confidence levels public-health benchmarking uses.</summary>
public enum Confidence
{
    /// <summary>95%: z = 1.959964.</summary>
    Ninety5,

    /// <summary>99.8%: z = 3.090232, about three standard deviations.</summary>
    Ninety9Point8,
}

public readonly record struct Interval(double Lower, double Upper)
{
    public bool Contains(double value) => value >= Lower && value <= Upper;

    public bool Overlaps(Interval other) => Lower <= other.Upper && other.Lower <= Upper;

    public Interval Scale(double factor) => new(Lower * factor, Upper * factor);
}

/// <summary>
/// Confidence limits for counts (crude rates) and proportions, as PHEindicatormethods and Fingertips
/// compute them: Byar's approximation from 10 events, exact Poisson below; Wilson's score for proportions.
/// </summary>
public static class ConfidenceIntervals
{
    // Φ⁻¹(0.975) and Φ⁻¹(0.999) to full double precision (often quoted as 1.959964 and 3.090232).
    public static double Z(Confidence confidence) => confidence == Confidence.Ninety5 ? 1.959963984540054 : 3.090232306167813;

    public static double Alpha(Confidence confidence) => confidence == Confidence.Ninety5 ? 0.05 : 0.002;

    /// <summary>Limits on a count of events: divide by the denominator and multiply for a rate's limits.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative count: there is no interval to give, and callers check first.</exception>
    public static Interval Count(long events, Confidence confidence) =>
        events < 10 ? ExactPoisson(events, confidence) : Byar(events, confidence);

    /// <exception cref="ArgumentOutOfRangeException">A negative count, or a denominator that is not a positive finite number.</exception>
    public static Interval Rate(long events, double denominator, double multiplier, Confidence confidence)
    {
        RequirePositive(denominator, nameof(denominator));
        return Count(events, confidence).Scale(multiplier / denominator);
    }

    public static Interval Byar(long events, Confidence confidence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(events);
        var z = Z(confidence);
        double x = events;
        var lower = x * Math.Pow(1 - (1 / (9 * x)) - (z / (3 * Math.Sqrt(x))), 3);
        var upper = (x + 1) * Math.Pow(1 - (1 / (9 * (x + 1))) + (z / (3 * Math.Sqrt(x + 1))), 3);
        return new Interval(x == 0 ? 0 : lower, upper);
    }

    /// <summary>
    /// Exact limits: the means λ for which seeing this many events or more (lower) or this many or fewer
    /// (upper) has probability α/2, found by bisection on the Poisson distribution, as Fingertips does.
    /// </summary>
    public static Interval ExactPoisson(long events, Confidence confidence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(events);
        return events < SmallCounts ? Small[confidence == Confidence.Ninety5 ? 0 : 1][events] : ExactPoissonUncached(events, confidence);
    }

    /// <summary>Exact limits are only used below 10 events, so those ten are worked out once: a rebuild asks for thousands.</summary>
    private const int SmallCounts = 10;

    private static readonly Interval[][] Small =
    [
        Enumerable.Range(0, SmallCounts).Select(e => ExactPoissonUncached(e, Confidence.Ninety5)).ToArray(),
        Enumerable.Range(0, SmallCounts).Select(e => ExactPoissonUncached(e, Confidence.Ninety9Point8)).ToArray(),
    ];

    private static Interval ExactPoissonUncached(long events, Confidence confidence)
    {
        var half = Alpha(confidence) / 2;
        var lower = events == 0 ? 0 : Bisect(lambda => 1 - PoissonCdf(events - 1, lambda) - half, 0, events + 1);
        var upper = Bisect(lambda => half - PoissonCdf(events, lambda), events, (events * 4) + 20);
        return new Interval(lower, upper);
    }

    /// <summary>Wilson score limits for a proportion (0 to 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">No trials, a negative count, or more successes than trials.</exception>
    public static Interval Wilson(long successes, long trials, Confidence confidence)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(trials);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);

        var z = Z(confidence);
        double x = successes, n = trials;
        var spread = z * Math.Sqrt((z * z) + (4 * x * (1 - (x / n))));
        var centre = (2 * x) + (z * z);
        var divisor = 2 * (n + (z * z));
        return new Interval((centre - spread) / divisor, (centre + spread) / divisor);
    }

    public static double PoissonCdf(long k, double lambda)
    {
        if (k < 0)
        {
            return 0;
        }

        // Summed in log space so large counts cannot overflow.
        double term = -lambda, sum = Math.Exp(term);
        for (var i = 1; i <= k; i++)
        {
            term += Math.Log(lambda) - Math.Log(i);
            sum += Math.Exp(term);
        }

        return Math.Min(1, sum);
    }

    /// <summary>A denominator must be a positive, finite number: NaN slips past a plain "&lt;= 0" test.</summary>
    public static bool IsUsableDenominator(double denominator) => double.IsFinite(denominator) && denominator > 0;

    private static void RequirePositive(double denominator, string name)
    {
        if (!IsUsableDenominator(denominator))
        {
            throw new ArgumentOutOfRangeException(name, denominator, "A denominator must be a positive, finite number.");
        }
    }

    /// <summary>Finds where an increasing function crosses zero between two points.</summary>
    private static double Bisect(Func<double, double> increasing, double low, double high)
    {
        for (var i = 0; i < 200 && high - low > 1e-12; i++)
        {
            var middle = (low + high) / 2;
            if (increasing(middle) < 0)
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
}
