using Microsoft.Playwright;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Indicators;

namespace NationalReturns.Web.Tests.SelfAssessments;

/// <summary>The national self-assessment pages over the demo's three years, in Chromium: charts drawn, no console errors, axe-clean.</summary>
[Collection(DemoQuarters.Name)]
public sealed class SelfAssessmentPagesInBrowserTests(DemoCollectionApp app, Browser.Browser browser) : DemoCollectionBrowserTest(app, browser)
{
    [Theory]
    [InlineData("/self-assessments/scores", "Early Help System Guide: scores", true)]
    [InlineData("/self-assessments/scores?framework=dmm", "Data Maturity Model: scores", true)]
    [InlineData("/self-assessments/readiness", "Readiness for earned autonomy", false)]
    [InlineData("/self-assessments/outcomes?indicator=CARE-START&highlight=E06000009", "Maturity and children starting to be looked after", true)]
    [InlineData("/self-assessments/authorities/E06000009", "Blackpool: progress over the years", false)]
    [InlineData("/self-assessments", "Self-assessments", false)]
    public async Task NationalPage_SignedInNationalTeam_RendersWithNoAccessibilityViolations(string path, string heading, bool chart)
    {
        var (page, errors) = await SignedInPageAsync(Roles.NationalTeam);

        await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });

        Assert.StartsWith(heading, (await page.Locator("h1").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        if (chart)
        {
            await Assertions.Expect(page.Locator("canvas[data-chart]")).ToHaveAttributeAsync("data-drawn", "true");
        }

        Assert.Empty(errors);
        Assert.Empty(await Browser.Browser.AccessibilityViolationsAsync(page));
        await Browser.Browser.ScreenshotAsync(page, "self-assessments-" + path.Split('?')[0].Trim('/').Replace('/', '-') + (path.Contains("dmm", StringComparison.Ordinal) ? "-dmm" : ""));
    }
}
