using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;
using NationalReturns.Web.Tests.Returns;

namespace NationalReturns.Web.Tests.Indicators;

/// <summary>A quarter with only some returns published is marked provisional, with its coverage, on the indicator and area pages.</summary>
public class ProvisionalQuarterTests(WebApp app) : WebAppTest(app)
{
    [Fact]
    public async Task IndicatorPages_QuarterWithOneReturnPublished_SayItIsProvisionalAndFromHowMany()
    {
        using var preparer = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        var blackpool = await ReturnFiles.ProfileAsync(App, ReturnFiles.Blackpool);
        await ReturnFiles.UploadAndReadFeedbackAsync(preparer, ReturnFiles.Blackpool, ReturnFiles.Period, ReturnFiles.FilledTemplate(blackpool, ReturnFiles.Demo(blackpool)));
        await ReturnFiles.PublishAsync(App, ReturnFiles.Blackpool);

        using var official = await App.SignedInAsync(Roles.Official);
        var indicator = await Pages.GetAsync(official, "/indicators/CARE-CLA");
        var area = await Pages.GetAsync(official, $"/indicators/areas/{ReturnFiles.Blackpool}");
        var dashboard = await Pages.GetAsync(official, $"/areas/{ReturnFiles.Blackpool}/dashboard");

        // No quarter is complete, so the page opens on the newest and says what it is made from.
        Assert.Equal($"CARE-CLA · {ReturnFiles.Period}", indicator.QuerySelector(".govuk-caption-l")!.Text());
        var expected = $"Warning {ReturnFiles.Period} is provisional: its England and region figures are made from the returns of 1 of 153 authorities. "
            + "They will change as more are published, so do not read a change from the quarter before as a trend.";
        Assert.Equal(expected, indicator.QuerySelector("[data-field=provisional] .govuk-warning-text__text")!.Text());
        Assert.Equal(expected, area.QuerySelector("[data-field=provisional] .govuk-warning-text__text")!.Text());
        Assert.Equal(expected, dashboard.QuerySelector("[data-field=provisional] .govuk-warning-text__text")!.Text());
        // Beside every England and region figure, what it is made from.
        Assert.Equal("1 of 153", area.QuerySelector("tr[data-indicator=CARE-CLA] [data-england] .nr-coverage")!.Text());
        Assert.Equal("1 of 153", dashboard.QuerySelector("tr[data-indicator=CARE-CLA] [data-england] .nr-coverage")!.Text());
        Assert.Matches("^1 of \\d+$", dashboard.QuerySelector("tr[data-indicator=CARE-CLA] [data-region] .nr-coverage")!.Text());
    }
}
