using NationalReturns.Domain.Periods;

namespace NationalReturns.Domain.Returns.Demo;

/// <summary>One authority's published homelessness figures for a quarter (MHCLG detailed tables, summed to upper tier).</summary>
public sealed record HomelessnessQuarter(long Prevention, long Relief, long InTemporaryAccommodation, long WithChildrenInTemporaryAccommodation);

/// <summary>
/// Real published figures the demo returns are built on where they exist: DfE's children starting to be
/// looked after and looked after at 31 March, MHCLG's quarterly homelessness, and the YJB's first-time
/// entrant rates. Annual counts are spread over quarters by a seeded draw, so the four quarters of a
/// year add up to the published count exactly and the demo is the same every time.
/// </summary>
public sealed class DemoSources
{
    /// <summary>Quarters are not equal: a little more in the autumn and winter, as the published quarterly series show.</summary>
    private static readonly double[] Seasonal = [0.24, 0.25, 0.26, 0.25];

    private readonly Dictionary<(string DfeCode, int YearEnding), long> _careStarts = [];
    private readonly Dictionary<(string DfeCode, int YearEnding), long> _lookedAfter = [];
    private readonly Dictionary<(string OnsCode, ReturnPeriod Period), HomelessnessQuarter> _homelessness = [];
    private readonly Dictionary<(string OnsCode, int CalendarYear), double> _fteRates = [];

    public static DemoSources None { get; } = new();

    /// <summary>Children who started to be looked after in the year to 31 March <paramref name="yearEnding"/>.</summary>
    public void AddCareStarts(string dfeCode, int yearEnding, long count) => _careStarts[(dfeCode, yearEnding)] = count;

    /// <summary>Children looked after on 31 March <paramref name="year"/>.</summary>
    public void AddLookedAfter(string dfeCode, int year, long count) => _lookedAfter[(dfeCode, year)] = count;

    public void AddHomelessness(string onsCode, ReturnPeriod period, HomelessnessQuarter figures) => _homelessness[(onsCode, period)] = figures;

    /// <summary>First-time entrants per 100,000 aged 10 to 17 in the calendar year.</summary>
    public void AddFirstTimeEntrantRate(string onsCode, int calendarYear, double rate) => _fteRates[(onsCode, calendarYear)] = rate;

    public long? PublishedCareStarts(string dfeCode, int yearEnding) => _careStarts.TryGetValue((dfeCode, yearEnding), out var count) ? count : null;

    /// <summary>
    /// The quarter's share of the year's published starts; a year not yet published follows the latest
    /// one that is, varied by chance. Null where DfE publishes nothing for the authority.
    /// </summary>
    public long? CareStartsInQuarter(string onsCode, string dfeCode, ReturnPeriod period)
    {
        var yearEnding = period.FinancialYearStart + 1;
        var annual = PublishedCareStarts(dfeCode, yearEnding);
        if (annual is null)
        {
            var latest = _careStarts.Keys.Where(k => k.DfeCode == dfeCode && k.YearEnding < yearEnding).Select(k => k.YearEnding).DefaultIfEmpty().Max();
            if (latest == 0)
            {
                return null;
            }

            var random = new Random(DemoSeed.Of(onsCode, yearEnding, 101));
            annual = DemoSeed.Around(random, _careStarts[(dfeCode, latest)]);
        }

        return Spread(DemoSeed.Of(onsCode, yearEnding, 102), annual.Value)[period.Quarter - 1];
    }

    /// <summary>Looked after on the 31 March before the quarter's year began: where the demo's stock starts.</summary>
    public long? LookedAfterBefore(string dfeCode, ReturnPeriod period) =>
        _lookedAfter.TryGetValue((dfeCode, period.FinancialYearStart), out var count) ? count : null;

    public HomelessnessQuarter? Homelessness(string onsCode, ReturnPeriod period) => _homelessness.GetValueOrDefault((onsCode, period));

    /// <summary>
    /// First-time entrants in the quarter, from the calendar year's published rate (the latest year
    /// published where the quarter is later) and the authority's children aged 10 to 17.
    /// </summary>
    public long? FirstTimeEntrantsInQuarter(string onsCode, ReturnPeriod period, long children10To17)
    {
        // April–December fall in the year the financial year starts; January–March in the next.
        var calendarYear = period.Quarter == 4 ? period.FinancialYearStart + 1 : period.FinancialYearStart;
        var year = _fteRates.Keys.Where(k => k.OnsCode == onsCode && k.CalendarYear <= calendarYear).Select(k => k.CalendarYear).DefaultIfEmpty().Max();
        if (year == 0 || children10To17 <= 0)
        {
            return null;
        }

        var annual = (long)Math.Round(_fteRates[(onsCode, year)] * children10To17 / 100_000, MidpointRounding.AwayFromZero);
        var calendarQuarter = period.Quarter == 4 ? 0 : period.Quarter;
        return Spread(DemoSeed.Of(onsCode, calendarYear, 103), annual)[calendarQuarter];
    }

    private static long[] Spread(int seed, long total)
    {
        var random = new Random(seed);
        var parts = new long[4];
        for (var i = 0; i < total; i++)
        {
            var x = random.NextDouble();
            var quarter = 0;
            while (quarter < 3 && x > Seasonal[quarter])
            {
                x -= Seasonal[quarter];
                quarter++;
            }

            parts[quarter]++;
        }

        return parts;
    }
}

/// <summary>Seeds and draws the demo shares, the same on every machine (string.GetHashCode is not).</summary>
public static class DemoSeed
{
    public static int Of(string text, int a, int b = 0)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return unchecked((((hash * 31) + a) * 31) + b);
    }

    /// <summary>Roughly Poisson: a normal approximation with the right spread, never negative.</summary>
    public static long Around(Random random, double expected)
    {
        var value = expected + (Math.Sqrt(Math.Max(expected, 0)) * Gaussian(random));
        return Math.Max(0, (long)Math.Round(value));
    }

    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
