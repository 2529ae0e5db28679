using System.Globalization;

namespace NationalReturns.Domain.SelfAssessments;

/// <summary>The year an assessment is for, April to March, shown as "2025-26".</summary>
public readonly record struct AssessmentYear(int StartYear) : IComparable<AssessmentYear>, IParsable<AssessmentYear>
{
    public string Label => string.Create(CultureInfo.InvariantCulture, $"{StartYear}-{(StartYear + 1) % 100:00}");

    public AssessmentYear Previous => new(StartYear - 1);

    public static AssessmentYear Containing(DateOnly date) => new(date.Month >= 4 ? date.Year : date.Year - 1);

    /// <summary>Reads "2025-26" (as the pages show it) or "2025".</summary>
    public static bool TryParse(string? text, out AssessmentYear year)
    {
        year = default;
        var trimmed = text?.Trim() ?? "";
        var parts = trimmed.Split('-');
        if (parts.Length is < 1 or > 2 || parts[0].Length != 4 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start) || start < 2000 || start > 2100)
        {
            return false;
        }

        if (parts.Length == 2 && (parts[1].Length != 2 || parts[1] != ((start + 1) % 100).ToString("00", CultureInfo.InvariantCulture)))
        {
            return false;
        }

        year = new AssessmentYear(start);
        return true;
    }

    // IParsable, for model binding; the text never depends on a culture, so these are the interface's only.
    static bool IParsable<AssessmentYear>.TryParse(string? s, IFormatProvider? provider, out AssessmentYear result) => TryParse(s, out result);

    static AssessmentYear IParsable<AssessmentYear>.Parse(string s, IFormatProvider? provider) =>
        TryParse(s, out var year) ? year : throw new FormatException(NotAYear(s));

    /// <summary>What to say about text that is not a year.</summary>
    public static string NotAYear(string? text) => $"'{text}' is not a year. Years are written like 2025-26, April to March.";

    public int CompareTo(AssessmentYear other) => StartYear.CompareTo(other.StartYear);

    public static bool operator <(AssessmentYear a, AssessmentYear b) => a.StartYear < b.StartYear;

    public static bool operator >(AssessmentYear a, AssessmentYear b) => a.StartYear > b.StartYear;

    public static bool operator <=(AssessmentYear a, AssessmentYear b) => a.StartYear <= b.StartYear;

    public static bool operator >=(AssessmentYear a, AssessmentYear b) => a.StartYear >= b.StartYear;

    public override string ToString() => Label;
}
