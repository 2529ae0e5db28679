using System.Globalization;

namespace NationalReturns.Web.Infrastructure;

/// <summary>One cell of the service's CSV downloads, written the same way everywhere.</summary>
public static class CsvCell
{
    /// <summary>
    /// Numbers in invariant form (values to at most three decimals), names quoted where they hold a comma, quote or
    /// line break ("Bristol, City of"), and text starting = + - or @ prefixed with ' so a spreadsheet never runs it.
    /// </summary>
    public static string Of(object? value)
    {
        var text = value switch
        {
            null => "",
            double d => d.ToString("0.###", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };

        if (text.Length > 0 && "=+-@".Contains(text[0], StringComparison.Ordinal) && value is string)
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }
}
