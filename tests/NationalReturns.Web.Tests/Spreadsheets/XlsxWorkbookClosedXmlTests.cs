using ClosedXML.Excel;
using NationalReturns.Domain.Returns;
using NationalReturns.Web.Infrastructure.Spreadsheets;

namespace NationalReturns.Web.Tests.Spreadsheets;

/// <summary>Workbooks written by ClosedXML, as the service's own template and most councils' files are shaped.</summary>
public class XlsxWorkbookClosedXmlTests
{
    [Fact]
    public void Open_WorkbookWithHiddenSheet_ListsEverySheetInWorkbookOrder()
    {
        using var workbook = Open(book =>
        {
            book.Worksheets.Add("Cover").Cell("A1").Value = "Supporting Families";
            book.Worksheets.Add("Lookups").Hide();
            book.Worksheets.Add("Families").Cell("A1").Value = 1;
        });

        Assert.Equal(["Cover", "Lookups", "Families"], workbook.SheetNames);
    }

    [Fact]
    public void ReadRows_Strings_GiveTheSharedTextInColumnOrder()
    {
        using var workbook = Open(book =>
        {
            var sheet = book.Worksheets.Add("Return");
            sheet.Cell("A1").Value = "Area";
            sheet.Cell("C1").Value = "Quarter";
            sheet.Cell("B2").Value = "Hartlepool";
            sheet.Cell("C2").Value = "Area";
        });

        var rows = workbook.ReadRows("Return").ToList();

        Assert.Equal([1, 2], rows.Select(r => r.RowNumber));
        Assert.Equal([(1, "Area"), (3, "Quarter")], rows[0].Cells.Select(c => (c.Column, c.Text)));
        Assert.Equal([(2, "Hartlepool"), (3, "Area")], rows[1].Cells.Select(c => (c.Column, c.Text)));
        Assert.All(rows.SelectMany(r => r.Cells), c => Assert.Equal(CellKind.Text, c.Kind));
        Assert.Equal("B2", rows[1].Cells[0].Reference);
    }

    [Fact]
    public void ReadRows_NumbersWithAndWithoutThousandsFormat_AreNumbersNotDates()
    {
        using var workbook = Open(book =>
        {
            var sheet = book.Worksheets.Add("Return");
            sheet.Cell("A1").Value = 1234567.25;
            sheet.Cell("B1").Value = 1204;
            sheet.Cell("B1").Style.NumberFormat.Format = "#,##0";
            sheet.Cell("C1").Value = 0.125;
            sheet.Cell("C1").Style.NumberFormat.Format = "0.00";
        });

        var cells = workbook.ReadRows("Return").Single().Cells;

        Assert.Equal([1234567.25, 1204, 0.125], cells.Select(c => c.Number!.Value));
        Assert.Equal(["1234567.25", "1204", "0.125"], cells.Select(c => c.Text));
        Assert.All(cells, c => Assert.Equal(CellKind.Number, c.Kind));
        Assert.All(cells, c => Assert.False(c.IsDateFormatted));
    }

    [Fact]
    public void ReadRows_DateValues_AreDateFormattedSerialNumbers()
    {
        var quarterEnd = new DateTime(2025, 6, 30);
        using var workbook = Open(book =>
        {
            var sheet = book.Worksheets.Add("Return");
            sheet.Cell("A1").Value = quarterEnd;
            sheet.Cell("B1").Value = quarterEnd;
            sheet.Cell("B1").Style.DateFormat.Format = "dd/mm/yyyy";
            sheet.Cell("C1").Value = quarterEnd.AddHours(13.5);
            sheet.Cell("C1").Style.DateFormat.Format = "yyyy-mm-dd hh:mm";
        });

        var cells = workbook.ReadRows("Return").Single().Cells;

        Assert.Equal(3, cells.Count);
        Assert.All(cells, c => Assert.True(c.IsDateFormatted));
        Assert.Equal(quarterEnd, DateTime.FromOADate(cells[0].Number!.Value));
        Assert.Equal(quarterEnd, DateTime.FromOADate(cells[1].Number!.Value));
        Assert.Equal(quarterEnd.AddHours(13.5), DateTime.FromOADate(cells[2].Number!.Value));
    }

    [Fact]
    public void ReadRows_BooleanCells_ReadAsTrueAndFalse()
    {
        using var workbook = Open(book =>
        {
            var sheet = book.Worksheets.Add("Return");
            sheet.Cell("A1").Value = true;
            sheet.Cell("B1").Value = false;
        });

        var cells = workbook.ReadRows("Return").Single().Cells;

        Assert.Equal([(CellKind.Boolean, "TRUE"), (CellKind.Boolean, "FALSE")], cells.Select(c => (c.Kind, c.Text)));
        Assert.All(cells, c => Assert.Null(c.Number));
    }

    [Fact]
    public void ReadRows_TrailingStyledBlankRows_AreNotYielded()
    {
        using var workbook = Open(book =>
        {
            var sheet = book.Worksheets.Add("Return");
            sheet.Cell("A1").Value = "Area";
            sheet.Cell("A2").Value = "Hartlepool";
            sheet.Range("A3:D40").Style.Fill.BackgroundColor = XLColor.LightYellow;
            sheet.Range("A3:D40").Style.Border.OutsideBorder = XLBorderStyleValues.Thin;
        });

        var rows = workbook.ReadRows("Return").ToList();

        Assert.Equal([1, 2], rows.Select(r => r.RowNumber));
    }

    [Fact]
    public void ReadRows_BlankRowsBetweenData_KeepTheRealRowNumbers()
    {
        using var workbook = Open(book =>
        {
            var sheet = book.Worksheets.Add("Return");
            sheet.Cell("A2").Value = "first";
            sheet.Cell("C9").Value = 9;
        });

        var rows = workbook.ReadRows("Return").ToList();

        Assert.Equal([2, 9], rows.Select(r => r.RowNumber));
        Assert.Equal("C9", rows[1].Cells.Single().Reference);
    }

    [Fact]
    public void MergedRanges_AfterReadingRows_GivesTheMergedAreas()
    {
        using var workbook = Open(book =>
        {
            var sheet = book.Worksheets.Add("Return");
            sheet.Cell("B3").Value = "Families entering care";
            sheet.Range("B3:D3").Merge();
            sheet.Range("A5:A7").Merge();
        });

        var rows = workbook.ReadRows("Return").ToList();
        var merged = workbook.MergedRanges("Return");

        Assert.Single(rows);
        Assert.Equal(["A5:A7", "B3:D3"], merged.Select(m => m.ToString()).Order(StringComparer.Ordinal));
        Assert.Contains(new CellArea(3, 2, 3, 4), merged);
    }

    [Fact]
    public void MergedRanges_BeforeReadingRows_ReadsThemAnyway()
    {
        using var workbook = Open(book =>
        {
            var sheet = book.Worksheets.Add("Return");
            sheet.Cell("B3").Value = "Families entering care";
            sheet.Range("B3:D3").Merge();
        });

        Assert.Equal(["B3:D3"], workbook.MergedRanges("Return").Select(m => m.ToString()));
        Assert.Single(workbook.ReadRows("Return"));
    }

    [Fact]
    public void MergedRanges_SheetWithoutMerges_IsEmpty()
    {
        using var workbook = Open(book => book.Worksheets.Add("Return").Cell("A1").Value = 1);

        _ = workbook.ReadRows("Return").ToList();

        Assert.Empty(workbook.MergedRanges("Return"));
    }

    [Fact]
    public void ReadRows_SheetNameInOtherCase_FindsTheSheet()
    {
        using var workbook = Open(book => book.Worksheets.Add("Return").Cell("A1").Value = "x");

        Assert.Equal("x", workbook.ReadRows("RETURN").Single().Cells[0].Text);
    }

    [Fact]
    public void ReadRows_SameSheetTwice_GivesTheSameRows()
    {
        using var workbook = Open(book =>
        {
            var sheet = book.Worksheets.Add("Return");
            sheet.Cell("A1").Value = "a";
            sheet.Cell("A2").Value = 2;
        });

        var first = workbook.ReadRows("Return").SelectMany(r => r.Cells).ToList();
        var second = workbook.ReadRows("Return").SelectMany(r => r.Cells).ToList();

        Assert.Equal(2, first.Count);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Open_AfterInspection_ReadsTheSameStream()
    {
        using var file = Save(book => book.Worksheets.Add("Return").Cell("A1").Value = "Area");

        Assert.Equal(SpreadsheetKind.Xlsx, SpreadsheetInspection.Inspect(file).Kind);
        using var workbook = XlsxWorkbook.Open(file);

        Assert.Equal("Area", workbook.ReadRows("Return").Single().Cells[0].Text);
    }

    private static XlsxWorkbook Open(Action<XLWorkbook> build)
    {
        var file = Save(build);
        return XlsxWorkbook.Open(file);
    }

    private static MemoryStream Save(Action<XLWorkbook> build)
    {
        using var book = new XLWorkbook();
        build(book);
        var file = new MemoryStream();
        book.SaveAs(file);
        file.Position = 0;
        return file;
    }
}
