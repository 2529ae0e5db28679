using Microsoft.Playwright;
using NationalReturns.Web.Tests.Infrastructure;

namespace NationalReturns.Web.Tests.Browser;

/// <summary>
/// Base for tests in Chromium against the shared app: one browser for the test class (a class fixture), pages
/// on the app's address, every console error kept so a test can assert there were none, and screenshots for review.
/// </summary>
public abstract class BrowserTest(WebApp app, Browser browser) : WebAppTest(app), IClassFixture<Browser>
{
    protected List<string> ConsoleErrors { get; } = [];

    protected async Task<IPage> NewPageAsync()
    {
        var page = await browser.Instance.NewPageAsync(new() { BaseURL = App.BaseAddress.ToString() });
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                ConsoleErrors.Add(message.Text);
            }
        };
        return page;
    }

    /// <summary>Signs a new account with the role in through the sign-in page, as a person would.</summary>
    protected Task SignInAsync(IPage page, string role, string? authority = null) => Browser.SignInAsync(page, App, role, authority);

    protected static Task ScreenshotAsync(IPage page, string name) => Browser.ScreenshotAsync(page, name);
}
