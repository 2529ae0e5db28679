using NationalReturns.Domain.Returns;

namespace NationalReturns.Domain.Tests.Returns;

/// <summary>
/// Placeholder dates, impossible numbers and very long text are ordinary things for a council to send: each
/// gets an issue like any other mistake, and no rule's arithmetic overflows or divides its way into an exception.
/// </summary>
public class ExtremeValueTests
{
    private const string Families = ReturnSpecifications.Families;

    public static TheoryData<string, string> PlaceholderDates => new()
    {
        { "fam.start", "31/12/9999" },
        { "fam.start", "9999-12-31" },
        { "fam.closed", "31/12/9999" },
        { "fam.outcome_date", "31/12/9999" },
        { "fam.start", "01/01/0001" },
    };

    [Theory]
    [MemberData(nameof(PlaceholderDates))]
    public void Validate_PlaceholderDate_GivesADateIssueAndNoException(string key, string date)
    {
        var sample = SampleReturn.Unitary().SetFamily(0, key, CellValue.FromText(date));

        var issues = sample.Validate();

        Assert.Contains(issues, i => i.Code is "VAL-005" or "VAL-006" && i.Cell!.EndsWith('5'));
    }

    [Fact]
    public void Validate_StartDateAsTheLastSerialExcelHas_GivesADateIssueAndNoException()
    {
        var sample = SampleReturn.Unitary().SetFamily(0, "fam.start", new CellValue(CellKind.Number, null, 2958465, true));

        Assert.Contains(sample.Validate(), i => i.Code == "VAL-006");
    }

    [Theory]
    [InlineData(999_999_999_999_999d)]
    [InlineData(9_000_000_000_000_000_000d)]
    [InlineData(1e300)]
    [InlineData(-1e300)]
    public void Validate_CountsTooLargeForAnyReturn_AreIssuesAndNeverOverflowASum(double count)
    {
        var sample = SampleReturn.County();
        foreach (var key in new[] { "care.starts", "care.starts_under_1", "care.starts_1_4", "care.starts_5_9", "care.starts_10_15", "care.starts_16_17", "care.ceased", "care.cla_end" })
        {
            sample.Set(ReturnSpecifications.Care, key, CellValue.FromNumber(count));
        }

        for (var row = 0; row < SampleReturn.Kent.Districts.Count; row++)
        {
            sample.SetHousing(row, "hl.prevention", CellValue.FromNumber(count));
        }

        var issues = sample.Validate();

        Assert.Contains(issues, i => i.Code is "VAL-002" or "VAL-003" or "VAL-004" && i.Sheet == ReturnSpecifications.Care);
        Assert.All(sample.Figures().Values, v => Assert.InRange(v, -CellParsing.LargestCount * 100_000, CellParsing.LargestCount * 100_000));
    }

    [Theory]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("0.0001")]
    public void Validate_TinyKeyworkerFte_IsACaseloadQueryNotADivisionOverflow(string fte)
    {
        var sample = SampleReturn.Unitary().Set(ReturnSpecifications.EarlyHelp, "eh.keyworkers_fte", CellValue.FromText(fte));

        Assert.Contains(sample.Validate(), i => i.Code == "EH-003");
    }

    [Fact]
    public void Validate_HugeTextUsedInManyCells_KeepsEachIssueShort()
    {
        var huge = new string('x', 20_000);
        var sample = SampleReturn.Unitary();
        for (var row = 0; row < 40; row++)
        {
            sample.SetFamily(row, "fam.lead_service", CellValue.FromText(huge));
            sample.SetFamily(row, "fam.reference", CellValue.FromText(huge));
        }

        var issues = sample.Validate();

        Assert.Contains(issues, i => i.Code == "VAL-007");
        Assert.All(issues, i =>
        {
            Assert.True((i.Value?.Length ?? 0) <= IssueText.ValueLength, $"{i.Code} value is {i.Value?.Length} characters");
            Assert.True(i.Message.Length <= IssueText.MessageLength, $"{i.Code} message is {i.Message.Length} characters");
        });
    }

    [Fact]
    public void Shorten_LongText_EndsWithAnEllipsisAndNeverSplitsASurrogatePair()
    {
        var text = new string('a', 58) + "😀😀😀";

        var shortened = IssueText.Quote(text);

        Assert.Equal(IssueText.QuoteLength - 1, shortened.Length);
        Assert.EndsWith("a…", shortened, StringComparison.Ordinal);
        Assert.Null(IssueText.Shorten(null, 10));
        Assert.Equal("short", IssueText.Shorten("short", 10));
    }
}
