using System.Globalization;
using System.Text.RegularExpressions;

namespace NationalReturns.Domain.Returns;

/// <summary>
/// Reads a cell as the type its field expects. Accepts what spreadsheet programs and people produce:
/// numbers with thousands separators, dates as Excel serials or as text (ISO or dd/mm/yyyy).
/// </summary>
public static partial class CellParsing
{
    // Excel's serial range: 1 is 1 January 1900, 2958465 is 31 December 9999.
    private const double FirstSerial = 1;
    private const double LastSerial = 2958465;

    public static bool TryNumber(CellValue cell, out decimal value)
    {
        value = 0;
        switch (cell.Kind)
        {
            case CellKind.Number when !cell.IsDate:
                if (double.IsFinite(cell.Number) && Math.Abs(cell.Number) < 1e15)
                {
                    value = (decimal)cell.Number;
                    return true;
                }

                return false;
            case CellKind.Text:
                var text = cell.Text!.Trim();
                if (NumberPattern().IsMatch(text))
                {
                    return decimal.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
                }

                return false;
            default:
                return false;
        }
    }

    public static bool IsWholeNumber(decimal value) => decimal.Truncate(value) == value;

    /// <summary>
    /// No count of people or events in a return comes near this. Larger figures still get their cell rule
    /// (too large), but are never added up, so sums over 100,000 rows cannot overflow.
    /// </summary>
    public const long LargestCount = 1_000_000_000_000;

    /// <summary>A count: a whole number, possibly negative (the validator says what is wrong with negatives).</summary>
    public static bool TryCount(CellValue cell, out long value)
    {
        value = 0;
        if (!TryNumber(cell, out var number) || !IsWholeNumber(number) || Math.Abs(number) > LargestCount)
        {
            return false;
        }

        value = (long)number;
        return true;
    }

    public static bool TryDate(CellValue cell, out DateOnly date)
    {
        date = default;
        switch (cell.Kind)
        {
            case CellKind.Number:
                // A date-formatted cell, or a bare serial typed into a date column.
                if (cell.Number is >= FirstSerial and <= LastSerial && Math.Abs(cell.Number - Math.Floor(cell.Number)) < 1e-6)
                {
                    date = DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(cell.Number)));
                    return true;
                }

                return false;
            case CellKind.Text:
                return TryDateText(cell.Text!.Trim(), out date);
            default:
                return false;
        }
    }

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy", "dd-MM-yyyy", "d-M-yyyy", "dd.MM.yyyy", "yyyy-MM-ddTHH:mm:ss"];

    private static bool TryDateText(string text, out DateOnly date)
    {
        date = default;
        if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = DateOnly.FromDateTime(parsed);
            return true;
        }

        return false;
    }

    public static bool TryYesNo(CellValue cell, out bool value)
    {
        value = false;
        if (cell.Kind == CellKind.Boolean)
        {
            value = cell.Number != 0;
            return true;
        }

        if (cell.Kind != CellKind.Text)
        {
            return false;
        }

        switch (cell.Text!.Trim().ToUpperInvariant())
        {
            case "Y" or "YES":
                value = true;
                return true;
            case "N" or "NO":
                return true;
            default:
                return false;
        }
    }

    /// <summary>The cell as text: numbers as the preparer typed them (a phone number may arrive as a number).</summary>
    public static string AsText(CellValue cell) => cell.Kind == CellKind.Text ? cell.Text!.Trim() : cell.Display;

    public static bool HasControlCharacters(string text)
    {
        foreach (var c in text)
        {
            if ((c < ' ' && c is not ('\t' or '\n' or '\r')) || c is >= '\u007f' and <= '\u009f')
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsEmail(string text) => text.Length <= 254 && EmailPattern().IsMatch(text);

    public static bool IsPhone(string text)
    {
        if (!PhonePattern().IsMatch(text))
        {
            return false;
        }

        var digits = text.Count(char.IsAsciiDigit);
        return digits is >= 10 and <= 13;
    }

    public static bool IsReference(string text) => ReferencePattern().IsMatch(text);

    [GeneratedRegex(@"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[\d\s()-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[A-Za-z0-9-]{1,20}$", RegexOptions.CultureInvariant)]
    private static partial Regex ReferencePattern();
}
