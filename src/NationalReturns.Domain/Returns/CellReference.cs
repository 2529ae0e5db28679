using System.Globalization;

namespace NationalReturns.Domain.Returns;

/// <summary>A1-style cell references: column letters then a 1-based row number, within Excel's grid.</summary>
public static class CellReference
{
    public const int MaxRow = 1_048_576;
    public const int MaxColumn = 16_384;

    /// <summary>Parses "AB12" to (12, 28). Letters may be either case.</summary>
    /// <exception cref="FormatException">The text is not a reference inside Excel's grid.</exception>
    public static (int Row, int Column) Parse(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return TryParse(reference, out var row, out var column)
            ? (row, column)
            : throw new FormatException($"'{reference}' is not a cell reference such as B7.");
    }

    public static bool TryParse(ReadOnlySpan<char> reference, out int row, out int column)
    {
        row = 0;
        column = 0;
        var i = 0;
        while (i < reference.Length && char.IsAsciiLetter(reference[i]))
        {
            column = (column * 26) + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
            if (column > MaxColumn)
            {
                return false;
            }

            i++;
        }

        if (i == 0 || i == reference.Length || reference[i] == '0')
        {
            return false;
        }

        for (; i < reference.Length; i++)
        {
            if (!char.IsAsciiDigit(reference[i]))
            {
                return false;
            }

            row = (row * 10) + (reference[i] - '0');
            if (row > MaxRow)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Bijective base 26: 1 is A, 26 is Z, 27 is AA, 28 is AB.</summary>
    public static string ColumnLetters(int column)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(column, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(column, MaxColumn);
        Span<char> letters = stackalloc char[3];
        var start = letters.Length;
        for (var rest = column; rest > 0; rest = (rest - 1) / 26)
        {
            letters[--start] = (char)('A' + ((rest - 1) % 26));
        }

        return new string(letters[start..]);
    }

    public static string Format(int row, int column)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(row, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(row, MaxRow);
        return ColumnLetters(column) + row.ToString(CultureInfo.InvariantCulture);
    }
}
