using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace NationalReturns.Domain.Periods;

/// <summary>
/// A financial-year quarter: Q1 is April to June. Written <c>2025-26 Q1</c> on screens and
/// <c>2025-26-Q1</c> in URLs.
/// </summary>
public readonly partial record struct ReturnPeriod : IComparable<ReturnPeriod>, IParsable<ReturnPeriod>
{
    public ReturnPeriod(int financialYearStart, int quarter)
    {
        if (financialYearStart is < 2000 or > 2099)
        {
            throw new ArgumentOutOfRangeException(nameof(financialYearStart), financialYearStart, "The financial year must start between 2000 and 2099.");
        }

        if (quarter is < 1 or > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(quarter), quarter, "A quarter is 1, 2, 3 or 4.");
        }

        FinancialYearStart = financialYearStart;
        Quarter = quarter;
    }

    /// <summary>The calendar year in which the financial year starts (2025 for 2025-26).</summary>
    public int FinancialYearStart { get; }

    public int Quarter { get; }

    public DateOnly Start => new DateOnly(FinancialYearStart, 4, 1).AddMonths((Quarter - 1) * 3);

    public DateOnly End => Start.AddMonths(3).AddDays(-1);

    public string FinancialYear => string.Create(CultureInfo.InvariantCulture, $"{FinancialYearStart}-{(FinancialYearStart + 1) % 100:00}");

    public string UrlSegment => string.Create(CultureInfo.InvariantCulture, $"{FinancialYear}-Q{Quarter}");

    /// <summary>
    /// The ONS mid-year estimate that serves as denominator for this financial year: mid-year Y for
    /// April Y to March Y+1, as DfE does (the year to 31 March 2025 uses mid-2024).
    /// </summary>
    public int PopulationMidYear => FinancialYearStart;

    public ReturnPeriod Previous => Quarter == 1 ? new(FinancialYearStart - 1, 4) : new(FinancialYearStart, Quarter - 1);

    public ReturnPeriod Next => Quarter == 4 ? new(FinancialYearStart + 1, 1) : new(FinancialYearStart, Quarter + 1);

    public ReturnPeriod SameQuarterLastYear => new(FinancialYearStart - 1, Quarter);

    /// <summary>This quarter and the <paramref name="count"/> − 1 before it, newest first.</summary>
    public IReadOnlyList<ReturnPeriod> AndPrevious(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var periods = new List<ReturnPeriod>(count) { this };
        while (periods.Count < count)
        {
            periods.Add(periods[^1].Previous);
        }

        return periods;
    }

    public static ReturnPeriod Containing(DateOnly date)
    {
        var fyStart = date.Month >= 4 ? date.Year : date.Year - 1;
        var quarter = ((date.Month + 8) % 12 / 3) + 1;
        return new ReturnPeriod(fyStart, quarter);
    }

    /// <summary>Accepts both the screen form (<c>2025-26 Q1</c>) and the URL form (<c>2025-26-Q1</c>).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out ReturnPeriod period)
    {
        period = default;
        if (text is null)
        {
            return false;
        }

        var match = PeriodPattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        var start = int.Parse(match.Groups["start"].Value, CultureInfo.InvariantCulture);
        var end = int.Parse(match.Groups["end"].Value, CultureInfo.InvariantCulture);
        var quarter = int.Parse(match.Groups["q"].Value, CultureInfo.InvariantCulture);
        if ((start + 1) % 100 != end || start is < 2000 or > 2099)
        {
            return false;
        }

        period = new ReturnPeriod(start, quarter);
        return true;
    }

    // IParsable, for model binding; the text never depends on a culture, so these are the interface's only.
    static bool IParsable<ReturnPeriod>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ReturnPeriod result) => TryParse(s, out result);

    static ReturnPeriod IParsable<ReturnPeriod>.Parse(string s, IFormatProvider? provider) => Parse(s);

    public static ReturnPeriod Parse(string text) =>
        TryParse(text, out var period)
            ? period
            : throw new FormatException($"'{text}' is not a return period. Write it as 2025-26 Q1 (or 2025-26-Q1 in a URL).");

    public int CompareTo(ReturnPeriod other) =>
        (FinancialYearStart, Quarter).CompareTo((other.FinancialYearStart, other.Quarter));

    public static bool operator <(ReturnPeriod left, ReturnPeriod right) => left.CompareTo(right) < 0;

    public static bool operator >(ReturnPeriod left, ReturnPeriod right) => left.CompareTo(right) > 0;

    public static bool operator <=(ReturnPeriod left, ReturnPeriod right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ReturnPeriod left, ReturnPeriod right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{FinancialYear} Q{Quarter}");

    [GeneratedRegex(@"^(?<start>\d{4})-(?<end>\d{2})[ -]Q(?<q>[1-4])$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PeriodPattern();
}
