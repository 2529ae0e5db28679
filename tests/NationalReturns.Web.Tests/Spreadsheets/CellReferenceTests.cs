using NationalReturns.Domain.Returns;
using NationalReturns.Web.Infrastructure.Spreadsheets;

namespace NationalReturns.Web.Tests.Spreadsheets;

public class CellReferenceTests
{
    [Theory]
    [InlineData("A1", 1, 1)]
    [InlineData("B7", 7, 2)]
    [InlineData("AB12", 12, 28)]
    [InlineData("ab12", 12, 28)]
    [InlineData("XFD1048576", 1_048_576, 16_384)]
    public void Parse_ValidReference_GivesRowAndColumn(string reference, int row, int column)
    {
        Assert.Equal((row, column), CellReference.Parse(reference));
    }

    [Theory]
    [InlineData("")]
    [InlineData("A")]
    [InlineData("12")]
    [InlineData("A0")]
    [InlineData("A01")]
    [InlineData("1A")]
    [InlineData("A1B")]
    [InlineData("XFE1")]
    [InlineData("A1048577")]
    [InlineData("$A$1")]
    public void Parse_InvalidReference_ThrowsFormatException(string reference)
    {
        Assert.Throws<FormatException>(() => CellReference.Parse(reference));
    }

    [Theory]
    [InlineData(1, "A")]
    [InlineData(26, "Z")]
    [InlineData(27, "AA")]
    [InlineData(28, "AB")]
    [InlineData(52, "AZ")]
    [InlineData(702, "ZZ")]
    [InlineData(703, "AAA")]
    [InlineData(16_384, "XFD")]
    public void ColumnLetters_Column_GivesLetters(int column, string letters)
    {
        Assert.Equal(letters, CellReference.ColumnLetters(column));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16_385)]
    public void ColumnLetters_OutsideTheGrid_Throws(int column)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CellReference.ColumnLetters(column));
    }

    [Fact]
    public void Format_RowAndColumn_GivesReference()
    {
        Assert.Equal("B7", CellReference.Format(7, 2));
    }

    [Fact]
    public void FormatThenParse_EveryColumn_RoundTrips()
    {
        for (var column = 1; column <= CellReference.MaxColumn; column++)
        {
            Assert.Equal((5, column), CellReference.Parse(CellReference.Format(5, column)));
        }
    }

    [Theory]
    [InlineData("B3:D3", 3, 2, 3, 4, "B3:D3")]
    [InlineData("D5:B3", 3, 2, 5, 4, "B3:D5")]
    [InlineData("C2", 2, 3, 2, 3, "C2")]
    public void CellRangeParse_Text_GivesCornersAndText(string text, int firstRow, int firstColumn, int lastRow, int lastColumn, string shown)
    {
        var range = CellArea.Parse(text);

        Assert.Equal(new CellArea(firstRow, firstColumn, lastRow, lastColumn), range);
        Assert.Equal(shown, range.ToString());
    }

    [Fact]
    public void CellRangeContains_CellsInsideAndOutside_AnswersEach()
    {
        var range = CellArea.Parse("B3:D4");

        Assert.True(range.Contains(3, 2));
        Assert.True(range.Contains(4, 4));
        Assert.False(range.Contains(5, 2));
        Assert.False(range.Contains(3, 1));
    }

    [Fact]
    public void TryGetCell_ColumnsPresentAndAbsent_FindsOnlyThePresent()
    {
        var bytes = new HandMadeXlsx().Sheet("Return", """<sheetData><row r="2"><c r="A2"><v>1</v></c><c r="C2"><v>3</v></c><c r="F2"><v>6</v></c></row></sheetData>""").ToArray();
        using var workbook = XlsxWorkbook.Open(new MemoryStream(bytes));
        var row = workbook.ReadRows("Return").Single();

        Assert.True(row.TryGetCell(3, out var c));
        Assert.Equal(3, c.Number);
        Assert.True(row.TryGetCell(6, out var f));
        Assert.Equal("F2", f.Reference);
        Assert.False(row.TryGetCell(2, out _));
        Assert.False(row.TryGetCell(7, out _));
    }
}
