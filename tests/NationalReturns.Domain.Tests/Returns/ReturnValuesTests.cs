using System.Globalization;
using NationalReturns.Domain.Returns;

namespace NationalReturns.Domain.Tests.Returns;

public class ReturnValuesTests
{
    private static readonly SheetSpec Families = ReturnSpecifications.V2025_1.Sheet(ReturnSpecifications.Families);
    private static readonly FieldSpec StartDate = Families.Field(FieldKeys.Families.Start);
    private static readonly FieldSpec Children = Families.Field(FieldKeys.Families.Children);
    private static readonly FieldSpec LeadService = Families.Field(FieldKeys.Families.LeadService);

    [Fact]
    public void Text_DateCellInADateColumn_IsDayMonthYearAsTheTemplateShowsIt()
    {
        Assert.Equal("03/11/2025", ReturnValues.Text(CellValue.FromDate(new DateOnly(2025, 11, 3)), StartDate));
    }

    [Fact]
    public void Text_BareSerialTypedIntoADateColumn_IsADate()
    {
        var serial = new DateTime(2025, 7, 1).ToOADate();

        Assert.Equal("01/07/2025", ReturnValues.Text(CellValue.FromNumber(serial), StartDate));
    }

    [Fact]
    public void Text_DateTypedAsText_IsKeptAsWritten()
    {
        Assert.Equal("2025-07-01", ReturnValues.Text(CellValue.FromText(" 2025-07-01 "), StartDate));
    }

    [Fact]
    public void Text_NumberUnderAnotherCulture_IsInvariant()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");

            Assert.Equal("1234.5", ReturnValues.Text(CellValue.FromNumber(1234.5), Children));
            Assert.Equal("3", ReturnValues.Text(CellValue.FromNumber(3), Children));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Text_SerialInACountColumn_IsANumberNotADate()
    {
        Assert.Equal("45000", ReturnValues.Text(CellValue.FromNumber(45000), Children));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Text_BlankOrSpaces_IsNull(string? text)
    {
        Assert.Null(ReturnValues.Text(CellValue.FromText(text), LeadService));
        Assert.Null(ReturnValues.Text(CellValue.Blank, LeadService));
    }

    [Fact]
    public void Text_BooleanAndFormulaError_AreWhatTheCellShows()
    {
        Assert.Equal("TRUE", ReturnValues.Text(CellValue.FromBoolean(true), LeadService));
        Assert.Equal("#REF!", ReturnValues.Text(CellValue.FromError("#REF!"), LeadService));
    }

    [Fact]
    public void Text_LongerThanTheStoredLength_IsCutWithAnEllipsis()
    {
        var text = ReturnValues.Text(CellValue.FromText(new string('a', 5_000)), LeadService)!;

        Assert.Equal(ReturnValues.StoredLength, text.Length);
        Assert.EndsWith("…", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_NulAndLoneSurrogate_AreReplacedSoTheDatabaseCanHoldThem()
    {
        var text = ReturnValues.Text(CellValue.FromText("a\0b\uD800c 😀"), LeadService);

        Assert.Equal("a\uFFFDb\uFFFDc 😀", text);
    }

    [Fact]
    public void Forms_EveryAnsweredFieldByKey_BlanksLeftOut()
    {
        var sample = SampleReturn.Unitary();
        sample.Set(ReturnSpecifications.Cover, FieldKeys.Cover.ContactPhone, CellValue.Blank);
        var content = ReturnReader.Read(sample.Spec, new DraftWorkbook(sample.Draft));

        var values = ReturnValues.Forms(content);

        Assert.Equal(CellParsing.AsText(sample.Draft.Get(ReturnSpecifications.Cover, FieldKeys.Cover.ContactName)), values[FieldKeys.Cover.ContactName]);
        Assert.Equal(sample.Draft.Get(ReturnSpecifications.Care, FieldKeys.Care.Starts).Number.ToString(CultureInfo.InvariantCulture), values[FieldKeys.Care.Starts]);
        Assert.False(values.ContainsKey(FieldKeys.Cover.ContactPhone));
    }

    [Fact]
    public void Rows_CountyReturn_EveryRecordOfEveryTableSheetInFieldOrderAndNoSummaryRows()
    {
        var sample = SampleReturn.County(families: 25);
        var content = ReturnReader.Read(sample.Spec, new DraftWorkbook(sample.Draft));

        var rows = ReturnValues.Rows(content).ToList();

        var homelessness = rows.Where(r => r.Sheet == ReturnSpecifications.Homelessness).ToList();
        Assert.Equal(sample.Authority.Districts.Select(d => d.Name), homelessness.Select(r => r.Cells[0]));
        Assert.Equal(25, rows.Count(r => r.Sheet == ReturnSpecifications.Families));
        var first = rows.First(r => r.Sheet == ReturnSpecifications.Families);
        var draft = sample.Draft.Rows(ReturnSpecifications.Families)[0];
        Assert.Equal(Families.Fields.Count, first.Cells.Length);
        Assert.Equal(draft[0].Text, first.Cells[0]);
        Assert.Equal(CellParsing.TryDate(draft[1], out var start) ? start.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : null, first.Cells[1]);
        Assert.DoesNotContain(rows, r => r.Cells[0] is "Total" or "Last quarter");
    }
}
