namespace NationalReturns.Domain.Returns;

/// <summary>
/// Where things go on each sheet of a generated template. The reader does not depend on it (it finds
/// headings by their text), but the template, the test workbooks and the demo returns all follow it.
/// </summary>
public static class TemplateLayout
{
    public const int TitleRow = 1;
    public const int PurposeRow = 2;
    public const int HeaderRow = 4;
    public const int FirstDataRow = 5;

    public const int FormLabelColumn = 1;
    public const int FormValueColumn = 2;
    public const int FormPreviousColumn = 3;

    /// <summary>Form sheets: the column of guidance beside each answer (after last quarter's figures, when shown).</summary>
    public static int FormGuidanceColumn(SheetSpec sheet) => sheet.PreviousHeader is null ? 3 : 4;

    public static int FormRow(SheetSpec sheet, int field) => FirstDataRow + field;

    public static int TableColumn(int field) => field + 1;
}

/// <summary>
/// The values of one return, ready to be written into a template or read as a workbook: what a preparer
/// would type. Test and demo returns are built as drafts.
/// </summary>
public sealed class ReturnDraft(ReturnSpecification spec)
{
    public ReturnSpecification Spec { get; } = spec;

    public Dictionary<string, Dictionary<string, CellValue>> Forms { get; } = [];

    public Dictionary<string, List<CellValue[]>> Tables { get; } = [];

    /// <summary>Table sheets: summary rows (such as a Homelessness total) written after the records.</summary>
    public Dictionary<string, List<CellValue[]>> SummaryRows { get; } = [];

    public CellValue Get(string sheet, string key) => Forms.TryGetValue(sheet, out var form) ? form.GetValueOrDefault(key) : default;

    public ReturnDraft Set(string sheet, string key, CellValue value)
    {
        if (!Forms.TryGetValue(sheet, out var form))
        {
            Forms[sheet] = form = [];
        }

        form[key] = value;
        return this;
    }

    public ReturnDraft Set(string sheet, string key, long value) => Set(sheet, key, CellValue.FromNumber(value));

    public ReturnDraft Set(string sheet, string key, string value) => Set(sheet, key, CellValue.FromText(value));

    public List<CellValue[]> Rows(string sheet)
    {
        if (!Tables.TryGetValue(sheet, out var rows))
        {
            Tables[sheet] = rows = [];
        }

        return rows;
    }

    public CellValue[] NewRow(string sheet)
    {
        var row = new CellValue[Spec.Sheet(sheet).Fields.Count];
        Rows(sheet).Add(row);
        return row;
    }

    public ReturnDraft SetCell(string sheet, int row, string key, CellValue value)
    {
        Rows(sheet)[row][Spec.Sheet(sheet).IndexOf(key)] = value;
        return this;
    }

    /// <summary>Writes the Cover's pre-filled answers for an authority and quarter.</summary>
    public ReturnDraft Prefill(AuthorityProfile authority, Periods.ReturnPeriod period)
    {
        Set(ReturnSpecifications.Cover, FieldKeys.Cover.Authority, authority.Name);
        Set(ReturnSpecifications.Cover, FieldKeys.Cover.DfeCode, authority.DfeCode);
        Set(ReturnSpecifications.Cover, FieldKeys.Cover.Period, period.ToString());
        Set(ReturnSpecifications.Cover, FieldKeys.Cover.TemplateVersion, Spec.Version);
        var homelessness = Spec.Sheet(ReturnSpecifications.Homelessness);
        var rows = Rows(ReturnSpecifications.Homelessness);
        foreach (var housing in authority.HousingAuthorities)
        {
            if (rows.Any(r => r[homelessness.IndexOf(FieldKeys.Homelessness.OnsCode)].Text == housing.OnsCode))
            {
                continue;
            }

            var row = NewRow(ReturnSpecifications.Homelessness);
            row[homelessness.IndexOf(FieldKeys.Homelessness.HousingAuthority)] = CellValue.FromText(housing.Name);
            row[homelessness.IndexOf(FieldKeys.Homelessness.OnsCode)] = CellValue.FromText(housing.OnsCode);
        }

        return this;
    }
}
