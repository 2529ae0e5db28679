using Microsoft.Playwright;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;
using NationalReturns.Web.Tests.Returns;

namespace NationalReturns.Web.Tests.Browser;

/// <summary>A return from upload to published in Chromium, by a preparer, an approver and the national team.</summary>
public class WorkflowInBrowserTests(WebApp app, Browser browser) : BrowserTest(app, browser)
{
    private const string Return = "/returns/E06000009/2025-26-Q2";

    [Fact]
    public async Task Return_FromUploadToPublished_InChromiumByThreePeopleWithAccessiblePages()
    {
        var blackpool = await ReturnFiles.ProfileAsync(App, ReturnFiles.Blackpool);
        var file = Path.Combine(Path.GetTempPath(), $"blackpool-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(file, ReturnFiles.FilledTemplate(blackpool, ReturnFiles.Demo(blackpool)));

        // The preparer uploads a clean return and submits it.
        var preparer = await NewPageAsync();
        await SignInAsync(preparer, Roles.Preparer, ReturnFiles.Blackpool);
        await preparer.GotoAsync("/your-returns");
        Assert.Empty(await Browser.AccessibilityViolationsAsync(preparer));
        await preparer.GotoAsync(Return + "/upload");
        await preparer.SetInputFilesAsync("#file", file);
        await preparer.GetByRole(AriaRole.Button, new() { Name = "Upload and check" }).ClickAsync();
        await preparer.WaitForURLAsync("**/versions/1");
        await preparer.GotoAsync(Return);
        await preparer.GetByRole(AriaRole.Button, new() { Name = "Submit version 1" }).ClickAsync();
        Assert.Equal("submitted", (await preparer.Locator("[data-field=status]").InnerTextAsync()).Trim());
        Assert.Empty(await Browser.AccessibilityViolationsAsync(preparer));

        // The approver certifies it, after being told to tick the statement.
        var approver = await NewPageAsync();
        await SignInAsync(approver, Roles.Approver, ReturnFiles.Blackpool);
        await approver.GotoAsync(Return);
        await approver.GetByRole(AriaRole.Button, new() { Name = "Certify" }).ClickAsync();
        Assert.Contains("Tick the box to certify the return.", await approver.Locator(".govuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(await Browser.AccessibilityViolationsAsync(approver));
        await approver.Locator("#certified").CheckAsync();
        await approver.GetByRole(AriaRole.Button, new() { Name = "Certify" }).ClickAsync();
        Assert.Equal("certified", (await approver.Locator("[data-field=status]").InnerTextAsync()).Trim());

        // The national team accepts it from the tracker and publishes the quarter.
        var national = await NewPageAsync();
        await SignInAsync(national, Roles.NationalTeam);
        await national.GotoAsync("/returns?period=2025-26-Q2&status=Certified");
        Assert.Empty(await Browser.AccessibilityViolationsAsync(national));
        await national.GetByRole(AriaRole.Link, new() { Name = "Blackpool" }).ClickAsync();
        await national.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        Assert.Equal("accepted", (await national.Locator("[data-field=status]").InnerTextAsync()).Trim());
        await national.GotoAsync("/returns?period=2025-26-Q2");
        await national.GetByRole(AriaRole.Button, new() { Name = "Publish the 1 accepted return" }).ClickAsync();
        Assert.Contains("1 accepted returns published", await national.Locator("[data-field=published]").InnerTextAsync(), StringComparison.Ordinal);
        await national.GotoAsync(Return);
        Assert.Equal("published", (await national.Locator("[data-field=status]").InnerTextAsync()).Trim());
        Assert.Equal(5, await national.Locator("[data-table=timeline] tbody tr").CountAsync()); // upload, submit, certify, accept, publish
        Assert.Empty(await Browser.AccessibilityViolationsAsync(national));
        await ScreenshotAsync(national, "workflow-published");
        await national.GotoAsync("/audit");
        Assert.Empty(await Browser.AccessibilityViolationsAsync(national));
        await national.GotoAsync("/published?period=2025-26-Q2");
        Assert.Contains("1 of 153", await national.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(await Browser.AccessibilityViolationsAsync(national));

        Assert.Empty(ConsoleErrors);
        File.Delete(file);
    }
}
