namespace NationalReturns.Domain.Returns;

/// <summary>
/// A draft laid out as the template lays it out, read as a workbook: the return as the reader would see
/// it after a preparer filled in the template. Tests can rename headings, drop sheets and merge cells.
/// </summary>
public sealed class DraftWorkbook : WorkbookSource
{
    private readonly Dictionary<string, List<RawRow>> _sheets = [];
    private readonly Dictionary<string, List<CellArea>> _merged = [];
    private readonly List<string> _names = [];

    public DraftWorkbook(ReturnDraft draft, IReadOnlyDictionary<string, long>? previousFigures = null)
    {
        foreach (var sheet in draft.Spec.Sheets)
        {
            _names.Add(sheet.Name);
            _sheets[sheet.Name] = sheet.Layout == SheetLayout.Form ? FormRows(draft, sheet, previousFigures) : TableRows(draft, sheet);
        }
    }

    public override IReadOnlyList<string> SheetNames => _names;

    public override IEnumerable<RawRow> Rows(string sheetName) => _sheets[sheetName];

    public override IReadOnlyList<CellArea> MergedAreas(string sheetName) => _merged.GetValueOrDefault(sheetName) ?? [];

    public DraftWorkbook RemoveSheet(string name)
    {
        _names.Remove(name);
        _sheets.Remove(name);
        return this;
    }

    /// <summary>Replaces the text of the heading cell that says <paramref name="heading"/> (null removes it).</summary>
    public DraftWorkbook ReplaceText(string sheet, string heading, string? replacement)
    {
        var rows = _sheets[sheet];
        for (var r = 0; r < rows.Count; r++)
        {
            var cells = rows[r].Cells.ToList();
            var index = cells.FindIndex(c => c.Value.Kind == CellKind.Text && c.Value.Text == heading);
            if (index < 0)
            {
                continue;
            }

            if (replacement is null)
            {
                cells.RemoveAt(index);
            }
            else
            {
                cells[index] = cells[index] with { Value = CellValue.FromText(replacement) };
            }

            rows[r] = rows[r] with { Cells = cells };
            return this;
        }

        throw new ArgumentException($"No cell says '{heading}' on {sheet}.", nameof(heading));
    }

    /// <summary>Adds a cell to the end of the row with the given number.</summary>
    public DraftWorkbook AddCell(string sheet, int rowNumber, int column, CellValue value)
    {
        var rows = _sheets[sheet];
        var index = rows.FindIndex(r => r.RowNumber == rowNumber);
        if (index < 0)
        {
            rows.Add(new RawRow(rowNumber, [new RawCell(column, value)]));
            rows.Sort((a, b) => a.RowNumber.CompareTo(b.RowNumber));
        }
        else
        {
            rows[index] = rows[index] with { Cells = rows[index].Cells.Append(new RawCell(column, value)).OrderBy(c => c.Column).ToList() };
        }

        return this;
    }

    public DraftWorkbook Merge(string sheet, CellArea area)
    {
        if (!_merged.TryGetValue(sheet, out var list))
        {
            _merged[sheet] = list = [];
        }

        list.Add(area);
        return this;
    }

    private static List<RawRow> FormRows(ReturnDraft draft, SheetSpec sheet, IReadOnlyDictionary<string, long>? previousFigures)
    {
        var rows = new List<RawRow>
        {
            new(TemplateLayout.TitleRow, [new RawCell(1, CellValue.FromText(sheet.Name))]),
            new(TemplateLayout.PurposeRow, [new RawCell(1, CellValue.FromText(sheet.Purpose))]),
        };
        List<RawCell> header = [new(TemplateLayout.FormLabelColumn, CellValue.FromText(sheet.LabelHeader)), new(TemplateLayout.FormValueColumn, CellValue.FromText(sheet.ValueHeader))];
        if (sheet.PreviousHeader is not null)
        {
            header.Add(new(TemplateLayout.FormPreviousColumn, CellValue.FromText(sheet.PreviousHeader)));
        }

        rows.Add(new(TemplateLayout.HeaderRow, header));
        for (var i = 0; i < sheet.Fields.Count; i++)
        {
            var field = sheet.Fields[i];
            List<RawCell> cells = [new(TemplateLayout.FormLabelColumn, CellValue.FromText(field.Header))];
            var value = draft.Get(sheet.Name, field.Key);
            if (!value.IsBlank)
            {
                cells.Add(new(TemplateLayout.FormValueColumn, value));
            }

            if (sheet.PreviousHeader is not null && previousFigures?.TryGetValue(field.Key, out var before) == true)
            {
                cells.Add(new(TemplateLayout.FormPreviousColumn, CellValue.FromNumber(before)));
            }

            rows.Add(new(TemplateLayout.FormRow(sheet, i), cells));
        }

        return rows;
    }

    private static List<RawRow> TableRows(ReturnDraft draft, SheetSpec sheet)
    {
        var rows = new List<RawRow>
        {
            new(TemplateLayout.TitleRow, [new RawCell(1, CellValue.FromText(sheet.Name))]),
            new(TemplateLayout.PurposeRow, [new RawCell(1, CellValue.FromText(sheet.Purpose))]),
            new(TemplateLayout.HeaderRow, sheet.Fields.Select((f, i) => new RawCell(TemplateLayout.TableColumn(i), CellValue.FromText(f.Header))).ToList()),
        };
        var next = TemplateLayout.FirstDataRow;
        foreach (var values in draft.Tables.GetValueOrDefault(sheet.Name) ?? [])
        {
            rows.Add(new(next++, Cells(values)));
        }

        foreach (var values in draft.SummaryRows.GetValueOrDefault(sheet.Name) ?? [])
        {
            rows.Add(new(next++, Cells(values)));
        }

        return rows;
    }

    private static List<RawCell> Cells(CellValue[] values)
    {
        var cells = new List<RawCell>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            if (!values[i].IsBlank)
            {
                cells.Add(new RawCell(TemplateLayout.TableColumn(i), values[i]));
            }
        }

        return cells;
    }
}
