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
}
