using NationalReturns.Domain.Indicators;
using NationalReturns.Domain.Periods;

namespace NationalReturns.Domain.Tests.Indicators;

/// <summary>A partly published quarter is provisional, and pages open on the newest complete one.</summary>
public class CoverageTests
{
    [Theory]
    [InlineData(153, 153, true)]
    [InlineData(146, 153, true)]
    [InlineData(145, 153, false)]
    [InlineData(45, 153, false)]
    [InlineData(0, 0, false)]
    public void IsComplete_AtNinetyFivePercent_NeedsThatShareOfAuthorities(int included, int of, bool complete) =>
        Assert.Equal(complete, new Coverage(included, of).IsComplete(Coverage.DefaultCompleteShare));

    [Fact]
    public void Opening_NewestQuarterPartlyPublished_IsTheQuarterBefore()
    {
        var periods = new[]
        {
            (new ReturnPeriod(2025, 3), new Coverage(45, 153)),
            (new ReturnPeriod(2025, 1), new Coverage(153, 153)),
            (new ReturnPeriod(2025, 2), new Coverage(150, 153)),
        };

        Assert.Equal(new ReturnPeriod(2025, 2), Coverage.Opening(periods, Coverage.DefaultCompleteShare));
        Assert.Equal(new ReturnPeriod(2025, 3), Coverage.Opening(periods, 0.25));
    }

    [Fact]
    public void Opening_NoQuarterComplete_IsTheNewest()
    {
        var periods = new[] { (new ReturnPeriod(2025, 1), new Coverage(1, 153)), (new ReturnPeriod(2025, 2), new Coverage(2, 153)) };

        Assert.Equal(new ReturnPeriod(2025, 2), Coverage.Opening(periods, Coverage.DefaultCompleteShare));
        Assert.Null(Coverage.Opening(Array.Empty<(ReturnPeriod, Coverage)>(), Coverage.DefaultCompleteShare));
        Assert.Equal("45 of 153 authorities", new Coverage(45, 153).ToString());
    }
}
