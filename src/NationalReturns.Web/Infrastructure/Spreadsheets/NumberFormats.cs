namespace NationalReturns.Web.Infrastructure.Spreadsheets;

/// <summary>
/// Decides whether a number format shows a date or time. Excel stores dates as plain serial numbers,
/// so the format is the only sign that a cell holds one.
/// </summary>
internal static class NumberFormats
{
    /// <summary>
    /// Built-in ids ECMA-376 (§18.8.30) lists as dates or times, including the East Asian ones a
    /// workbook can carry without defining them.
    /// </summary>
    public static bool IsBuiltInDate(int numberFormatId) =>
        numberFormatId is (>= 14 and <= 22) or (>= 27 and <= 36) or (>= 45 and <= 47) or (>= 50 and <= 58);

    /// <summary>
    /// True when the code has a day, month, year, hour or second token outside quoted text, escaped
    /// characters and bracketed parts; the brackets hold colours, conditions and locales ("[Red]",
    /// "[$-F800]") except for elapsed times ("[h]:mm"), which count.
    /// </summary>
    public static bool IsDateCode(string code)
    {
        for (var i = 0; i < code.Length; i++)
        {
            switch (code[i])
            {
                case '"':
                    var close = code.IndexOf('"', i + 1);
                    if (close < 0)
                    {
                        return false;
                    }

                    i = close;
                    break;
                case '\\' or '_' or '*':
                    // The next character is a literal, a space width or a fill, never a token.
                    i++;
                    break;
                case '[':
                    var end = code.IndexOf(']', i + 1);
                    if (end < 0)
                    {
                        return false;
                    }

                    if (IsElapsedTime(code.AsSpan(i + 1, end - i - 1)))
                    {
                        return true;
                    }

                    i = end;
                    break;
                case 'd' or 'D' or 'm' or 'M' or 'y' or 'Y' or 'h' or 'H' or 's' or 'S':
                    return true;
                default:
                    break;
            }
        }

        return false;
    }

    private static bool IsElapsedTime(ReadOnlySpan<char> inside)
    {
        if (inside.IsEmpty)
        {
            return false;
        }

        var first = char.ToLowerInvariant(inside[0]);
        if (first is not ('h' or 'm' or 's'))
        {
            return false;
        }

        foreach (var c in inside)
        {
            if (char.ToLowerInvariant(c) != first)
            {
                return false;
            }
        }

        return true;
    }
}
