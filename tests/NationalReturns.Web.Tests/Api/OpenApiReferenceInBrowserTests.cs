using System.Text.Json;
using Microsoft.Playwright;
using NationalReturns.Web.Features.ApiDescription;
using NationalReturns.Web.Tests.Browser;
using NationalReturns.Web.Tests.Infrastructure;

namespace NationalReturns.Web.Tests.Api;

/// <summary>The API reference page (Scalar) in Chromium, under the site's content security policy.</summary>
public class OpenApiReferenceInBrowserTests(WebApp app, Browser.Browser browser) : BrowserTest(app, browser)
{
    [Fact]
    public async Task ReferencePage_InChromium_ShowsEveryOperationWithNoPolicyViolationsOrRequestsElsewhere()
    {
        var page = await NewPageAsync();
        var elsewhere = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(App.BaseAddress.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                elsewhere.Add(request.Url);
            }
        };
        // Kept by a script the page's own policy does not govern (added through the DevTools protocol), so a refusal
        // the console might word differently is still seen.
        await page.AddInitScriptAsync("""
            window.__violations = [];
            document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
            """);

        await page.GotoAsync(ApiDescription.ReferencePath, new() { WaitUntil = WaitUntilState.NetworkIdle });

        // Every operation's summary, as the document gives it, is in the page's contents once each group is open.
        using var client = App.CreateHttpClient();
        var document = JsonDocument.Parse(await client.GetStringAsync(ApiDescription.DocumentPath)).RootElement;
        var operations = document.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject()).Select(o => o.Value).ToList();
        await page.GetByText(operations[0].GetProperty("summary").GetString()!).First.WaitForAsync(new() { Timeout = 30_000 });
        foreach (var tag in document.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()!))
        {
            var open = page.GetByRole(AriaRole.Button, new() { Name = $"Open Group - {tag}", Exact = true });
            if (await open.CountAsync() > 0)
            {
                await open.First.ClickAsync();
            }
        }

        var text = await page.Locator("body").InnerTextAsync();
        Assert.All(operations, o => Assert.Contains(o.GetProperty("summary").GetString()!, text, StringComparison.Ordinal));

        // Zod, inside Scalar's bundle, tries Function('') once to learn whether it may compile its validators, and
        // interprets them when the policy says no: that refusal is the policy working, and the only one there may be.
        var violations = (await page.EvaluateAsync<string[]>("window.__violations")).Where(v => v != "script-src eval").ToList();
        Assert.Empty(violations);
        Assert.Empty(ConsoleErrors);
        Assert.Empty(elsewhere);
        await ScreenshotAsync(page, "api-reference");
    }
}
