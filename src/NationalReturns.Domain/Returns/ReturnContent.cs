namespace NationalReturns.Domain.Returns;

public readonly record struct RawCell(int Column, CellValue Value);

/// <summary>A row of a worksheet as a reader streams it: only the cells that hold something.</summary>
public sealed record RawRow(int RowNumber, IReadOnlyList<RawCell> Cells);

/// <summary>Where a return's cells come from: an uploaded .xlsx in the service, a list of rows in tests.</summary>
public abstract class WorkbookSource
{
    public abstract IReadOnlyList<string> SheetNames { get; }

    /// <summary>Streams the rows that hold anything, in order.</summary>
    public abstract IEnumerable<RawRow> Rows(string sheetName);

    /// <summary>The sheet's merged areas; valid once its rows have been read.</summary>
    public abstract IReadOnlyList<CellArea> MergedAreas(string sheetName);
}

/// <summary>A form sheet as read: each field's answer and where it was.</summary>
public sealed class FormSheet(SheetSpec spec, int valueColumn)
{
    private readonly CellValue[] _values = new CellValue[spec.Fields.Count];
    private readonly int[] _rows = new int[spec.Fields.Count];

    public SheetSpec Spec { get; } = spec;

    public int ValueColumn { get; } = valueColumn;

    public CellValue this[int field] => _values[field];

    public CellValue this[string key] => _values[Spec.IndexOf(key)];

    public bool Found(int field) => _rows[field] > 0;

    public int RowOf(int field) => _rows[field];

    public string? Reference(int field) => _rows[field] > 0 ? CellReference.Format(_rows[field], ValueColumn) : null;

    public string? Reference(string key) => Reference(Spec.IndexOf(key));

    internal void Set(int field, int row, CellValue value)
    {
        _rows[field] = row;
        _values[field] = value;
    }
}

public sealed record TableRow(int RowNumber, CellValue[] Cells)
{
    public CellValue this[int field] => Cells[field];

    public bool IsBlank
    {
        get
        {
            foreach (var cell in Cells)
            {
                if (!cell.IsBlank)
                {
                    return false;
                }
            }

            return true;
        }
    }
}

/// <summary>A table sheet as read: the records, any summary (total) rows, and where each field's column was.</summary>
public sealed class TableSheet(SheetSpec spec, int headerRow, int[] columnOfField)
{
    public SheetSpec Spec { get; } = spec;

    public int HeaderRow { get; } = headerRow;

    /// <summary>1-based column of each field, or 0 when the column is missing.</summary>
    public IReadOnlyList<int> ColumnOfField { get; } = columnOfField;

    public List<TableRow> Rows { get; } = [];

    public List<TableRow> SummaryRows { get; } = [];

    public bool Found(int field) => ColumnOfField[field] > 0;

    public string? Reference(TableRow row, int field) =>
        ColumnOfField[field] > 0 ? CellReference.Format(row.RowNumber, ColumnOfField[field]) : null;

    public string? Reference(TableRow row, string key) => Reference(row, Spec.IndexOf(key));
}

/// <summary>A whole return as read from a workbook, under one version of the specification.</summary>
public sealed class ReturnContent(ReturnSpecification spec)
{
    public ReturnSpecification Spec { get; } = spec;

    public Dictionary<string, FormSheet> Forms { get; } = [];

    public Dictionary<string, TableSheet> Tables { get; } = [];

    /// <summary>Problems with the workbook's shape found while reading (missing sheets and columns, merged cells…).</summary>
    public IssueCollector ReadingIssues { get; } = new(spec);

    private (Periods.ReturnPeriod Period, IReadOnlyDictionary<string, long> Figures)? _figures;

    public FormSheet? Form(string sheet) => Forms.GetValueOrDefault(sheet);

    /// <summary>The return's figures (see <see cref="ReturnFigures"/>), worked out once: several rules need them.</summary>
    public IReadOnlyDictionary<string, long> Figures(Periods.ReturnPeriod period)
    {
        if (_figures is not { } cached || cached.Period != period)
        {
            cached = (period, ReturnFigures.From(this, period));
            _figures = cached;
        }

        return cached.Figures;
    }

    public TableSheet? Table(string sheet) => Tables.GetValueOrDefault(sheet);
}
