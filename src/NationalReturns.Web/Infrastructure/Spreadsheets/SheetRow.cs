namespace NationalReturns.Web.Infrastructure.Spreadsheets;

/// <summary>A row that holds at least one non-blank cell; <see cref="Cells"/> is in column order.</summary>
public sealed class SheetRow
{
    private readonly SheetCell[] _cells;

    internal SheetRow(int rowNumber, SheetCell[] cells)
    {
        RowNumber = rowNumber;
        _cells = cells;
    }

    public int RowNumber { get; }

    public IReadOnlyList<SheetCell> Cells => _cells;

    public bool TryGetCell(int column, out SheetCell cell)
    {
        var low = 0;
        var high = _cells.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var found = _cells[middle].Column;
            if (found == column)
            {
                cell = _cells[middle];
                return true;
            }

            if (found < column)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        cell = default;
        return false;
    }
}
