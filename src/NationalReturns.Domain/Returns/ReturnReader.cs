namespace NationalReturns.Domain.Returns;

/// <summary>
/// Turns a workbook's rows into a <see cref="ReturnContent"/> under a specification. Columns and form rows
/// are matched by their heading text (case, spacing and order don't matter). Streams each sheet once.
/// </summary>
public static class ReturnReader
{
    public const string CoverSheet = "Cover";
    public const string TemplateVersionLabel = "Template version";

    // A heading row further down than this is not a heading row: the template puts it near the top.
    private const int HeaderSearchRows = 20;

    /// <summary>Finds the sheet whatever its case or spacing, as people do rename tabs by accident.</summary>
    public static string? FindSheet(WorkbookSource source, string name)
    {
        var wanted = Normalise.Label(name);
        return source.SheetNames.FirstOrDefault(s => Normalise.Label(s) == wanted);
    }

    /// <summary>
    /// The template version written on the Cover sheet, read before anything else so the right version of
    /// the specification reads the rest. Null when the workbook has no Cover sheet or no version on it.
    /// </summary>
    public static string? ReadTemplateVersion(WorkbookSource source)
    {
        var sheet = FindSheet(source, CoverSheet);
        if (sheet is null)
        {
            return null;
        }

        var wanted = Normalise.Label(TemplateVersionLabel);
        foreach (var row in source.Rows(sheet))
        {
            for (var i = 0; i < row.Cells.Count - 1; i++)
            {
                if (row.Cells[i].Value.Kind == CellKind.Text && Normalise.Label(row.Cells[i].Value.Text) == wanted)
                {
                    var value = row.Cells[i + 1].Value;
                    return value.IsBlank ? null : CellParsing.AsText(value);
                }
            }
        }

        return null;
    }

    public static ReturnContent Read(ReturnSpecification spec, WorkbookSource source)
    {
        var content = new ReturnContent(spec);
        foreach (var sheetSpec in spec.Sheets)
        {
            var name = FindSheet(source, sheetSpec.Name);
            if (name is null)
            {
                content.ReadingIssues.Add(Issue(spec, "STR-001", sheetSpec.Name, null, null, null,
                    $"The workbook has no '{sheetSpec.Name}' sheet. Put back the sheet from this quarter's template (don't rename or delete its sheets) and upload again."));
                continue;
            }

            if (sheetSpec.Layout == SheetLayout.Form)
            {
                ReadForm(content, sheetSpec, source, name);
            }
            else
            {
                ReadTable(content, sheetSpec, source, name);
            }
        }

        return content;
    }

    private static void ReadForm(ReturnContent content, SheetSpec spec, WorkbookSource source, string sheetName)
    {
        var labelHeader = Normalise.Label(spec.LabelHeader);
        var valueHeader = Normalise.Label(spec.ValueHeader);
        var fieldByLabel = new Dictionary<string, int>();
        for (var i = 0; i < spec.Fields.Count; i++)
        {
            fieldByLabel[Normalise.Label(spec.Fields[i].Header)] = i;
        }

        FormSheet? form = null;
        int labelColumn = 0, headerRow = 0;
        foreach (var row in source.Rows(sheetName))
        {
            if (form is null)
            {
                if (row.RowNumber > HeaderSearchRows)
                {
                    break;
                }

                int foundLabel = 0, foundValue = 0;
                foreach (var cell in row.Cells)
                {
                    if (cell.Value.Kind != CellKind.Text)
                    {
                        continue;
                    }

                    var text = Normalise.Label(cell.Value.Text);
                    if (text == labelHeader && foundLabel == 0)
                    {
                        foundLabel = cell.Column;
                    }
                    else if (text == valueHeader && foundValue == 0)
                    {
                        foundValue = cell.Column;
                    }
                }

                if (foundLabel > 0 && foundValue > 0)
                {
                    labelColumn = foundLabel;
                    headerRow = row.RowNumber;
                    form = new FormSheet(spec, foundValue);
                }

                continue;
            }

            CellValue label = default, value = default;
            foreach (var cell in row.Cells)
            {
                if (cell.Column == labelColumn)
                {
                    label = cell.Value;
                }
                else if (cell.Column == form.ValueColumn)
                {
                    value = cell.Value;
                }
            }

            if (label.Kind != CellKind.Text || !fieldByLabel.TryGetValue(Normalise.Label(label.Text), out var field))
            {
                continue;
            }

            if (form.Found(field))
            {
                content.ReadingIssues.Add(Issue(content.Spec, "STR-003", spec.Name, CellReference.Format(row.RowNumber, labelColumn), spec.Fields[field].Header, label.Text,
                    $"'{spec.Fields[field].Header}' appears more than once (first in row {form.RowOf(field)}). Keep one row for it, as in the template."));
                continue;
            }

            form.Set(field, row.RowNumber, value);
            AddFormulaError(content, spec, form.Reference(field)!, spec.Fields[field], value);
        }

        if (form is null)
        {
            content.ReadingIssues.Add(Issue(content.Spec, "STR-007", spec.Name, null, null, null,
                $"The '{spec.Name}' sheet has lost its heading row ('{spec.LabelHeader}' and '{spec.ValueHeader}'). Copy your figures into this quarter's template and upload that."));
            return;
        }

        content.Forms[spec.Name] = form;
        for (var i = 0; i < spec.Fields.Count; i++)
        {
            if (!form.Found(i))
            {
                content.ReadingIssues.Add(Issue(content.Spec, "STR-002", spec.Name, null, spec.Fields[i].Header, null,
                    $"The row '{spec.Fields[i].Header}' is missing or its label was changed. Put the row back as it is in the template and fill it in."));
            }
        }

        AddMergedAreas(content, spec, source, sheetName, headerRow);
    }

    private static void ReadTable(ReturnContent content, SheetSpec spec, WorkbookSource source, string sheetName)
    {
        var fieldByHeader = new Dictionary<string, int>();
        for (var i = 0; i < spec.Fields.Count; i++)
        {
            fieldByHeader[Normalise.Label(spec.Fields[i].Header)] = i;
        }

        var summaryLabels = spec.SummaryRowLabels.Select(Normalise.Label).ToHashSet();
        TableSheet? table = null;
        int[] fieldOfColumn = [];
        var buffer = new CellValue[spec.Fields.Count];
        var tooMany = false;
        foreach (var row in source.Rows(sheetName))
        {
            if (table is null)
            {
                if (row.RowNumber > HeaderSearchRows)
                {
                    break;
                }

                table = TryHeader(content, spec, row, fieldByHeader, out fieldOfColumn);
                continue;
            }

            Array.Clear(buffer);
            var any = false;
            foreach (var cell in row.Cells)
            {
                if (cell.Column < fieldOfColumn.Length && fieldOfColumn[cell.Column] >= 0)
                {
                    buffer[fieldOfColumn[cell.Column]] = cell.Value;
                    any |= !cell.Value.IsBlank;
                }
            }

            if (!any)
            {
                continue;
            }

            if (table.Rows.Count >= spec.MaxRows)
            {
                if (!tooMany)
                {
                    tooMany = true;
                    content.ReadingIssues.Add(Issue(content.Spec, "STR-006", spec.Name, CellReference.Format(row.RowNumber, 1), null, null,
                        $"The '{spec.Name}' sheet has more than {spec.MaxRows:N0} rows of data, more than any return needs. Check for rows pasted twice or filled to the bottom of the sheet; only the first {spec.MaxRows:N0} were read."));
                }

                // Keep reading so the marked-up workbook and merged-cell checks still see the whole sheet.
                continue;
            }

            var record = new TableRow(row.RowNumber, (CellValue[])buffer.Clone());
            var first = record.Cells[0];
            if (summaryLabels.Count > 0 && first.Kind == CellKind.Text && summaryLabels.Contains(Normalise.Label(first.Text)))
            {
                table.SummaryRows.Add(record);
                continue;
            }

            table.Rows.Add(record);
            for (var i = 0; i < record.Cells.Length; i++)
            {
                if (record.Cells[i].Kind == CellKind.Error)
                {
                    AddFormulaError(content, spec, table.Reference(record, i)!, spec.Fields[i], record.Cells[i]);
                }
            }
        }

        if (table is null)
        {
            content.ReadingIssues.Add(Issue(content.Spec, "STR-007", spec.Name, null, null, null,
                $"The '{spec.Name}' sheet has lost its heading row (it should start '{spec.Fields[0].Header}'). Copy your figures into this quarter's template and upload that."));
            return;
        }

        content.Tables[spec.Name] = table;
        AddMergedAreas(content, spec, source, sheetName, table.HeaderRow);
    }

    private static TableSheet? TryHeader(ReturnContent content, SheetSpec spec, RawRow row, Dictionary<string, int> fieldByHeader, out int[] fieldOfColumn)
    {
        fieldOfColumn = [];
        var matches = 0;
        var maxColumn = 0;
        foreach (var cell in row.Cells)
        {
            if (cell.Value.Kind == CellKind.Text && fieldByHeader.ContainsKey(Normalise.Label(cell.Value.Text)))
            {
                matches++;
            }

            maxColumn = Math.Max(maxColumn, cell.Column);
        }

        // Half the headings is enough to recognise the row; the rest are reported as missing.
        if (matches == 0 || matches * 2 < spec.Fields.Count)
        {
            return null;
        }

        fieldOfColumn = new int[maxColumn + 1];
        Array.Fill(fieldOfColumn, -1);
        var columnOfField = new int[spec.Fields.Count];
        foreach (var cell in row.Cells)
        {
            if (cell.Value.Kind != CellKind.Text || !fieldByHeader.TryGetValue(Normalise.Label(cell.Value.Text), out var field))
            {
                continue;
            }

            if (columnOfField[field] > 0)
            {
                content.ReadingIssues.Add(Issue(content.Spec, "STR-003", spec.Name, CellReference.Format(row.RowNumber, cell.Column), spec.Fields[field].Header, cell.Value.Text,
                    $"The column '{spec.Fields[field].Header}' appears twice (columns {CellReference.ColumnLetters(columnOfField[field])} and {CellReference.ColumnLetters(cell.Column)}). Delete the copy, keeping the column with your figures, and upload again."));
                continue;
            }

            columnOfField[field] = cell.Column;
            fieldOfColumn[cell.Column] = field;
        }

        for (var i = 0; i < spec.Fields.Count; i++)
        {
            if (columnOfField[i] == 0)
            {
                content.ReadingIssues.Add(Issue(content.Spec, "STR-002", spec.Name, null, spec.Fields[i].Header, null,
                    $"The column '{spec.Fields[i].Header}' is missing or its heading was changed. Put the column back with the heading exactly as in the template."));
            }
        }

        return new TableSheet(spec, row.RowNumber, columnOfField);
    }

    private static void AddFormulaError(ReturnContent content, SheetSpec spec, string reference, FieldSpec field, CellValue value)
    {
        if (value.Kind == CellKind.Error)
        {
            content.ReadingIssues.Add(Issue(content.Spec, "STR-005", spec.Name, reference, field.Header, value.Text,
                $"This cell shows the formula error {IssueText.Quote(value.Text)}. Correct the formula, or type the figure in, and upload again."));
        }
    }

    private static void AddMergedAreas(ReturnContent content, SheetSpec spec, WorkbookSource source, string sheetName, int headerRow)
    {
        foreach (var area in source.MergedAreas(sheetName))
        {
            if (area.IntersectsRowsFrom(headerRow))
            {
                content.ReadingIssues.Add(Issue(content.Spec, "STR-004", spec.Name, CellReference.Format(area.FirstRow, area.FirstColumn), null, area.ToString(),
                    $"Cells {area} are merged. Merged cells hide figures from the reader: select them, choose Unmerge Cells, put each figure in its own cell and upload again."));
            }
        }
    }

    private static ReturnIssue Issue(ReturnSpecification spec, string code, string sheet, string? cell, string? field, string? value, string message) =>
        new(code, spec.HasRule(code) ? spec.Rule(code).Severity : Severity.Error, sheet, cell, field, value, message);
}
