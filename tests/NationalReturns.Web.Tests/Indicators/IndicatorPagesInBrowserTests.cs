using Microsoft.Playwright;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;

namespace NationalReturns.Web.Tests.Indicators;

/// <summary>The indicator pages over the demo collection, in Chromium, checked with axe.</summary>
[Collection(DemoQuarters.Name)]
public sealed class IndicatorPagesInBrowserTests(DemoCollectionApp app, Browser.Browser browser) : DemoCollectionBrowserTest(app, browser)
{
    [Theory]
    [InlineData("/indicators", "Population indicators")]
    [InlineData("/indicators/methodology", "Indicator methodology")]
    [InlineData("/indicators/CARE-START?period=2024-25-Q4", "Children starting to be looked after")]
    [InlineData("/indicators/HL-RELIEF?level=region", "Households owed a relief duty")]
    [InlineData("/indicators/areas/E06000063", "Cumberland: population indicators")]
    public async Task IndicatorPage_SignedInOfficial_RendersWithNoAccessibilityViolations(string path, string heading)
    {
        var (page, errors) = await SignedInPageAsync(Roles.Official);

        await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });

        Assert.Equal(heading, (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Empty(errors);
        Assert.Empty(await Browser.Browser.AccessibilityViolationsAsync(page));
        await Browser.Browser.ScreenshotAsync(page, "indicators-" + path.Split('?')[0].Trim('/').Replace('/', '-'));
    }
}
