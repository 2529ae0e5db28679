using System.Globalization;
using ClosedXML.Excel;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Returns;

namespace NationalReturns.Web.Features.Returns;

/// <summary>
/// Writes an authority's template for a quarter from the specification: an Instructions sheet, the Cover
/// pre-filled and locked, locked headings with input messages, drop-downs for code lists and Y/N, date
/// formats, frozen headings, last quarter's figures beside each aggregate input and, for counties, a
/// Homelessness row per district. A draft's values can be written in too (test and demo returns).
/// </summary>
public static class ReturnTemplate
{
    /// <summary>GOV.UK greys for cells the preparer does not fill in, and for headings; the self-assessment workbook uses them too.</summary>
    internal static readonly XLColor LockedFill = XLColor.FromHtml("#f3f2f1");
    internal static readonly XLColor HeaderFill = XLColor.FromHtml("#dee0e2");
    private const string DateFormat = "dd/mm/yyyy";

    /// <summary>Family rows made ready for input (formats and drop-downs); more can be added below.</summary>
    public const int PreparedFamilyRows = 5_000;

    public static byte[] Write(ReturnSpecification spec, AuthorityProfile authority, ReturnPeriod period,
        IReadOnlyDictionary<string, long>? previous = null, ReturnDraft? values = null)
    {
        var draft = values ?? new ReturnDraft(spec);
        draft.Prefill(authority, period);
        using var workbook = new XLWorkbook();
        WriteInstructions(workbook, spec, authority, period);
        foreach (var sheet in spec.Sheets)
        {
            var worksheet = workbook.Worksheets.Add(sheet.Name);
            worksheet.Cell(TemplateLayout.TitleRow, 1).SetValue(sheet.Name).Style.Font.SetBold().Font.SetFontSize(16);
            worksheet.Cell(TemplateLayout.PurposeRow, 1).SetValue(sheet.Purpose);
            if (sheet.Layout == SheetLayout.Form)
            {
                WriteForm(worksheet, sheet, draft, previous);
            }
            else
            {
                WriteTable(worksheet, sheet, draft, previous);
            }

            worksheet.SheetView.FreezeRows(TemplateLayout.HeaderRow);
        }

        workbook.Worksheet(ReturnSpecifications.Cover).SetTabActive();
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static void WriteInstructions(XLWorkbook workbook, ReturnSpecification spec, AuthorityProfile authority, ReturnPeriod period)
    {
        var sheet = workbook.Worksheets.Add("Instructions");
        sheet.Column(1).Width = 14;
        sheet.Column(2).Width = 12;
        sheet.Column(3).Width = 110;
        var row = 1;
        sheet.Cell(row++, 1).SetValue($"{spec.CollectionName}: {authority.Name}, {period}").Style.Font.SetBold().Font.SetFontSize(16);
        sheet.Cell(row++, 1).SetValue($"Template version {spec.Version}. Fill in the white cells; grey cells are filled in by the service and locked.");
        row++;
        string[] steps =
        [
            "1. Fill in every sheet. Counts are whole numbers; enter 0 when there were none, never leave a count blank.",
            "2. Dates are dd/mm/yyyy. Choose coded answers and Y/N from the drop-down lists.",
            "3. Don't rename, delete or reorder sheets, or change headings: the service finds columns by their headings.",
            "4. Save as .xlsx (Excel Workbook) and upload it. The service lists every problem and where it is.",
            "5. Errors must be corrected. Queries may be right: explain each one (what caused it and how large the change is).",
        ];
        foreach (var step in steps)
        {
            sheet.Cell(row++, 1).SetValue(step);
        }

        row++;
        sheet.Cell(row++, 1).SetValue("Sheets").Style.Font.SetBold();
        foreach (var s in spec.Sheets)
        {
            sheet.Cell(row, 1).SetValue(s.Name);
            sheet.Cell(row++, 3).SetValue(s.Purpose);
        }

        row++;
        sheet.Cell(row++, 1).SetValue("Checks made on upload").Style.Font.SetBold();
        Header(sheet.Cell(row, 1).SetValue("Code"));
        Header(sheet.Cell(row, 2).SetValue("Severity"));
        Header(sheet.Cell(row++, 3).SetValue("What is checked"));
        foreach (var rule in spec.Rules)
        {
            sheet.Cell(row, 1).SetValue(rule.Info.Code);
            sheet.Cell(row, 2).SetValue(rule.Info.Severity.ToString());
            sheet.Cell(row++, 3).SetValue($"{rule.Info.Title}: {rule.Info.Description}");
        }

        sheet.Column(3).Style.Alignment.SetWrapText();
        sheet.Protect();
    }

    private static void WriteForm(IXLWorksheet worksheet, SheetSpec sheet, ReturnDraft draft, IReadOnlyDictionary<string, long>? previous)
    {
        var guidanceColumn = TemplateLayout.FormGuidanceColumn(sheet);
        worksheet.Column(TemplateLayout.FormLabelColumn).Width = 70;
        worksheet.Column(TemplateLayout.FormValueColumn).Width = 28;
        worksheet.Column(guidanceColumn).Width = 70;
        Header(worksheet.Cell(TemplateLayout.HeaderRow, TemplateLayout.FormLabelColumn).SetValue(sheet.LabelHeader));
        Header(worksheet.Cell(TemplateLayout.HeaderRow, TemplateLayout.FormValueColumn).SetValue(sheet.ValueHeader));
        Header(worksheet.Cell(TemplateLayout.HeaderRow, guidanceColumn).SetValue("Guidance"));
        if (sheet.PreviousHeader is not null)
        {
            worksheet.Column(TemplateLayout.FormPreviousColumn).Width = 16;
            Header(worksheet.Cell(TemplateLayout.HeaderRow, TemplateLayout.FormPreviousColumn).SetValue(sheet.PreviousHeader));
        }

        for (var i = 0; i < sheet.Fields.Count; i++)
        {
            var field = sheet.Fields[i];
            var row = TemplateLayout.FormRow(sheet, i);
            worksheet.Cell(row, TemplateLayout.FormLabelColumn).SetValue(field.Header).Style.Alignment.SetWrapText();
            worksheet.Cell(row, guidanceColumn).SetValue(field.Guidance).Style.Alignment.SetWrapText();
            var input = worksheet.Cell(row, TemplateLayout.FormValueColumn);
            WriteValue(input, draft.Get(sheet.Name, field.Key));
            if (field.Prefilled)
            {
                input.Style.Fill.SetBackgroundColor(LockedFill);
            }
            else
            {
                input.Style.Protection.SetLocked(false);
                Validate(input.AsRange(), field);
            }

            if (sheet.PreviousHeader is not null)
            {
                var before = worksheet.Cell(row, TemplateLayout.FormPreviousColumn);
                if (previous?.TryGetValue(field.Key, out var figure) == true)
                {
                    before.SetValue(figure);
                }

                before.Style.Fill.SetBackgroundColor(LockedFill).Font.SetFontColor(XLColor.FromHtml("#505a5f"));
            }
        }

        worksheet.Protect();
    }

    private static void WriteTable(IXLWorksheet worksheet, SheetSpec sheet, ReturnDraft draft, IReadOnlyDictionary<string, long>? previous)
    {
        var rows = draft.Tables.GetValueOrDefault(sheet.Name) ?? [];
        var prepared = sheet.Name switch
        {
            ReturnSpecifications.Families => Math.Max(PreparedFamilyRows, rows.Count + 1_000),
            ReturnSpecifications.Notes => 200,
            _ => rows.Count,
        };
        var first = TemplateLayout.FirstDataRow;
        var last = first + Math.Max(prepared, 1) - 1;
        for (var i = 0; i < sheet.Fields.Count; i++)
        {
            var field = sheet.Fields[i];
            var column = TemplateLayout.TableColumn(i);
            var header = worksheet.Cell(TemplateLayout.HeaderRow, column).SetValue(field.Header);
            Header(header);
            header.Style.Alignment.SetWrapText();
            worksheet.Column(column).Width = field.Type switch
            {
                FieldType.YesNo => 12,
                FieldType.Date => 14,
                FieldType.Code => 24,
                _ when sheet.Name == ReturnSpecifications.Notes => 120,
                _ => 18,
            };
            var data = worksheet.Range(first, column, last, column);
            if (field.Type == FieldType.Date)
            {
                data.Style.DateFormat.SetFormat(DateFormat);
            }

            if (field.Prefilled)
            {
                data.Style.Fill.SetBackgroundColor(LockedFill);
            }
            else if (prepared > 0)
            {
                data.Style.Protection.SetLocked(false);
                Validate(data, field);
            }
        }

        worksheet.Row(TemplateLayout.HeaderRow).Height = 45;
        for (var r = 0; r < rows.Count; r++)
        {
            var values = rows[r];
            for (var i = 0; i < values.Length; i++)
            {
                WriteValue(worksheet.Cell(first + r, TemplateLayout.TableColumn(i)), values[i]);
            }
        }

        if (sheet.Name == ReturnSpecifications.Homelessness)
        {
            WriteHomelessnessTotals(worksheet, sheet, rows.Count, previous);
        }

        if (sheet.Name == ReturnSpecifications.Notes)
        {
            worksheet.Column(1).Style.Alignment.SetWrapText();
        }

        worksheet.Protect().AllowElement(XLSheetProtectionElements.InsertRows | XLSheetProtectionElements.DeleteRows
            | XLSheetProtectionElements.Sort | XLSheetProtectionElements.AutoFilter | XLSheetProtectionElements.FormatColumns);
    }

    /// <summary>A county's figure is the sum of its districts: the Total row sums them, locked, beside last quarter's totals.</summary>
    private static void WriteHomelessnessTotals(IXLWorksheet worksheet, SheetSpec sheet, int count, IReadOnlyDictionary<string, long>? previous)
    {
        var first = TemplateLayout.FirstDataRow;
        var totalRow = first + count;
        var previousRow = totalRow + 1;
        worksheet.Cell(totalRow, 1).SetValue(sheet.SummaryRowLabels[0]).Style.Font.SetBold();
        worksheet.Cell(previousRow, 1).SetValue(sheet.SummaryRowLabels[1]);
        for (var i = 0; i < sheet.Fields.Count; i++)
        {
            if (sheet.Fields[i].Type != FieldType.Count)
            {
                continue;
            }

            var column = TemplateLayout.TableColumn(i);
            var letter = CellReference.ColumnLetters(column);
            worksheet.Cell(totalRow, column).SetFormulaA1(string.Create(CultureInfo.InvariantCulture, $"SUM({letter}{first}:{letter}{totalRow - 1})")).Style.Font.SetBold();
            if (previous?.TryGetValue(sheet.Fields[i].Key, out var before) == true)
            {
                worksheet.Cell(previousRow, column).SetValue(before);
            }
        }

        worksheet.Range(totalRow, 1, previousRow, sheet.Fields.Count).Style.Fill.SetBackgroundColor(LockedFill);
    }

    private static void Validate(IXLRange range, FieldSpec field)
    {
        var validation = range.SetDataValidation();
        validation.InputTitle = Truncate(field.Header, 32);
        validation.InputMessage = Truncate(field.Guidance, 255);
        validation.ShowInputMessage = true;
        validation.ErrorTitle = "Check this entry";
        validation.ErrorStyle = XLErrorStyle.Warning;
        switch (field.Type)
        {
            case FieldType.Count:
                validation.WholeNumber.Between(0, (int)(field.Maximum ?? int.MaxValue));
                validation.ErrorMessage = "Enter a whole number of 0 or more.";
                break;
            case FieldType.Amount:
                validation.Decimal.Between(0, (double)(field.Maximum ?? 1_000_000));
                validation.ErrorMessage = "Enter a number of 0 or more, such as 12.5.";
                break;
            case FieldType.Date:
                validation.Date.Between(new DateTime(2000, 1, 1), new DateTime(2099, 12, 31));
                validation.ErrorMessage = "Enter a date as dd/mm/yyyy.";
                break;
            case FieldType.Code or FieldType.YesNo:
                validation.List("\"" + string.Join(",", field.Codes!.Values) + "\"", true);
                validation.ErrorMessage = "Choose an entry from the list.";
                break;
            case FieldType.Reference:
                validation.TextLength.Between(1, 20);
                validation.ErrorMessage = "1 to 20 letters, digits or hyphens.";
                break;
            default:
                validation.TextLength.EqualOrLessThan(field.MaxLength);
                validation.ErrorMessage = $"At most {field.MaxLength} characters.";
                break;
        }
    }

    private static void WriteValue(IXLCell cell, CellValue value)
    {
        switch (value.Kind)
        {
            case CellKind.Text:
                // Typed as text so that a value starting with = is never written back out as a formula.
                cell.SetDataType(XLDataType.Text);
                cell.SetValue(value.Text);
                break;
            case CellKind.Number when value.IsDate:
                cell.SetValue(DateTime.FromOADate(value.Number));
                cell.Style.DateFormat.SetFormat(DateFormat);
                break;
            case CellKind.Number:
                cell.SetValue(value.Number);
                break;
            case CellKind.Boolean:
                cell.SetValue(value.Number != 0);
                break;
            default:
                break;
        }
    }

    private static void Header(IXLCell cell) =>
        cell.Style.Font.SetBold().Fill.SetBackgroundColor(HeaderFill).Border.SetBottomBorder(XLBorderStyleValues.Thin);

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
