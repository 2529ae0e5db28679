using System.Xml;
using NationalReturns.Web.Infrastructure.Spreadsheets;

namespace NationalReturns.Web.Tests.Spreadsheets;

/// <summary>How parts are found, and how a damaged or incomplete package is reported.</summary>
public class XlsxWorkbookStructureTests
{
    private const string OneCell = """<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>""";

    [Theory]
    [InlineData("/xl/worksheets/sheet1.xml")]
    [InlineData("worksheets/sheet1.xml")]
    [InlineData("./worksheets/../worksheets/sheet1.xml")]
    public void ReadRows_AbsoluteOrRelativeSheetTarget_FindsTheSheet(string target)
    {
        using var workbook = Open(new HandMadeXlsx().Sheet("Return", OneCell, target: target));

        Assert.Equal(1, workbook.ReadRows("Return").Single().Cells.Single().Number);
    }

    [Fact]
    public void Open_HiddenAndVeryHiddenSheets_AreListed()
    {
        using var workbook = Open(new HandMadeXlsx()
            .Sheet("Return", OneCell)
            .Sheet("Lists", OneCell, state: "hidden")
            .Sheet("Secrets", OneCell, state: "veryHidden"));

        Assert.Equal(["Return", "Lists", "Secrets"], workbook.SheetNames);
        Assert.Single(workbook.ReadRows("Secrets"));
    }

    [Fact]
    public void ReadRows_SheetWithoutSheetData_YieldsNothing()
    {
        using var workbook = Open(new HandMadeXlsx().Sheet("Chart", "<sheetPr/><sheetViews/>"));

        Assert.Empty(workbook.ReadRows("Chart"));
        Assert.Empty(workbook.MergedRanges("Chart"));
    }

    [Fact]
    public void ReadRows_NoSharedStringsOrStylesParts_StillReadsNumbersAndInlineText()
    {
        using var workbook = Open(new HandMadeXlsx().Sheet(
            "Return", """<sheetData><row r="1"><c r="A1" s="3"><v>5</v></c><c r="B1" t="inlineStr"><is><t>x</t></is></c></row></sheetData>"""));

        var cells = workbook.ReadRows("Return").Single().Cells;

        Assert.Equal(["5", "x"], cells.Select(c => c.Text));
        Assert.False(cells[0].IsDateFormatted);
    }

    [Fact]
    public void ReadRows_MalformedSheetXml_ThrowsNamingTheSheet()
    {
        using var workbook = Open(new HandMadeXlsx()
            .Sheet("Return", OneCell)
            .RawSheet("Families", """<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>1</v></row>"""));

        var error = Assert.Throws<SpreadsheetReadException>(() => workbook.ReadRows("Families").ToList());

        Assert.Contains("'Families'", error.Message, StringComparison.Ordinal);
        Assert.Contains("damaged", error.Message, StringComparison.Ordinal);
        Assert.Equal("Families", error.SheetName);
        Assert.IsType<XmlException>(error.InnerException);
    }

    [Fact]
    public void ReadRows_SheetCutOffPartWay_ThrowsAfterTheRowsBeforeTheDamage()
    {
        var rows = string.Concat(Enumerable.Range(1, 50).Select(r => $"""<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>"""));
        var xml = $"""<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}""";
        // Cut inside row 50: rows 1 to 49 are whole and are read before the damage is met.
        using var workbook = Open(new HandMadeXlsx().RawSheet("Return", xml[..^30]));
        var read = new List<int>();

        var error = Assert.Throws<SpreadsheetReadException>(() =>
        {
            foreach (var row in workbook.ReadRows("Return"))
            {
                read.Add(row.RowNumber);
            }
        });

        Assert.Equal("Return", error.SheetName);
        Assert.Equal(Enumerable.Range(1, 49), read);
    }

    [Fact]
    public void ReadRows_DocumentTypeDeclaration_IsRefusedAsDamage()
    {
        // DTDs are how entity-expansion attacks arrive; no Excel part has one.
        var xml = """<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&a;</t></is></c></row></sheetData></worksheet>""";
        using var workbook = Open(new HandMadeXlsx().RawSheet("Return", xml));

        var error = Assert.Throws<SpreadsheetReadException>(() => workbook.ReadRows("Return").ToList());

        Assert.Equal("Return", error.SheetName);
    }

    [Theory]
    [InlineData("""<c r="A1"><v>twelve</v></c>""", "should hold a number")]
    [InlineData("""<c r="A1" t="s"><v>4</v></c>""", "refers to text the workbook does not hold")]
    [InlineData("""<c r="A1" t="b"><v>maybe</v></c>""", "TRUE or FALSE")]
    [InlineData("""<c r="1A"><v>1</v></c>""", "unreadable address")]
    [InlineData("""<c r="A1" t="q"><v>1</v></c>""", "unknown kind of value")]
    public void ReadRows_UnreadableCell_ThrowsNamingSheetAndProblem(string cell, string problem)
    {
        using var workbook = Open(new HandMadeXlsx().SharedStrings("<t>only</t>").Sheet("Return", $"""<sheetData><row r="1">{cell}</row></sheetData>"""));

        var error = Assert.Throws<SpreadsheetReadException>(() => workbook.ReadRows("Return").ToList());

        Assert.Contains("'Return'", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_MissingSheetPart_ThrowsNamingTheSheetAtOnce()
    {
        using var workbook = Open(new HandMadeXlsx().Sheet("Return", OneCell).Sheet("Families", OneCell).Without("xl/worksheets/sheet2.xml"));

        var error = Assert.Throws<SpreadsheetReadException>(() => workbook.ReadRows("Families"));

        Assert.Contains("'Families'", error.Message, StringComparison.Ordinal);
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
        Assert.Single(workbook.ReadRows("Return"));
    }

    [Fact]
    public void ReadRows_UnknownSheet_ThrowsListingTheSheets()
    {
        using var workbook = Open(new HandMadeXlsx().Sheet("Return", OneCell).Sheet("Notes", OneCell));

        var error = Assert.Throws<SpreadsheetReadException>(() => workbook.ReadRows("Families"));

        Assert.Contains("no sheet called 'Families'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Return, Notes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MergedRanges_MissingSheetPart_Throws()
    {
        using var workbook = Open(new HandMadeXlsx().Sheet("Return", OneCell).Without("xl/worksheets/sheet1.xml"));

        Assert.Throws<SpreadsheetReadException>(() => workbook.MergedRanges("Return"));
    }

    [Fact]
    public void MergedRanges_UnreadableReference_Throws()
    {
        using var workbook = Open(new HandMadeXlsx().Sheet("Return", OneCell + """<mergeCells count="1"><mergeCell ref="B3:"/></mergeCells>"""));

        var error = Assert.Throws<SpreadsheetReadException>(() => workbook.MergedRanges("Return"));

        Assert.Contains("B3:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MergedRanges_AfterPartlyReadRows_StillFindsThem()
    {
        var rows = string.Concat(Enumerable.Range(1, 10).Select(r => $"""<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>"""));
        using var workbook = Open(new HandMadeXlsx().Sheet(
            "Return", $"""<sheetData>{rows}</sheetData><mergeCells count="2"><mergeCell ref="B3:D3"/><mergeCell ref="A12:A14"/></mergeCells>"""));

        Assert.Equal(3, workbook.ReadRows("Return").Take(3).Count());

        Assert.Equal(["B3:D3", "A12:A14"], workbook.MergedRanges("Return").Select(m => m.ToString()));
    }

    [Fact]
    public void Open_MalformedSharedStrings_ThrowsSpreadsheetReadException()
    {
        var bytes = new HandMadeXlsx().Sheet("Return", OneCell).SharedStrings("<t>fine</t>").ToArray();
        var broken = ReplacePart(bytes, "xl/sharedStrings.xml", "<sst><si><t>never closed</sst>");

        var error = Assert.Throws<SpreadsheetReadException>(() => XlsxWorkbook.Open(new MemoryStream(broken)));

        Assert.Contains("shared text", error.Message, StringComparison.Ordinal);
        Assert.IsType<XmlException>(error.InnerException);
    }

    [Fact]
    public void Open_MalformedWorkbookPart_ThrowsSpreadsheetReadException()
    {
        var broken = ReplacePart(new HandMadeXlsx().Sheet("Return", OneCell).ToArray(), "xl/workbook.xml", "<workbook><sheets>");

        var error = Assert.Throws<SpreadsheetReadException>(() => XlsxWorkbook.Open(new MemoryStream(broken)));

        Assert.Contains("list of sheets", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NoWorkbookPart_ThrowsSpreadsheetReadException()
    {
        var bytes = new HandMadeXlsx().Sheet("Return", OneCell).Without("xl/workbook.xml").ToArray();

        var error = Assert.Throws<SpreadsheetReadException>(() => XlsxWorkbook.Open(new MemoryStream(bytes)));

        Assert.Contains("xl/workbook.xml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NotAZip_ThrowsSpreadsheetReadException()
    {
        var error = Assert.Throws<SpreadsheetReadException>(() => XlsxWorkbook.Open(new MemoryStream("a,b\n1,2\n"u8.ToArray())));

        Assert.IsType<InvalidDataException>(error.InnerException);
    }

    [Fact]
    public void Open_CallersStream_IsLeftOpen()
    {
        var file = new MemoryStream(new HandMadeXlsx().Sheet("Return", OneCell).ToArray());

        XlsxWorkbook.Open(file).Dispose();

        Assert.True(file.CanRead);
    }

    [Fact]
    public void ReadRows_AfterDispose_Throws()
    {
        var workbook = Open(new HandMadeXlsx().Sheet("Return", OneCell));
        workbook.Dispose();

        Assert.Throws<ObjectDisposedException>(() => workbook.ReadRows("Return"));
    }

    private static XlsxWorkbook Open(HandMadeXlsx builder) => XlsxWorkbook.Open(new MemoryStream(builder.ToArray()));

    private static byte[] ReplacePart(byte[] package, string path, string content) =>
        ZipFixture.Build(ZipFixture.Read(package).Select(e => e.Name == path ? ZipItem.Text(path, content) : e).ToArray());
}
