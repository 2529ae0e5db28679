using Microsoft.Playwright;

namespace NationalReturns.Web.Tests.Indicators;

/// <summary>Base for pages read over the demo collection in Chromium: a browser per class and signed-in pages that keep their console errors.</summary>
public abstract class DemoCollectionBrowserTest(DemoCollectionApp app) : IAsyncLifetime
{
    private Browser.Browser? _browser;

    protected DemoCollectionApp App { get; } = app;

    public async Task InitializeAsync() => _browser = await Browser.Browser.LaunchAsync();

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
    }

    /// <summary>A new page signed in with the role, and the list its console errors are put in.</summary>
    protected async Task<(IPage Page, List<string> ConsoleErrors)> SignedInPageAsync(string role)
    {
        var page = await _browser!.Instance.NewPageAsync(new() { BaseURL = App.BaseAddress.ToString() });
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        await Browser.Browser.SignInAsync(page, App, role);
        return (page, errors);
    }
}
