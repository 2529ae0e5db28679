using Microsoft.Playwright;

namespace NationalReturns.Web.Tests.Indicators;

/// <summary>Base for pages read over the demo collection in Chromium: one browser for the class (a class fixture) and signed-in pages that keep their console errors.</summary>
public abstract class DemoCollectionBrowserTest(DemoCollectionApp app, Browser.Browser browser) : IClassFixture<Browser.Browser>
{
    protected DemoCollectionApp App { get; } = app;

    /// <summary>A new page signed in with the role, and the list its console errors are put in.</summary>
    protected async Task<(IPage Page, List<string> ConsoleErrors)> SignedInPageAsync(string role)
    {
        var page = await browser.Instance.NewPageAsync(new() { BaseURL = App.BaseAddress.ToString() });
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
