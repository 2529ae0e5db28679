using ClosedXML.Excel;
using NationalReturns.Web.Features.Benchmarking;

namespace NationalReturns.Web.Features.Packs;

/// <summary>
/// Writes a pack (<see cref="BuildPack.Content"/>) as an Excel workbook with ClosedXML: a cover with contents, then a
/// sheet per part, each table an Excel table with its own header row. Numbers are numbers with formats; marks (c, x,
/// z) are text; comparisons are words with a fill by conditional formatting; text is always text, never a formula.
/// Widths are set here: ClosedXML 0.95.4's AdjustToContents fails with the ExcelNumberFormat it resolves to.
/// No charts: a picture of a chart beside its table would need a renderer we have not made work here.
/// </summary>
public static class PackWorkbook
{
    private const int FirstTableRow = 4;

    private static readonly (string Starts, string Fill, string Font)[] ComparisonFills =
    [
        ("Better", "#00703C", "#FFFFFF"),
        ("Worse", "#D4351C", "#FFFFFF"),
        ("Similar", "#FFDD00", "#0B0C0C"),
        ("Higher", "#003078", "#FFFFFF"),
        ("Lower", "#5694CA", "#0B0C0C"),
        ("Not compared", "#F3F2F1", "#0B0C0C"),
    ];

    public static byte[] Write(BuildPack.Content pack)
    {
        using var span = Infrastructure.Telemetry.Step("write pack workbook");
        using var workbook = new XLWorkbook();
        workbook.Properties.Title = $"Benchmarking pack: {pack.Subject}, {pack.Period}";
        workbook.Properties.Subject = "Supporting Families population indicators and self-assessments";
        workbook.Properties.Author = "Supporting Families returns";
        workbook.Properties.Company = "Supporting Families national team";
        workbook.Properties.Keywords = $"{pack.Code}; {pack.Period}";
        workbook.Properties.Created = pack.Produced.UtcDateTime;

        var cover = workbook.Worksheets.Add("Cover");
        var tableNumber = 0;
        foreach (var sheet in pack.Sheets)
        {
            WriteSheet(workbook.Worksheets.Add(sheet.Name), sheet, ref tableNumber);
        }

        WriteCover(cover, pack);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>Text as text: a value beginning "=" (an authority could be named anything) is never read as a formula.</summary>
    private static IXLCell Text(IXLCell cell, string text)
    {
        cell.SetValue(text);
        cell.DataType = XLDataType.Text;
        return cell;
    }

    private static void WriteCover(IXLWorksheet sheet, BuildPack.Content pack)
    {
        var row = 1;
        Text(sheet.Cell(row++, 1), $"Benchmarking pack: {pack.Subject}").Style.Font.SetBold().Font.SetFontSize(18);
        row++;
        void Fact(string label, string value)
        {
            Text(sheet.Cell(row, 1), label).Style.Font.SetBold();
            Text(sheet.Cell(row++, 2), value);
        }

        Fact("Area", $"{pack.Subject} ({pack.Code})");
        Fact("Quarter", pack.Period.ToString());
        Fact("Produced", pack.Produced.ToString("d MMMM yyyy, HH:mm 'UTC'", Infrastructure.English.Culture));
        Fact("Data status", pack.Provisional
            ? $"Provisional: returns from {pack.Coverage.Included} of {pack.Coverage.Of} authorities are in. England and region figures are made from those."
            : $"Final: returns from {pack.Coverage.Included} of {pack.Coverage.Of} authorities.");
        Fact("Revisions", pack.Revised == 0
            ? "No return behind these figures has been revised since it was first published."
            : $"{pack.Revised} of the returns behind these figures {(pack.Revised == 1 ? "was" : "were")} revised after first publication (marked R on the service's pages).");
        Fact("Disclosure", "Counts of 1 to 4 are withheld (c) and totals beside them rounded, exactly as the service shows them to officials.");
        Fact("Source", "Supporting Families returns: quarterly data from every upper-tier local authority in England.");
        row++;
        Text(sheet.Cell(row++, 1), "Contents").Style.Font.SetBold().Font.SetFontSize(14);
        foreach (var part in pack.Sheets)
        {
            var link = Text(sheet.Cell(row, 1), part.Name);
            link.Hyperlink = new XLHyperlink($"'{part.Name}'!A1");
            link.Style.Font.SetUnderline().Font.SetFontColor(XLColor.FromHtml("#1D70B8"));
            Text(sheet.Cell(row++, 2), part.Title);
        }

        sheet.Column(1).Width = 24;
        sheet.Column(2).Width = 110;
        sheet.Column(2).Style.Alignment.SetWrapText(true);
        Print(sheet, sheet.Range(1, 1, row - 1, 2));
    }

    private static void WriteSheet(IXLWorksheet sheet, BuildPack.Sheet part, ref int tableNumber)
    {
        Text(sheet.Cell(1, 1), part.Title).Style.Font.SetBold().Font.SetFontSize(16);
        Text(sheet.Cell(2, 1), part.Summary);
        var row = FirstTableRow;
        var widest = 1;
        foreach (var table in part.Tables)
        {
            widest = Math.Max(widest, table.Columns.Count);
            row = WriteTable(sheet, table, row, ++tableNumber) + 2;
        }

        // The headline sheet has one table: its header stays in view; other sheets keep their title.
        if (part.Tables.Count == 1)
        {
            sheet.SheetView.Freeze(FirstTableRow + 1, 1);
        }
        else
        {
            sheet.SheetView.FreezeRows(2);
        }

        for (var c = 1; c <= widest; c++)
        {
            var columns = part.Tables.Where(t => t.Columns.Count >= c).Select(t => t.Columns[c - 1]).ToList();
            sheet.Column(c).Width = columns.Any(k => k.Key is "definition" or "caveats" or "note" or "numerator") ? 60
                : columns.Any(k => k.Key is "indicator" or "name") ? 32
                : columns.Any(k => k.Kind == ColumnKind.Comparison || k.Key is "unit" or "trend" or "framework") ? 16
                : 10;
            if (columns.Any(k => k.Key is "definition" or "caveats" or "note" or "numerator"))
            {
                sheet.Column(c).Style.Alignment.SetWrapText(true);
            }
        }

        Print(sheet, sheet.Range(1, 1, Math.Max(row - 2, 2), widest));
    }

    /// <summary>One table: its title, then header and rows as an Excel table. Returns the last row written.</summary>
    private static int WriteTable(IXLWorksheet sheet, ChartData table, int row, int number)
    {
        Text(sheet.Cell(row, 1), table.Unit.Length > 0 ? $"{table.Title} ({table.Unit})" : table.Title).Style.Font.SetBold().Font.SetFontSize(12);
        row++;
        var header = row;
        for (var c = 0; c < table.Columns.Count; c++)
        {
            Text(sheet.Cell(header, c + 1), table.Columns[c].Label).Style.Alignment.SetWrapText(true).Alignment.SetVertical(XLAlignmentVerticalValues.Bottom);
        }

        // Headers wrap within the set widths: rows do not grow by themselves in every program.
        sheet.Row(header).Height = 45;

        if (table.Rows.Count == 0)
        {
            Text(sheet.Cell(header + 1, 1), "No figures for this quarter.");
            return header + 1;
        }

        for (var r = 0; r < table.Rows.Count; r++)
        {
            for (var c = 0; c < table.Columns.Count; c++)
            {
                Write(sheet.Cell(header + 1 + r, c + 1), table.Rows[r][c], table.Columns[c].Kind);
            }
        }

        var last = header + table.Rows.Count;
        var range = sheet.Range(header, 1, last, table.Columns.Count);
        var excelTable = range.CreateTable($"Table{number}");
        excelTable.Theme = XLTableTheme.TableStyleLight1;
        excelTable.ShowAutoFilter = false;
        for (var c = 0; c < table.Columns.Count; c++)
        {
            var column = sheet.Range(header + 1, c + 1, last, c + 1);
            if (table.Columns[c].Kind == ColumnKind.Comparison)
            {
                foreach (var (starts, fill, font) in ComparisonFills)
                {
                    column.AddConditionalFormat().WhenStartsWith(starts).Fill.SetBackgroundColor(XLColor.FromHtml(fill)).Font.SetFontColor(XLColor.FromHtml(font));
                }
            }
        }

        // Bars for a table of areas side by side: the same measure, so the bars compare like with like.
        var keys = table.Columns.Select(c => c.Key).ToList();
        if (keys.IndexOf("value") is var v and >= 0 && keys.Contains("name"))
        {
            sheet.Range(header + 1, v + 1, last, v + 1).AddConditionalFormat().DataBar(XLColor.FromHtml("#5694CA")).LowestValue().HighestValue();
        }

        return last;
    }

    private static void Write(IXLCell cell, object? value, ColumnKind kind)
    {
        switch (value)
        {
            case null:
                break;
            case double d when double.IsFinite(d):
                cell.SetValue(d);
                cell.Style.NumberFormat.Format = kind == ColumnKind.Count ? "#,##0" : "#,##0.0";
                break;
            case int or long:
                cell.SetValue(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
                cell.Style.NumberFormat.Format = "#,##0";
                break;
            case string s when kind == ColumnKind.Comparison:
                Text(cell, Indicators.IndicatorViewer.Compared(s));
                break;
            case string s:
                Text(cell, s);
                if (kind is ColumnKind.Number or ColumnKind.Count)
                {
                    // A mark (c, x, z) where a number would be: beside the numbers, as on the pages.
                    cell.Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Right);
                }

                break;
            default:
                Text(cell, ChartData.Shown(value, kind));
                break;
        }
    }

    private static void Print(IXLWorksheet sheet, IXLRange area)
    {
        sheet.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        sheet.PageSetup.PaperSize = XLPaperSize.A4Paper;
        sheet.PageSetup.FitToPages(1, 0);
        sheet.PageSetup.PrintAreas.Clear();
        sheet.PageSetup.PrintAreas.Add(area.RangeAddress.ToStringRelative());
        sheet.PageSetup.SetRowsToRepeatAtTop(1, 2);
    }
}
