using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Workflow;

namespace NationalReturns.Domain.Tests.Workflow;

public class CollectionWindowTests
{
    [Fact]
    public void Default_Quarter_OpensAfterItEndsAndIsDueSixWeeksLater()
    {
        var window = CollectionWindow.Default(new ReturnPeriod(2025, 2));

        Assert.Equal(new DateOnly(2025, 10, 1), window.Opens);
        Assert.Equal(new DateOnly(2025, 11, 11), window.Due);
    }

    [Theory]
    [InlineData("2025-11-01", ReturnStatus.Draft, "due in 10 days")]
    [InlineData("2025-11-10", ReturnStatus.NotStarted, "due tomorrow")]
    [InlineData("2025-11-11", ReturnStatus.Queried, "due today")]
    [InlineData("2025-11-12", ReturnStatus.Draft, "1 day overdue")]
    [InlineData("2025-11-20", ReturnStatus.NotStarted, "9 days overdue")]
    [InlineData("2025-11-20", ReturnStatus.Submitted, "")]
    [InlineData("2025-11-20", ReturnStatus.Published, "")]
    public void Describe_DayAndStatus_SaysHowLongIsLeftOnlyWhileTheAuthorityOwesIt(string today, ReturnStatus status, string expected)
    {
        var window = CollectionWindow.Default(new ReturnPeriod(2025, 2));

        Assert.Equal(expected, window.Describe(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), status));
    }

    [Fact]
    public void Refusal_QuarterNotEnded_SaysWhenItEndsAndWhichQuarterIsOpen()
    {
        var today = new DateOnly(2026, 11, 30);
        var open = CollectionWindow.Default(new ReturnPeriod(2026, 2));

        var refusal = CollectionWindow.Default(new ReturnPeriod(2026, 3)).Refusal(today, open);

        Assert.Equal("2026-27 Q3 has not ended yet (it ends on 31 December 2026), so there is no return to make for it yet. "
            + "Returns are open now for 2026-27 Q2 (due 11 November 2026) and earlier quarters.", refusal);
        Assert.Null(open.Refusal(today, open));
        Assert.Null(CollectionWindow.Default(new ReturnPeriod(2022, 1)).Refusal(today, open));
    }

    [Fact]
    public void Refusal_WindowAnAdminOpensLater_SaysWhenItOpens()
    {
        var window = new CollectionWindow(new ReturnPeriod(2026, 2), new DateOnly(2026, 12, 7), new DateOnly(2027, 1, 20));

        Assert.StartsWith("2026-27 Q2 opens for returns on 7 December 2026", window.Refusal(new DateOnly(2026, 11, 30), CollectionWindow.Default(new ReturnPeriod(2026, 1))), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2030-31")]
    [InlineData("2099-00-Q5")]
    [InlineData("soon")]
    public void NotAQuarter_AnyText_SaysHowQuartersAreWrittenAndWhichIsOpen(string text)
    {
        var message = CollectionWindow.NotAQuarter(text, CollectionWindow.Default(new ReturnPeriod(2026, 2)));

        Assert.Equal($"'{text}' is not a quarter. Quarters are written like 2026-27-Q2. Returns are open now for 2026-27 Q2 (due 11 November 2026) and earlier quarters.", message);
    }
}
