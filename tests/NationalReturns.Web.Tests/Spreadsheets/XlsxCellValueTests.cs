using System.Globalization;
using NationalReturns.Domain.Returns;
using NationalReturns.Web.Infrastructure.Spreadsheets;

namespace NationalReturns.Web.Tests.Spreadsheets;

/// <summary>Cell forms written by hand, because ClosedXML never writes them but Excel and other tools do.</summary>
public class XlsxCellValueTests
{
    [Fact]
    public void ReadRows_FormulaWithCachedNumber_GivesTheCachedValueAndHasFormula()
    {
        var cells = ReadCells("""
            <c r="A1"><v>2</v></c><c r="B1"><v>3</v></c><c r="C1"><f>A1*B1</f><v>6</v></c>
            """);

        Assert.Equal([false, false, true], cells.Select(c => c.HasFormula));
        Assert.Equal(6, cells[2].Number);
        Assert.Equal(CellKind.Number, cells[2].Kind);
    }

    [Fact]
    public void ReadRows_FormulaStringResult_IsTextWithFormula()
    {
        var cell = ReadCells("""<c r="A1" t="str"><f>"Q"&amp;1</f><v>Q1 &amp; more</v></c>""").Single();

        Assert.Equal((CellKind.Text, "Q1 & more", true), (cell.Kind, cell.Text, cell.HasFormula));
        Assert.Null(cell.Number);
    }

    [Fact]
    public void ReadRows_FormulaReturningEmptyString_IsLeftOut()
    {
        var rows = ReadRows("""<row r="1"><c r="A1" t="str"><f>""</f><v></v></c></row><row r="2"><c r="A2"><v>1</v></c></row>""");

        Assert.Equal([2], rows.Select(r => r.RowNumber));
    }

    [Theory]
    [InlineData("#REF!")]
    [InlineData("#DIV/0!")]
    [InlineData("#N/A")]
    [InlineData("#SOMETHING_NEW!")]
    public void ReadRows_ErrorCell_IsErrorWithItsCode(string code)
    {
        var cell = ReadCells($"""<c r="D4" t="e"><f>1/0</f><v>{code}</v></c>""", row: 4).Single();

        Assert.Equal((CellKind.Error, code), (cell.Kind, cell.Text));
        Assert.Null(cell.Number);
        Assert.True(cell.HasFormula);
    }

    [Fact]
    public void ReadRows_InlineStrings_PlainAndRich()
    {
        var cells = ReadCells("""
            <c r="A1" t="inlineStr"><is><t>Plain</t></is></c>
            <c r="B1" t="inlineStr"><is><r><rPr><b/></rPr><t>Bold</t></r><r><t xml:space="preserve"> and not</t></r></is></c>
            """);

        Assert.Equal(["Plain", "Bold and not"], cells.Select(c => c.Text));
        Assert.All(cells, c => Assert.Equal(CellKind.Text, c.Kind));
    }

    [Fact]
    public void ReadRows_BooleanCells_ReadAsTrueAndFalse()
    {
        var cells = ReadCells("""<c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c>""");

        Assert.Equal(["TRUE", "FALSE"], cells.Select(c => c.Text));
        Assert.All(cells, c => Assert.Equal(CellKind.Boolean, c.Kind));
    }

    [Fact]
    public void ReadRows_IsoDateCell_IsDateFormattedSerialNumber()
    {
        var cells = ReadCells("""<c r="A1" t="d"><v>2025-06-30T00:00:00</v></c><c r="B1" t="d"><v>2025-06-30T12:00:00Z</v></c>""");

        Assert.All(cells, c => Assert.True(c.IsDateFormatted));
        Assert.All(cells, c => Assert.Equal(CellKind.Number, c.Kind));
        Assert.Equal(new DateTime(2025, 6, 30).ToOADate(), cells[0].Number);
        Assert.Equal(new DateTime(2025, 6, 30, 12, 0, 0).ToOADate(), cells[1].Number);
    }

    [Fact]
    public void ReadRows_IsoDateInDate1904Workbook_UsesThe1904Serial()
    {
        var bytes = new HandMadeXlsx()
            .Date1904()
            .Sheet("Return", """<sheetData><row r="1"><c r="A1" t="d"><v>2025-06-30</v></c></row></sheetData>""")
            .ToArray();
        using var workbook = XlsxWorkbook.Open(new MemoryStream(bytes));

        var cell = workbook.ReadRows("Return").Single().Cells.Single();

        Assert.True(workbook.UsesDate1904);
        Assert.Equal(new DateTime(2025, 6, 30).ToOADate() - 1462, cell.Number);
    }

    [Fact]
    public void ReadRows_CellsAndRowsWithoutReferences_AreNumberedInOrder()
    {
        var rows = ReadRows("""
            <row><c><v>1</v></c><c t="inlineStr"><is><t>b</t></is></c><c s="0"/><c><v>4</v></c></row>
            <row><c><v>5</v></c></row>
            <row r="7"><c><v>7</v></c><c r="E7"><v>8</v></c><c><v>9</v></c></row>
            """);

        Assert.Equal([1, 2, 7], rows.Select(r => r.RowNumber));
        Assert.Equal(["A1", "B1", "D1"], rows[0].Cells.Select(c => c.Reference));
        Assert.Equal(["A2"], rows[1].Cells.Select(c => c.Reference));
        Assert.Equal(["A7", "E7", "F7"], rows[2].Cells.Select(c => c.Reference));
    }

    [Fact]
    public void ReadRows_EmptyRowElements_CountTowardsLaterRowNumbers()
    {
        var rows = ReadRows("""<row r="1"><c><v>1</v></c></row><row r="2"/><row/><row spans="1:1"></row><row><c><v>5</v></c></row>""");

        Assert.Equal([1, 5], rows.Select(r => r.RowNumber));
    }

    [Fact]
    public void ReadRows_RowWithoutNumberButReferencedCells_TakesTheCellsRow()
    {
        var rows = ReadRows("""<row><c r="B5"><v>1</v></c></row>""");

        Assert.Equal(5, rows.Single().RowNumber);
        Assert.Equal("B5", rows.Single().Cells.Single().Reference);
    }

    [Fact]
    public void ReadRows_CellsOutOfOrder_ComeBackInColumnOrder()
    {
        var cells = ReadCells("""<c r="C1"><v>3</v></c><c r="A1"><v>1</v></c>""");

        Assert.Equal([1, 3], cells.Select(c => c.Column));
    }

    [Fact]
    public void ReadRows_StyledEmptyCells_AreLeftOut()
    {
        var rows = ReadRows("""
            <row r="1" s="1" customFormat="1"><c r="A1" s="1"/><c r="B1" s="1"></c><c r="C1"><v>3</v></c></row>
            <row r="2"><c r="A2" s="1"/><c r="B2" t="s"/></row>
            """);

        Assert.Equal(["C1"], rows.Single().Cells.Select(c => c.Reference));
    }

    [Fact]
    public void ReadRows_SharedStrings_ReadsEveryItemInOrder()
    {
        // Catches the classic slip of reading past an item's end and skipping every second string.
        var strings = Enumerable.Range(0, 7).Select(i => $"<t>item {i}</t>").ToArray();
        var sheet = string.Concat(Enumerable.Range(0, 7).Select(i => $"""<c r="{CellReference.ColumnLetters(i + 1)}1" t="s"><v>{i}</v></c>"""));
        var bytes = new HandMadeXlsx().SharedStrings(strings).Sheet("Return", $"""<sheetData><row r="1">{sheet}</row></sheetData>""").ToArray();
        using var workbook = XlsxWorkbook.Open(new MemoryStream(bytes));

        var texts = workbook.ReadRows("Return").Single().Cells.Select(c => c.Text);

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"item {i}"), texts);
    }

    [Fact]
    public void ReadRows_RichSharedStrings_JoinRunsAndLeaveOutPhoneticGuides()
    {
        var cells = ReadCells(
            """<c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>""",
            sharedStrings:
            [
                """<r><rPr><b/></rPr><t>Children</t></r><r><t xml:space="preserve"> in need</t></r>""",
                """<t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/>""",
                "<t>after</t>",
            ]);

        Assert.Equal(["Children in need", "東京", "after"], cells.Select(c => c.Text));
    }

    [Fact]
    public void ReadRows_PreservedSpaces_AreKept()
    {
        var cells = ReadCells(
            """<c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>""",
            sharedStrings: ["""<t xml:space="preserve">  leading and trailing  </t>""", """<t xml:space="preserve"> </t>"""]);

        Assert.Equal(["  leading and trailing  ", " "], cells.Select(c => c.Text));
    }

    [Fact]
    public void ReadRows_EscapedControlCharacters_AreDecoded()
    {
        var cells = ReadCells(
            """<c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>a_x005F_x0041_b</t></is></c>""",
            sharedStrings: ["<t>line one_x000D_\nline two</t>"]);

        Assert.Equal(["line one\r\nline two", "a_x0041_b"], cells.Select(c => c.Text));
    }

    [Fact]
    public void ReadRows_EmptySharedString_IsLeftOut()
    {
        var rows = ReadRows("""<row r="1"><c r="A1" t="s"><v>0</v></c></row>""", sharedStrings: ["<t/>"]);

        Assert.Empty(rows);
    }

    [Fact]
    public void ReadRows_NumberText_IsInvariantRoundTripWhateverTheCulture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var cells = ReadCells("""<c r="A1"><v>1234.5</v></c><c r="B1"><v>0.1</v></c><c r="C1"><v>1E-3</v></c><c r="D1" t="n"><v>-0.30000000000000004</v></c>""");

            Assert.Equal(["1234.5", "0.1", "0.001", "-0.30000000000000004"], cells.Select(c => c.Text));
            Assert.Equal([1234.5, 0.1, 0.001, -0.30000000000000004], cells.Select(c => c.Number!.Value));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData(14, null, true)]
    [InlineData(22, null, true)]
    [InlineData(47, null, true)]
    [InlineData(0, null, false)]
    [InlineData(3, null, false)]
    [InlineData(4, null, false)]
    [InlineData(49, null, false)]
    [InlineData(164, "dd/mm/yyyy", true)]
    [InlineData(165, "yyyy-mm-dd", true)]
    [InlineData(166, "[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy", true)]
    [InlineData(167, "0.00", false)]
    [InlineData(168, "#,##0", false)]
    [InlineData(169, "General", false)]
    [InlineData(170, "\"days\" 0", false)]
    [InlineData(171, "[Red]#,##0;[Blue]-#,##0", false)]
    [InlineData(14, "0.00", false)]
    public void ReadRows_CellStyle_DecidesIsDateFormatted(int numberFormatId, string? code, bool isDate)
    {
        var bytes = new HandMadeXlsx()
            .Styles((0, null), (numberFormatId, code))
            .Sheet("Return", """<sheetData><row r="1"><c r="A1" s="1"><v>45838</v></c><c r="B1"><v>45838</v></c></row></sheetData>""")
            .ToArray();
        using var workbook = XlsxWorkbook.Open(new MemoryStream(bytes));

        var cells = workbook.ReadRows("Return").Single().Cells;

        Assert.Equal(isDate, cells[0].IsDateFormatted);
        Assert.False(cells[1].IsDateFormatted);
    }

    [Fact]
    public void ReadRows_StyleIndexBeyondCellFormats_IsNotADate()
    {
        var bytes = new HandMadeXlsx()
            .Styles((14, null))
            .Sheet("Return", """<sheetData><row r="1"><c r="A1" s="0"><v>1</v></c><c r="B1" s="9"><v>1</v></c></row></sheetData>""")
            .ToArray();
        using var workbook = XlsxWorkbook.Open(new MemoryStream(bytes));

        var cells = workbook.ReadRows("Return").Single().Cells;

        Assert.Equal([true, false], cells.Select(c => c.IsDateFormatted));
    }

    private static List<SheetCell> ReadCells(string cellsXml, int row = 1, string[]? sharedStrings = null) =>
        ReadRows($"""<row r="{row}">{cellsXml}</row>""", sharedStrings).Single().Cells.ToList();

    private static List<SheetRow> ReadRows(string rowsXml, string[]? sharedStrings = null)
    {
        var builder = new HandMadeXlsx().Sheet("Return", $"<sheetData>{rowsXml}</sheetData>");
        if (sharedStrings is not null)
        {
            builder.SharedStrings(sharedStrings);
        }

        using var workbook = XlsxWorkbook.Open(new MemoryStream(builder.ToArray()));
        return workbook.ReadRows("Return").ToList();
    }
}
