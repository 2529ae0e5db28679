using NationalReturns.Domain.Returns;

namespace NationalReturns.Web.Infrastructure.Spreadsheets;

/// <summary>An uploaded .xlsx as the return reader sees it: rows streamed from the workbook, cell by cell.</summary>
public sealed class XlsxWorkbookSource(XlsxWorkbook workbook) : WorkbookSource
{
    public override IReadOnlyList<string> SheetNames => workbook.SheetNames;

    public override IEnumerable<RawRow> Rows(string sheetName)
    {
        foreach (var row in workbook.ReadRows(sheetName))
        {
            var cells = new RawCell[row.Cells.Count];
            for (var i = 0; i < cells.Length; i++)
            {
                var cell = row.Cells[i];
                cells[i] = new RawCell(cell.Column, Value(cell));
            }

            yield return new RawRow(row.RowNumber, cells);
        }
    }

    public override IReadOnlyList<CellArea> MergedAreas(string sheetName) => workbook.MergedRanges(sheetName);

    private static CellValue Value(in SheetCell cell) => cell.Kind switch
    {
        CellKind.Number when cell.Number is { } number => new CellValue(CellKind.Number, null, number, cell.IsDateFormatted),
        CellKind.Boolean => CellValue.FromBoolean(cell.Text == "TRUE"),
        CellKind.Error => CellValue.FromError(cell.Text),
        CellKind.Text => CellValue.FromText(cell.Text),
        _ => CellValue.Blank,
    };
}
