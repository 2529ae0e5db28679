using Microsoft.Playwright;
using NationalReturns.Web.Tests.Infrastructure;

namespace NationalReturns.Web.Tests.Browser;

/// <summary>
/// Base for tests in Chromium against the shared app: a browser per test class, pages on the app's
/// address, every console error kept so a test can assert there were none, and screenshots for review.
/// </summary>
public abstract class BrowserTest(WebApp app) : WebAppTest(app), IAsyncLifetime
{
    private Browser? _browser;

    protected List<string> ConsoleErrors { get; } = [];

    async Task IAsyncLifetime.InitializeAsync()
    {
        await App.ResetAsync();
        _browser = await Browser.LaunchAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
    }

    protected async Task<IPage> NewPageAsync()
    {
        var page = await _browser!.Instance.NewPageAsync(new() { BaseURL = App.BaseAddress.ToString() });
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
