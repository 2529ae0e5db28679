using Microsoft.Playwright;
using NationalReturns.Web.Tests.Infrastructure;

namespace NationalReturns.Web.Tests.Browser;

public class PagesInBrowserTests(WebApp app, Browser browser) : BrowserTest(app, browser)
{
    [Theory]
    [InlineData("/", "Supporting Families returns")]
    [InlineData("/areas", "Areas")]
    [InlineData("/areas/E06000009", "Blackpool")]
    [InlineData("/areas/E10000016", "Kent")]
    [InlineData("/areas/E99999999", "Page not found")]
    [InlineData("/account/sign-in", "Sign in")]
    [InlineData("/account/forgot-password", "Reset your password")]
    [InlineData("/help", "Help and contact")]
    [InlineData("/accessibility", "Accessibility statement for Supporting Families returns")]
    [InlineData("/cookies", "Cookies")]
    [InlineData("/privacy", "Privacy notice")]
    public async Task Page_InChromium_RendersWithGovUkStylesScriptsAndNoAccessibilityViolations(string path, string heading)
    {
        var page = await NewPageAsync();

        await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });

        Assert.Equal(heading, (await page.Locator("h1").InnerTextAsync()).Trim());
        // GOV.UK Frontend's stylesheet loaded: the header is its brand blue, not unstyled.
        Assert.Equal("rgb(29, 112, 184)", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('.govuk-header')).backgroundColor"));
        // Its JavaScript ran under our content security policy.
        Assert.Contains("govuk-frontend-supported", await page.EvaluateAsync<string>("document.body.className"), StringComparison.Ordinal);
        // The not-found page logs its own 404; anything else (a CSP refusal, a script error) is a failure.
        Assert.DoesNotContain(ConsoleErrors, e => !e.Contains("404", StringComparison.Ordinal));
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));

        var name = path.Trim('/').Replace('/', '-');
        await ScreenshotAsync(page, name.Length == 0 ? "home" : name);
    }

    [Fact]
    public async Task SkipLink_KeyboardUser_JumpsToMainContent()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/areas");

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to main content", (await page.EvaluateAsync<string>("document.activeElement.textContent")).Trim());
        await page.Keyboard.PressAsync("Enter");

        // Following a link within the page is a same-document navigation, reported a moment after the key press.
        await page.WaitForURLAsync(url => url.EndsWith("#main-content", StringComparison.Ordinal), new() { Timeout = 5_000 });
        Assert.Equal("main-content", await page.EvaluateAsync<string>("document.activeElement.id"));
    }
}
