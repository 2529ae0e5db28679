using Microsoft.Playwright;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;
using NationalReturns.Web.Tests.Returns;

namespace NationalReturns.Web.Tests.Browser;

/// <summary>A preparer's journey in Chromium: the return page, the upload, the feedback, an explanation.</summary>
public class ReturnPagesInBrowserTests(WebApp app, Browser browser) : BrowserTest(app, browser)
{
    [Fact]
    public async Task UploadJourney_InChromium_ShowsEveryIssueAndRefusesAPlaceholderExplanationAccessibly()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, Roles.Preparer, ReturnFiles.Blackpool);

        await page.GotoAsync("/returns/E06000009/2025-26-Q2");
        Assert.Equal("2025-26 Q2 return", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));
        await ScreenshotAsync(page, "returns-return");

        await page.GetByRole(AriaRole.Button, new() { Name = "Upload a return" }).ClickAsync();
        Assert.Equal("Upload the 2025-26 Q2 return", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));

        await page.SetInputFilesAsync("#file", ReturnFiles.FixturePath("blackpool-2025-26-Q2-libreoffice.xlsx"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and check" }).ClickAsync();
        await page.WaitForURLAsync("**/versions/1");

        Assert.Equal("Version 1", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.True(await page.Locator(".govuk-error-summary").IsVisibleAsync());
        var rows = await page.Locator("[data-issue]").CountAsync();
        Assert.Equal(await App.WithDbAsync(db => Task.FromResult(db.ReturnIssues.Count())), rows);
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));
        await ScreenshotAsync(page, "returns-feedback");

        await page.Locator("#text-FAM-007").FillAsync("ok");
        await page.Locator("#explain-FAM-007").GetByRole(AriaRole.Button, new() { Name = "Save explanation" }).ClickAsync();
        Assert.Contains("does not explain the figure", await page.Locator(".govuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));

        await page.GotoAsync("/returns/specification");
        Assert.Equal("Return template 2025.1", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task ReturnsIndex_InChromium_ListsEveryAuthorityAccessibly()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, Roles.NationalTeam);

        await page.GotoAsync("/returns?period=2025-26-Q2");

        Assert.Equal("2025-26 Q2 returns", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Equal(153, await page.Locator("[data-table=returns] tbody tr").CountAsync());
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));
        await ScreenshotAsync(page, "returns-index");
    }

    [Fact]
    public async Task Reminders_InChromium_RefuseNothingTickedThenSendToTheTickedAuthorityAccessibly()
    {
        await App.CreateAccountAsync("sam@blackpool.test", Roles.Preparer, ReturnFiles.Blackpool);
        var page = await NewPageAsync();
        await SignInAsync(page, Roles.NationalTeam);
        await page.GotoAsync("/returns?region=North%20West");

        await page.GetByRole(AriaRole.Button, new() { Name = "Send a reminder now" }).ClickAsync();
        Assert.Contains("Select at least one authority to remind", await page.Locator(".govuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));
        // The refusal is a 400, which Chromium logs as a failed load: the only console error allowed.
        Assert.All(ConsoleErrors, e => Assert.Contains("400", e, StringComparison.Ordinal));
        ConsoleErrors.Clear();

        await page.GetByLabel("Remind Blackpool", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send a reminder now" }).ClickAsync();
        Assert.Equal("Reminder sent to 1 authority (1 person)", (await page.Locator("[data-field=reminded]").InnerTextAsync()).Trim());
        Assert.Contains("region=North%20West", page.Url, StringComparison.Ordinal);
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));
        await ScreenshotAsync(page, "returns-reminded");
        Assert.Empty(ConsoleErrors);
    }

    [Theory]
    [InlineData("/admin/users", "Users")]
    [InlineData("/admin/api-clients", "API clients")]
    [InlineData("/admin/collection-windows", "Collection windows")]
    [InlineData("/audit", "Audit log")]
    public async Task AdminPage_InChromium_IsAccessible(string path, string heading)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, Roles.Admin);

        await page.GotoAsync(path);

        Assert.Equal(heading, (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task ProfilerBadge_InChromium_OpensTheRequestsTimelineAndTheListAccessibly()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, Roles.Admin);
        await page.GotoAsync("/admin/users");
        var badge = page.Locator("[data-field=profiler-badge]");
        Assert.Matches(@"^\d+ ms · [1-9]\d* SQL$", (await badge.InnerTextAsync()).Trim());

        // The profile is stored as the request's last byte goes; a moment later it is there to open.
        await Task.Delay(300);
        await badge.ClickAsync();

        Assert.Equal("Request timeline", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Equal("GET /admin/users", (await page.Locator("[data-field=what]").InnerTextAsync()).Trim());
        Assert.True(await page.Locator("[data-table=spans] tr[data-kind=Npgsql]").CountAsync() > 0);
        Assert.True(await page.Locator(".nr-span-bar").First.IsVisibleAsync());
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));
        await ScreenshotAsync(page, "profiler-timeline");

        await page.Locator("a.govuk-back-link").ClickAsync();

        Assert.Equal("Profiler", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.True(await page.Locator("[data-table=slowest] tbody tr").CountAsync() > 0);
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));
        Assert.Empty(ConsoleErrors);
    }
}
