using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NationalReturns.Domain.Returns;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Features.Notifications;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;
using NationalReturns.Web.Tests.Returns;

namespace NationalReturns.Web.Tests.Browser;

/// <summary>A return from upload to published in Chromium, by a preparer, an approver (who sends it back once) and the national team, with the emails each is sent.</summary>
public class WorkflowInBrowserTests(WebApp app, Browser browser) : BrowserTest(app, browser)
{
    private const string Return = "/returns/E06000009/2025-26-Q2";

    private const string Period = "2025-26-Q2";

    /// <summary>Signs in from the home page's link, as a person would, and returns where the service took them.</summary>
    private static async Task<string> SignInFromHomeAsync(IPage page, string email)
    {
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).First.ClickAsync();
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(WebApp.TestPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal));
        return new Uri(page.Url).PathAndQuery;
    }

    /// <summary>Sends what the outbox holds, as the delivery job does, and reads the pickup folder's emails to one address (headers unfolded, soft line breaks joined).</summary>
    private async Task<IReadOnlyList<string>> MailToAsync(string email)
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DeliverOutbox.Handler>().HandleAsync(CancellationToken.None);
        }

        var folder = App.Services.GetRequiredService<EmailSender>().PickupFolder;
        var mails = new List<string>();
        foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml") : [])
        {
            var text = (await File.ReadAllTextAsync(file)).Replace("=\r\n", "", StringComparison.Ordinal).Replace("\r\n ", " ", StringComparison.Ordinal);
            if (text.Contains($"To: {email}", StringComparison.OrdinalIgnoreCase))
            {
                mails.Add(text);
            }
        }

        return mails;
    }

    private async Task ExpectMailAsync(string email, string subject)
    {
        var mails = await MailToAsync(email);
        Assert.True(mails.Any(m => m.Contains($"Subject: {subject}", StringComparison.Ordinal) && m.Contains(Return, StringComparison.Ordinal)),
            $"No email \"{subject}\" to {email} linking to the return; it has {mails.Count}.");
    }

    private static async Task ExpectConfirmationAsync(IPage page, string move, string title, string next)
    {
        await page.WaitForURLAsync($"**{Return}/done/{move}");
        Assert.Equal(title, (await page.Locator("[data-field=confirmation]").InnerTextAsync()).Trim());
        Assert.Equal(next, (await page.Locator("[data-field=next]").InnerTextAsync()).Trim());
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));
    }

    [Fact]
    public async Task Return_PreparerApproverAndNationalTeam_WalkItFromUploadToPublishedWithEveryStepSayingWhatIsNext()
    {
        var blackpool = await ReturnFiles.ProfileAsync(App, ReturnFiles.Blackpool);
        var draft = ReturnFiles.Demo(blackpool);
        // One query to explain, so the approver has an explanation to read.
        draft.Set(ReturnSpecifications.EarlyHelp, "eh.keyworkers_fte", CellValue.FromNumber(0.2));
        var file = Path.Combine(Path.GetTempPath(), $"blackpool-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(file, ReturnFiles.FilledTemplate(blackpool, draft));
        var id = Guid.NewGuid().ToString("N")[..8];
        string preparerEmail = $"sam-{id}@blackpool.test", approverEmail = $"alex-{id}@blackpool.test", nationalEmail = $"nia-{id}@national.test";
        await App.CreateAccountAsync(preparerEmail, Roles.Preparer, ReturnFiles.Blackpool);
        await App.CreateAccountAsync(approverEmail, Roles.Approver, ReturnFiles.Blackpool);
        await App.CreateAccountAsync(nationalEmail, Roles.NationalTeam, null);

        // The preparer signs in from the home page and lands on their returns, uploads, explains and submits.
        var preparer = await NewPageAsync();
        Assert.Equal("/your-returns", await SignInFromHomeAsync(preparer, preparerEmail));
        Assert.Empty(await Browser.AccessibilityViolationsAsync(preparer));
        await preparer.GotoAsync(Return + "/upload");
        await preparer.SetInputFilesAsync("#file", file);
        await preparer.GetByRole(AriaRole.Button, new() { Name = "Upload and check" }).ClickAsync();
        await preparer.WaitForURLAsync("**/versions/1");
        await preparer.Locator("#text-EH-003").FillAsync("Keyworkers are commissioned from a charity; only 0.2 FTE is on our payroll.");
        await preparer.Locator("#explain-EH-003").GetByRole(AriaRole.Button, new() { Name = "Save explanation" }).ClickAsync();
        await preparer.GotoAsync(Return);
        Assert.Equal(ReturnProgress.NextStep(ReturnStatus.Draft, WorkflowRole.Preparer, new VersionReadiness(true, 0, 0)), (await preparer.Locator("[data-field=next]").InnerTextAsync()).Trim());
        await preparer.GetByRole(AriaRole.Button, new() { Name = "Submit version 1" }).ClickAsync();
        await ExpectConfirmationAsync(preparer, "submit", "Return submitted", ReturnProgress.NextStep(ReturnStatus.Submitted, WorkflowRole.Preparer));
        Assert.Contains("We have emailed your approver", await preparer.Locator("[data-field=told]").InnerTextAsync(), StringComparison.Ordinal);
        await ExpectMailAsync(approverEmail, "Ready to certify: Blackpool's 2025-26 Q2 return");

        // The approver lands on their returns, sees the figures and the explanation, and sends the return back once.
        var approver = await NewPageAsync();
        Assert.Equal("/your-returns", await SignInFromHomeAsync(approver, approverEmail));
        await approver.GotoAsync(Return);
        Assert.Equal(ReturnProgress.NextStep(ReturnStatus.Submitted, WorkflowRole.Approver), (await approver.Locator("[data-field=next]").InnerTextAsync()).Trim());
        Assert.Contains("only 0.2 FTE is on our payroll", await approver.Locator("[data-field=explanations]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await approver.GetByText("Download the 2025-26 Q2 template").CountAsync());
        Assert.Empty(await Browser.AccessibilityViolationsAsync(approver));
        await approver.GetByRole(AriaRole.Link, new() { Name = "See the figures in version 1" }).ClickAsync();
        await approver.WaitForURLAsync("**/versions/1/figures");
        Assert.Equal("Figures in version 1", (await approver.Locator("h1").InnerTextAsync()).Trim());
        Assert.True(await approver.Locator("[data-field=value]").CountAsync() > 10);
        Assert.Empty(await Browser.AccessibilityViolationsAsync(approver));
        await ScreenshotAsync(approver, "workflow-figures");
        await approver.Locator("#need").SelectOptionAsync("housing");
        await approver.Locator("[data-testid=family-filter] button").ClickAsync();
        await approver.WaitForURLAsync("**need=housing**");
        Assert.Empty(await Browser.AccessibilityViolationsAsync(approver));
        await approver.GotoAsync(Return);
        await approver.Locator("#send-back-text").FillAsync("Please check the keyworker figure against the HR return before I certify.");
        await approver.GetByRole(AriaRole.Button, new() { Name = "Send back" }).ClickAsync();
        await ExpectConfirmationAsync(approver, "send-back", "Return sent back", ReturnProgress.NextStep(ReturnStatus.Draft, WorkflowRole.Approver, sentBack: true));
        await ExpectMailAsync(preparerEmail, "Sent back: Blackpool's 2025-26 Q2 return needs changes");

        // The preparer reads the reason at the top and submits again; the approver certifies.
        await preparer.GotoAsync(Return);
        Assert.Contains("keyworker figure against the HR return", await preparer.Locator("[data-field=sent-back-text]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(await Browser.AccessibilityViolationsAsync(preparer));
        await preparer.GetByRole(AriaRole.Button, new() { Name = "Submit version 1" }).ClickAsync();
        await ExpectConfirmationAsync(preparer, "submit", "Return submitted", ReturnProgress.NextStep(ReturnStatus.Submitted, WorkflowRole.Preparer));
        await approver.GotoAsync(Return);
        await approver.Locator("#certified").CheckAsync();
        await approver.GetByRole(AriaRole.Button, new() { Name = "Certify" }).ClickAsync();
        await ExpectConfirmationAsync(approver, "certify", "Return certified", ReturnProgress.NextStep(ReturnStatus.Certified, WorkflowRole.Approver));
        Assert.Contains("digest", await approver.Locator("[data-field=told]").InnerTextAsync(), StringComparison.Ordinal);

        // The national team lands on the tracker, finds the return in its digest, queries it; the preparer answers at the top.
        var national = await NewPageAsync();
        Assert.Equal("/returns", await SignInFromHomeAsync(national, nationalEmail));
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SendDigest.Handler>().HandleAsync(CancellationToken.None);
        }

        Assert.Contains(await MailToAsync(nationalEmail), m => m.Contains("Certified and waiting for your review: 1", StringComparison.Ordinal) && m.Contains(Return, StringComparison.Ordinal));
        await national.GotoAsync(Return);
        Assert.Equal(ReturnProgress.NextStep(ReturnStatus.Certified, WorkflowRole.NationalTeam), (await national.Locator("[data-field=next]").InnerTextAsync()).Trim());
        await national.Locator("#query-text").FillAsync("Keyworkers fell from 40 to 0.2 FTE: please confirm.");
        await national.GetByRole(AriaRole.Button, new() { Name = "Send query" }).ClickAsync();
        await ExpectConfirmationAsync(national, "query", "Query sent", ReturnProgress.NextStep(ReturnStatus.Queried, WorkflowRole.NationalTeam));
        await ExpectMailAsync(preparerEmail, "Queried: the national team has a question about Blackpool's 2025-26 Q2 return");
        await preparer.GotoAsync(Return);
        Assert.Equal("Keyworkers fell from 40 to 0.2 FTE: please confirm.", (await preparer.Locator("[data-field=query-text]").InnerTextAsync()).Trim());
        Assert.Equal(ReturnProgress.NextStep(ReturnStatus.Queried, WorkflowRole.Preparer), (await preparer.Locator("[data-field=next]").InnerTextAsync()).Trim());
        Assert.Empty(await Browser.AccessibilityViolationsAsync(preparer));
        await ScreenshotAsync(preparer, "workflow-queried");
        await preparer.Locator("#answer-text").FillAsync("Confirmed: the service is commissioned; 0.2 FTE is our own contract manager.");
        await preparer.GetByRole(AriaRole.Button, new() { Name = "Send answer" }).ClickAsync();
        await ExpectConfirmationAsync(preparer, "answer", "Answer sent", ReturnProgress.NextStep(ReturnStatus.Certified, WorkflowRole.Preparer));

        // The national team accepts, then publishes after the confirmation page says what will happen.
        await national.GotoAsync(Return);
        await national.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await ExpectConfirmationAsync(national, "accept", "Return accepted", ReturnProgress.NextStep(ReturnStatus.Accepted, WorkflowRole.NationalTeam));
        await ExpectMailAsync(preparerEmail, "Accepted: Blackpool's 2025-26 Q2 return");
        await ExpectMailAsync(approverEmail, "Accepted: Blackpool's 2025-26 Q2 return");
        await national.GotoAsync($"/returns?period={Period}");
        await national.GetByRole(AriaRole.Button, new() { Name = "Publish the 1 accepted return" }).ClickAsync();
        await national.WaitForURLAsync("**/returns/publish?period=2025-26-Q2");
        Assert.Equal("1 accepted return", (await national.Locator("[data-field=to-publish]").InnerTextAsync()).Trim());
        Assert.StartsWith("152 authorities of 153", (await national.Locator("[data-field=missing]").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        Assert.Empty(await Browser.AccessibilityViolationsAsync(national));
        await ScreenshotAsync(national, "workflow-publish-confirmation");
        await national.GetByRole(AriaRole.Button, new() { Name = "Publish 1 return" }).ClickAsync();
        Assert.Contains("1 accepted return published with the 2025-26 Q2 figures", await national.Locator("[data-field=published]").InnerTextAsync(), StringComparison.Ordinal);
        await ExpectMailAsync(preparerEmail, "Published: Blackpool's 2025-26 Q2 return");
        await ExpectMailAsync(approverEmail, "Published: Blackpool's 2025-26 Q2 return");

        // Every upload, explanation and move is in the timeline.
        await national.GotoAsync(Return);
        Assert.Equal("published", (await national.Locator("[data-field=status]").InnerTextAsync()).Trim());
        Assert.Equal(ReturnProgress.NextStep(ReturnStatus.Published, WorkflowRole.NationalTeam), (await national.Locator("[data-field=next]").InnerTextAsync()).Trim());
        // upload, explain, submit, send back, submit, certify, query, answer, accept, publish
        Assert.Equal(10, await national.Locator("[data-table=timeline] tbody tr").CountAsync());
        Assert.Empty(await Browser.AccessibilityViolationsAsync(national));
        await ScreenshotAsync(national, "workflow-published");
        await national.GotoAsync("/published?period=2025-26-Q2");
        Assert.Contains("1 of 153", await national.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await approver.GotoAsync("/account");
        Assert.Contains("When your preparer submits a return for you to certify", await approver.Locator("[data-field=notices]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(await Browser.AccessibilityViolationsAsync(approver));

        Assert.Empty(ConsoleErrors);
        File.Delete(file);
    }
}
