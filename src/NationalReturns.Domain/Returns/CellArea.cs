namespace NationalReturns.Domain.Returns;

/// <summary>A rectangle of cells, such as a merged area; both corners are included.</summary>
public readonly record struct CellArea(int FirstRow, int FirstColumn, int LastRow, int LastColumn)
{
    /// <summary>Parses "B3:D3", or a single reference such as "B3"; the corners may come in either order.</summary>
    /// <exception cref="FormatException">The text is not a range inside Excel's grid.</exception>
    public static CellArea Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var first = colon < 0 ? text.AsSpan() : text.AsSpan(0, colon);
        var last = colon < 0 ? text.AsSpan() : text.AsSpan(colon + 1);
        if (!CellReference.TryParse(first, out var row1, out var column1)
            || !CellReference.TryParse(last, out var row2, out var column2))
        {
            throw new FormatException($"'{text}' is not a cell range such as B3:D3.");
        }

        return new CellArea(
            Math.Min(row1, row2), Math.Min(column1, column2), Math.Max(row1, row2), Math.Max(column1, column2));
    }

    /// <summary>Whether the area reaches <paramref name="row"/> or below: a data area starts at its heading row.</summary>
    public bool IntersectsRowsFrom(int row) => LastRow >= row;

    public bool Contains(int row, int column) =>
        row >= FirstRow && row <= LastRow && column >= FirstColumn && column <= LastColumn;

    public override string ToString() =>
        FirstRow == LastRow && FirstColumn == LastColumn
            ? CellReference.Format(FirstRow, FirstColumn)
            : CellReference.Format(FirstRow, FirstColumn) + ":" + CellReference.Format(LastRow, LastColumn);
}
