using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NationalReturns.Domain.Returns;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;
using NationalReturns.Web.Features.Notifications;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;
using NationalReturns.Web.Tests.Returns;

namespace NationalReturns.Web.Tests.Workflow;

/// <summary>
/// The workflow as its people meet it: approvers see what they certify and may send a return back, every move
/// ends on a page saying who was told and what comes next, the people a move concerns are emailed, publishing asks
/// first, and the timeline holds every upload.
/// </summary>
public class WorkflowPagesTests(WebApp app) : WebAppTest(app)
{
    private const string Return = "/returns/E06000009/2025-26-Q2";
    private const string Reason = "The keyworker figure looks like a typing slip: please check it against the HR return.";

    private static async Task<HttpResponseMessage> ActAsync(HttpClient client, string move, Dictionary<string, string>? fields = null)
    {
        var form = new Dictionary<string, string>(fields ?? []) { ["__RequestVerificationToken"] = await WebApp.AntiforgeryTokenAsync(client, Return) };
        return await client.PostAsync($"{Return}/actions/{move}", new FormUrlEncodedContent(form));
    }

    /// <summary>The return's address as emails give it: the service's own address in front.</summary>
    private string Link => App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SiteOptions>>().Value.Root + Return;

    private Task<ReturnStatus> StatusAsync() => App.WithDbAsync(db => db.AuthorityReturns.Select(r => r.Status).SingleAsync());

    private Task<List<OutboxMessage>> OutboxAsync() => App.WithDbAsync(db => db.OutboxMessages.OrderBy(m => m.Id).ToListAsync());

    private Task<string> EmailOfAsync(string role) => App.WithDbAsync(db =>
        (from user in db.Users
         join link in db.UserRoles on user.Id equals link.UserId
         join r in db.Roles on link.RoleId equals r.Id
         where r.Name == role
         select user.Email!).SingleAsync());

    /// <summary>A return whose only query is EH-003, explained, uploaded by its preparer.</summary>
    private async Task<HttpClient> UploadExplainedAsync()
    {
        var preparer = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        var blackpool = await ReturnFiles.ProfileAsync(App, ReturnFiles.Blackpool);
        var draft = ReturnFiles.Demo(blackpool);
        draft.Set(ReturnSpecifications.EarlyHelp, "eh.keyworkers_fte", CellValue.FromNumber(0.2));
        await ReturnFiles.UploadAndReadFeedbackAsync(preparer, ReturnFiles.Blackpool, ReturnFiles.Period, ReturnFiles.FilledTemplate(blackpool, draft));
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await WebApp.AntiforgeryTokenAsync(preparer, Return),
            ["ruleCode"] = "EH-003",
            ["text"] = "Keyworkers are commissioned from a charity; only 0.2 FTE is on our payroll.",
        };
        Assert.Equal(HttpStatusCode.Redirect, (await preparer.PostAsync($"{Return}/versions/1/explanations", new FormUrlEncodedContent(form))).StatusCode);
        return preparer;
    }

    [Fact]
    public async Task Submit_ExplainedReturn_EndsOnAConfirmationNamingTheApproverEmailedWithALink()
    {
        using var preparer = await UploadExplainedAsync();
        using var approver = await App.SignedInAsync(Roles.Approver, ReturnFiles.Blackpool);

        using var submitted = await ActAsync(preparer, "submit");

        Assert.Equal($"{Return}/done/submit", submitted.Headers.Location!.OriginalString);
        var done = await Pages.GetAsync(preparer, $"{Return}/done/submit");
        Assert.Equal("Return submitted", done.QuerySelector("[data-field=confirmation]")!.Text().Trim());
        Assert.Contains("We have emailed your approver, Test Approver.", done.QuerySelector("[data-field=told]")!.Text(), StringComparison.Ordinal);
        Assert.Equal(ReturnProgress.NextStep(ReturnStatus.Submitted, WorkflowRole.Preparer), done.QuerySelector("[data-field=next]")!.Text().Trim());
        var email = Assert.Single(await OutboxAsync());
        Assert.Equal(await EmailOfAsync(Roles.Approver), email.To);
        Assert.Equal("Ready to certify: Blackpool's 2025-26 Q2 return", email.Subject);
        Assert.Contains($"See the return: {Link}", email.Body, StringComparison.Ordinal);
        Assert.Contains("Test Preparer submitted version 1", email.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Done_SomeoneWhoDidNotMakeTheMove_IsSentToTheReturnPage()
    {
        using var preparer = await UploadExplainedAsync();
        using var approver = await App.SignedInAsync(Roles.Approver, ReturnFiles.Blackpool);
        await ActAsync(preparer, "submit");

        using var notTheirs = await approver.GetAsync($"{Return}/done/submit");
        using var notMade = await preparer.GetAsync($"{Return}/done/certify");

        Assert.Equal(Return, notTheirs.Headers.Location!.OriginalString);
        Assert.Equal(Return, notMade.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ReturnPage_ApproverOfASubmittedReturn_LeadsWithTheFiguresTheExplanationsAndTheDeclarationNotTheTemplate()
    {
        using var preparer = await UploadExplainedAsync();
        using var approver = await App.SignedInAsync(Roles.Approver, ReturnFiles.Blackpool);
        await ActAsync(preparer, "submit");

        var page = await Pages.GetAsync(approver, Return);

        var links = page.QuerySelectorAll("[data-field=certifying-links] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([$"{Return}/versions/1/figures", $"{Return}/versions/1/original", $"{Return}/versions/1"], links);
        var explanation = page.QuerySelector("[data-field=explanations]")!.Text();
        Assert.Contains("EH-003", explanation, StringComparison.Ordinal);
        Assert.Contains("only 0.2 FTE is on our payroll", explanation, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#action-certify #certified"));
        Assert.NotNull(page.QuerySelector("#action-send-back textarea"));
        Assert.Null(page.QuerySelector($"a[href='{Return}/template']"));
        Assert.DoesNotContain("template", page.QuerySelector("main")!.Text(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ReturnProgress.NextStep(ReturnStatus.Submitted, WorkflowRole.Approver), page.QuerySelector("[data-field=next]")!.Text().Trim());
        // Plain words: a count and its noun agree.
        Assert.Contains("1 query (1 rule explained)", page.QuerySelector("[data-table=versions]")!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendBack_ByTheApproverWithAReason_MakesADraftShowsTheReasonAtTheTopAndEmailsThePreparer()
    {
        using var preparer = await UploadExplainedAsync();
        using var approver = await App.SignedInAsync(Roles.Approver, ReturnFiles.Blackpool);
        await ActAsync(preparer, "submit");

        var refused = await Pages.ParseAsync(await ActAsync(approver, "send-back", new() { ["text"] = "no" }));
        Assert.Equal(["Write why you are sending the return back, so the preparer knows what to change (at least 10 characters)."], refused.ErrorMessages());
        Assert.Equal(ReturnStatus.Submitted, await StatusAsync());

        using var sent = await ActAsync(approver, "send-back", new() { ["text"] = Reason });

        Assert.Equal($"{Return}/done/send-back", sent.Headers.Location!.OriginalString);
        Assert.Equal(ReturnStatus.Draft, await StatusAsync());
        var done = await Pages.GetAsync(approver, $"{Return}/done/send-back");
        Assert.Contains("We have emailed your preparer, Test Preparer.", done.QuerySelector("[data-field=told]")!.Text(), StringComparison.Ordinal);
        var page = await Pages.GetAsync(preparer, Return);
        Assert.Equal(Reason, page.QuerySelector("[data-field=sent-back-text]")!.Text().Trim());
        Assert.StartsWith("Your approver sent the return back", page.QuerySelector("[data-field=next]")!.Text().Trim(), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#action-submit button"));
        var email = (await OutboxAsync()).Single(m => m.Subject.StartsWith("Sent back", StringComparison.Ordinal));
        Assert.Equal(await EmailOfAsync(Roles.Preparer), email.To);
        Assert.Contains(Reason, email.Body, StringComparison.Ordinal);
        Assert.Contains($"See the return: {Link}", email.Body, StringComparison.Ordinal);
        Assert.Equal("send-back", await App.WithDbAsync(db => db.AuditEvents.Where(e => e.Detail!.Contains(Reason)).Select(e => e.Action).SingleAsync()));
    }

    [Fact]
    public async Task Query_ByTheNationalTeam_IsAtTheTopWithTheAnswerFormTheQueryStepToDoAndThePreparerEmailed()
    {
        using var preparer = await UploadExplainedAsync();
        using var approver = await App.SignedInAsync(Roles.Approver, ReturnFiles.Blackpool);
        using var national = await App.SignedInAsync(Roles.NationalTeam);
        await ActAsync(preparer, "submit");
        await ActAsync(approver, "certify", new() { ["certified"] = "true" });
        const string Query = "Starts fell by a third on last quarter: please confirm.";

        await ActAsync(national, "query", new() { ["text"] = Query });

        var page = await Pages.GetAsync(preparer, Return);
        var banner = page.QuerySelector("[data-field=open-query]")!;
        Assert.Equal(Query, banner.QuerySelector("[data-field=query-text]")!.Text().Trim());
        Assert.NotNull(banner.QuerySelector("form#action-answer textarea#answer-text"));
        // The banner comes before everything else the page says about the return.
        Assert.True(page.QuerySelector("main")!.InnerHtml.IndexOf("data-field=\"open-query\"", StringComparison.Ordinal)
            < page.QuerySelector("main")!.InnerHtml.IndexOf("data-field=\"tasks\"", StringComparison.Ordinal));
        var steps = page.QuerySelectorAll("[data-field=tasks] li").Select(li => (li.QuerySelector("span")!.Text(), li.QuerySelector(".govuk-task-list__status")!.Text().Trim())).ToList();
        Assert.Contains(("Answer the national team's query", "To do"), steps);
        Assert.Equal("Completed", steps.Single(s => s.Item1 == "Certify").Item2);
        Assert.Equal("Not yet", steps.Single(s => s.Item1 == "National team review").Item2);
        var email = (await OutboxAsync()).Single(m => m.Subject.StartsWith("Queried", StringComparison.Ordinal));
        Assert.Equal(await EmailOfAsync(Roles.Preparer), email.To);
        Assert.Contains(Query, email.Body, StringComparison.Ordinal);

        // Certifying told nobody by email: the national team hears of it in its digest.
        Assert.Equal(["Ready to certify", "Queried"], (await OutboxAsync()).Select(m => m.Subject.Split(':')[0]));
    }

    [Fact]
    public async Task AcceptAndPublish_EmailThePreparerAndTheApproverEach()
    {
        using var preparer = await UploadExplainedAsync();
        using var approver = await App.SignedInAsync(Roles.Approver, ReturnFiles.Blackpool);
        using var national = await App.SignedInAsync(Roles.NationalTeam);
        await ActAsync(preparer, "submit");
        await ActAsync(approver, "certify", new() { ["certified"] = "true" });

        await ActAsync(national, "accept");
        var done = await Pages.GetAsync(national, $"{Return}/done/accept");
        await national.PostAsync("/returns/publish", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await WebApp.AntiforgeryTokenAsync(national, "/returns/publish?period=2025-26-Q2"),
            ["period"] = "2025-26-Q2",
            ["expected"] = "1",
        }));

        Assert.Contains("We have emailed the authority's approver, Test Approver.", done.QuerySelector("[data-field=told]")!.Text(), StringComparison.Ordinal);
        var staff = new[] { await EmailOfAsync(Roles.Approver), await EmailOfAsync(Roles.Preparer) }.Order().ToList();
        var outbox = await OutboxAsync();
        Assert.Equal(staff, outbox.Where(m => m.Subject.StartsWith("Accepted:", StringComparison.Ordinal)).Select(m => m.To).Order().ToList());
        Assert.Equal(staff, outbox.Where(m => m.Subject.StartsWith("Published:", StringComparison.Ordinal)).Select(m => m.To).Order().ToList());
        Assert.Equal(ReturnStatus.Published, await StatusAsync());
    }

    [Fact]
    public async Task PublishPage_SaysWhichQuarterHowManyWillBePublishedAndHowManyAreMissing()
    {
        await App.WithDbAsync(async db =>
        {
            db.AuthorityReturns.AddRange(
                new AuthorityReturn { AuthorityCode = "E06000009", Period = "2025-26-Q2", Status = ReturnStatus.Accepted },
                new AuthorityReturn { AuthorityCode = "E10000016", Period = "2025-26-Q2", Status = ReturnStatus.Accepted },
                new AuthorityReturn { AuthorityCode = "E06000001", Period = "2025-26-Q2", Status = ReturnStatus.Published },
                new AuthorityReturn { AuthorityCode = "E06000002", Period = "2025-26-Q2", Status = ReturnStatus.Certified });
            return await db.SaveChangesAsync();
        });
        using var national = await App.SignedInAsync(Roles.NationalTeam);

        var page = await Pages.GetAsync(national, "/returns/publish?period=2025-26-Q2");

        Assert.Equal("Publish the 2025-26 Q2 returns", page.QuerySelector("h1")!.Text().Trim());
        Assert.Equal("2 accepted returns", page.QuerySelector("[data-field=to-publish]")!.Text().Trim());
        Assert.Equal("1", page.QuerySelector("[data-field=already]")!.Text().Trim());
        var missing = page.QuerySelector("[data-field=missing]")!.Text();
        Assert.Contains("150 authorities of 153", missing, StringComparison.Ordinal);
        Assert.Contains("1 certified", missing, StringComparison.Ordinal);
        Assert.Contains("149 not started", missing, StringComparison.Ordinal);
        Assert.Equal(["Blackpool", "Kent"], page.Texts("[data-field=names] li"));
        Assert.Equal("2", page.QuerySelector("#publish input[name=expected]")!.GetAttribute("value"));
        // Nothing was published by opening the page.
        Assert.Equal(2, await App.WithDbAsync(db => db.AuthorityReturns.CountAsync(r => r.Status == ReturnStatus.Accepted)));
        // The tracker's button leads here rather than publishing.
        var tracker = await Pages.GetAsync(national, "/returns?period=2025-26-Q2");
        Assert.Equal("/returns/publish?period=2025-26-Q2", tracker.QuerySelector("#action-publish")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Publish_AcceptedReturnsChangedSinceThePageOpened_ShowsThePageAgainAndPublishesNothing()
    {
        await App.WithDbAsync(async db =>
        {
            db.AuthorityReturns.Add(new AuthorityReturn { AuthorityCode = "E06000009", Period = "2025-26-Q2", Status = ReturnStatus.Accepted });
            return await db.SaveChangesAsync();
        });
        using var national = await App.SignedInAsync(Roles.NationalTeam);

        using var response = await national.PostAsync("/returns/publish", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await WebApp.AntiforgeryTokenAsync(national, "/returns/publish?period=2025-26-Q2"),
            ["period"] = "2025-26-Q2",
            ["expected"] = "3",
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("1 will be published now, not 3", (await Pages.ParseAsync(response)).ErrorMessages().Single(), StringComparison.Ordinal);
        Assert.Equal(ReturnStatus.Accepted, await StatusAsync());
    }

    [Fact]
    public async Task Timeline_ShowsEveryUploadReadOrNotEachExplanationAndEachMove()
    {
        using var preparer = await UploadExplainedAsync();
        var blackpool = await ReturnFiles.ProfileAsync(App, ReturnFiles.Blackpool);
        // A second upload that leaves the status a draft, and a file that is not a workbook at all.
        await ReturnFiles.UploadAndReadFeedbackAsync(preparer, ReturnFiles.Blackpool, ReturnFiles.Period, ReturnFiles.FilledTemplate(blackpool, ReturnFiles.Demo(blackpool)), "second.xlsx");
        using var refused = await ReturnFiles.UploadAsync(preparer, ReturnFiles.Blackpool, ReturnFiles.Period, Encoding.ASCII.GetBytes("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n"), "scan.xlsx");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);

        var rows = (await Pages.GetAsync(preparer, Return)).QuerySelectorAll("[data-table=timeline] tbody tr").Select(r => r.Text()).ToList();

        Assert.Equal(4, rows.Count);
        Assert.Contains("Upload of scan.xlsx could not be read", rows[0], StringComparison.Ordinal);
        Assert.Contains("Version 2 uploaded (second.xlsx): 0 errors, 0 queries", rows[1], StringComparison.Ordinal);
        Assert.Contains("Query explained on version 1", rows[2], StringComparison.Ordinal);
        Assert.Contains("Version 1 uploaded (return.xlsx)", rows[3], StringComparison.Ordinal);
        Assert.Contains("The return went from not started to a draft", rows[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Account_ApproverAndNationalTeam_SeeTheEmailsTheirRoleBrings()
    {
        using var approver = await App.SignedInAsync(Roles.Approver, ReturnFiles.Blackpool);
        using var national = await App.SignedInAsync(Roles.NationalTeam);

        var approvers = (await Pages.GetAsync(approver, "/account")).Texts("[data-field=notices] li");
        var team = (await Pages.GetAsync(national, "/account")).Texts("[data-field=notices] li");

        Assert.Contains("When your preparer submits a return for you to certify", approvers);
        Assert.Contains("When a return is published", approvers);
        Assert.DoesNotContain("When the national team queries a return, with their query", approvers);
        Assert.Contains("In the daily digest: the returns certified and waiting for your review", team);
        Assert.DoesNotContain("When your preparer submits a return for you to certify", team);
    }

    [Fact]
    public async Task Digest_CertifiedReturn_IsListedFirstWithItsLink()
    {
        using var preparer = await UploadExplainedAsync();
        using var approver = await App.SignedInAsync(Roles.Approver, ReturnFiles.Blackpool);
        using var national = await App.SignedInAsync(Roles.NationalTeam);
        await ActAsync(preparer, "submit");
        await ActAsync(approver, "certify", new() { ["certified"] = "true" });

        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SendDigest.Handler>().HandleAsync(CancellationToken.None);
        }

        var digest = (await OutboxAsync()).Single(m => m.Subject.StartsWith("Supporting Families returns:", StringComparison.Ordinal));
        Assert.Equal(await EmailOfAsync(Roles.NationalTeam), digest.To);
        Assert.StartsWith("Certified and waiting for your review: 1\n  Blackpool, 2025-26 Q2", digest.Body, StringComparison.Ordinal);
        Assert.Contains($": {Link}\n", digest.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_PreparerFromTheHomePage_LandsOnTheirReturns()
    {
        await App.CreateAccountAsync("sam@blackpool.test", Roles.Preparer, ReturnFiles.Blackpool);
        using var client = App.CreateHttpClient();

        using var response = await WebApp.SignInAsync(client, "sam@blackpool.test", WebApp.TestPassword);

        Assert.Equal("/your-returns", response.Headers.Location!.OriginalString);
    }
}
