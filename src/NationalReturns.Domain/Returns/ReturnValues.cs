using System.Globalization;
using System.Text;

namespace NationalReturns.Domain.Returns;

/// <summary>One record of a table sheet as text, in the order the specification lists the sheet's fields.</summary>
public sealed record ValueRow(string Sheet, int RowNumber, string?[] Cells);

/// <summary>
/// A return's answers as text, the way the uploader sees them in the template: what a version keeps so its figures
/// can be shown (and paged and filtered) without reading the file again. Dates read as dd/mm/yyyy, as the
/// template's date columns show them; numbers in invariant form; blanks are null; every value is cut to
/// <see cref="StoredLength"/> characters, like the values kept with issues.
/// </summary>
public static class ReturnValues
{
    /// <summary>As long as a value kept with an issue: the page shows answers, the original file keeps them whole.</summary>
    public const int StoredLength = IssueText.ValueLength;

    /// <summary>The cell as the template would show it, or null when it is blank.</summary>
    public static string? Text(CellValue cell, FieldSpec field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (cell.IsBlank)
        {
            return null;
        }

        // A bare serial typed into a date column shows as a date there: the template formats the column so.
        var text = cell.Kind == CellKind.Number && (cell.IsDate || field.Type == FieldType.Date) && CellParsing.TryDate(cell, out var date)
            ? date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)
            : cell.Kind == CellKind.Text ? cell.Text!.Trim() : cell.Display;
        return IssueText.Shorten(Storable(text), StoredLength);
    }

    /// <summary>Each form sheet's answers by field key; blank answers are left out.</summary>
    public static Dictionary<string, string> Forms(ReturnContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var values = new Dictionary<string, string>();
        foreach (var form in content.Forms.Values)
        {
            for (var i = 0; i < form.Spec.Fields.Count; i++)
            {
                if (Text(form[i], form.Spec.Fields[i]) is { } text)
                {
                    values[form.Spec.Fields[i].Key] = text;
                }
            }
        }

        return values;
    }

    /// <summary>
    /// Every record of every table sheet (not the summary rows), sheet by sheet in the specification's order. Made
    /// as they are asked for, so a return of 50,000 families is never held twice.
    /// </summary>
    public static IEnumerable<ValueRow> Rows(ReturnContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        foreach (var sheet in content.Spec.Sheets)
        {
            if (sheet.Layout != SheetLayout.Table || content.Table(sheet.Name) is not { } table)
            {
                continue;
            }

            // A damaged file could repeat a row number; a row is kept once, as the page lists it once.
            var seen = new HashSet<int>();
            foreach (var row in table.Rows)
            {
                if (!seen.Add(row.RowNumber))
                {
                    continue;
                }

                var cells = new string?[sheet.Fields.Count];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = Text(row[i], sheet.Fields[i]);
                }

                yield return new ValueRow(sheet.Name, row.RowNumber, cells);
            }
        }
    }

    /// <summary>
    /// The text with what PostgreSQL's text cannot hold (NUL) and what UTF-8 cannot carry (a lone surrogate, which
    /// a workbook's _xD800_ escape can produce) replaced, and other control characters with them: nothing a person typed.
    /// </summary>
    private static string Storable(string text)
    {
        var clean = true;
        for (var i = 0; i < text.Length && clean; i++)
        {
            clean = !Unstorable(text, i);
        }

        if (clean)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(text[i]).Append(text[i + 1]);
                i++;
                continue;
            }

            builder.Append(Unstorable(text, i) ? '\uFFFD' : text[i]);
        }

        return builder.ToString();
    }

    private static bool Unstorable(string text, int i)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c))
        {
            return i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]);
        }

        if (char.IsLowSurrogate(c))
        {
            return i == 0 || !char.IsHighSurrogate(text[i - 1]);
        }

        return (c < ' ' && c is not ('\t' or '\n' or '\r')) || c is '\uFFFE' or '\uFFFF';
    }
}
