using NationalReturns.Domain.Periods;

namespace NationalReturns.Domain.Tests.Periods;

public class ReturnPeriodTests
{
    [Theory]
    [InlineData("2025-26 Q1", 2025, 1)]
    [InlineData("2025-26-Q1", 2025, 1)]
    [InlineData(" 2024-25 q4 ", 2024, 4)]
    [InlineData("2099-00 Q2", 2099, 2)]
    public void TryParse_ScreenOrUrlForm_ReadsYearAndQuarter(string text, int year, int quarter)
    {
        Assert.True(ReturnPeriod.TryParse(text, out var period));
        Assert.Equal(new ReturnPeriod(year, quarter), period);
    }

    [Theory]
    [InlineData("2025-27 Q1")]
    [InlineData("2025-26 Q5")]
    [InlineData("2025/26 Q1")]
    [InlineData("Q1 2025-26")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_MalformedText_Refuses(string? text)
    {
        Assert.False(ReturnPeriod.TryParse(text, out _));
    }

    [Fact]
    public void Parse_MalformedText_SaysHowToWriteAPeriod()
    {
        var ex = Assert.Throws<FormatException>(() => ReturnPeriod.Parse("spring 2025"));
        Assert.Contains("2025-26 Q1", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, "2025-04-01", "2025-06-30")]
    [InlineData(2, "2025-07-01", "2025-09-30")]
    [InlineData(3, "2025-10-01", "2025-12-31")]
    [InlineData(4, "2026-01-01", "2026-03-31")]
    public void StartAndEnd_FinancialQuarter_CoverItsThreeMonths(int quarter, string start, string end)
    {
        var period = new ReturnPeriod(2025, quarter);
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), period.Start);
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), period.End);
    }

    [Fact]
    public void ToStringAndUrlSegment_WriteScreenAndUrlForms()
    {
        var period = new ReturnPeriod(2025, 3);
        Assert.Equal("2025-26 Q3", period.ToString());
        Assert.Equal("2025-26-Q3", period.UrlSegment);
    }

    [Fact]
    public void PreviousAndNext_CrossFinancialYearBoundary()
    {
        Assert.Equal(new ReturnPeriod(2024, 4), new ReturnPeriod(2025, 1).Previous);
        Assert.Equal(new ReturnPeriod(2026, 1), new ReturnPeriod(2025, 4).Next);
        Assert.Equal(new ReturnPeriod(2024, 2), new ReturnPeriod(2025, 2).SameQuarterLastYear);
    }

    [Theory]
    [InlineData("2025-04-01", 2025, 1)]
    [InlineData("2025-06-30", 2025, 1)]
    [InlineData("2025-12-31", 2025, 3)]
    [InlineData("2026-03-31", 2025, 4)]
    [InlineData("2026-01-01", 2025, 4)]
    public void Containing_Date_FindsItsQuarter(string date, int year, int quarter)
    {
        var period = ReturnPeriod.Containing(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new ReturnPeriod(year, quarter), period);
    }

    [Fact]
    public void PopulationMidYear_YearToMarch2025_UsesMid2024()
    {
        // DfE's convention: the year to 31 March 2025 is divided by the mid-2024 estimate.
        Assert.Equal(2024, new ReturnPeriod(2024, 4).PopulationMidYear);
    }

    [Fact]
    public void Comparison_OrdersByYearThenQuarter()
    {
        Assert.True(new ReturnPeriod(2024, 4) < new ReturnPeriod(2025, 1));
        Assert.True(new ReturnPeriod(2025, 2) > new ReturnPeriod(2025, 1));
    }

    [Fact]
    public void Constructor_QuarterOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReturnPeriod(2025, 0));
    }

    [Fact]
    public void AndPrevious_AcrossAFinancialYear_ListsNewestFirst()
    {
        var quarters = new ReturnPeriod(2025, 2).AndPrevious(4);

        Assert.Equal(["2025-26 Q2", "2025-26 Q1", "2024-25 Q4", "2024-25 Q3"], quarters.Select(q => q.ToString()));
    }
}
