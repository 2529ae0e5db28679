using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;
using NationalReturns.Web.Tests.Returns;

namespace NationalReturns.Web.Tests.Workflow;

public class WorkflowTests(WebApp app) : WebAppTest(app)
{
    private const string Return = "/returns/E06000009/2025-26-Q2";

    private static async Task<HttpResponseMessage> ActAsync(HttpClient client, string move, Dictionary<string, string>? fields = null)
    {
        var form = new Dictionary<string, string>(fields ?? []) { ["__RequestVerificationToken"] = await WebApp.AntiforgeryTokenAsync(client, Return) };
        return await client.PostAsync($"{Return}/actions/{move}", new FormUrlEncodedContent(form));
    }

    private async Task<HttpClient> UploadCleanReturnAsync()
    {
        var preparer = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        var blackpool = await ReturnFiles.ProfileAsync(App, ReturnFiles.Blackpool);
        await ReturnFiles.UploadAndReadFeedbackAsync(preparer, ReturnFiles.Blackpool, ReturnFiles.Period, ReturnFiles.FilledTemplate(blackpool, ReturnFiles.Demo(blackpool)));
        return preparer;
    }

    private Task<ReturnStatus> StatusAsync() => App.WithDbAsync(db => db.AuthorityReturns.Select(r => r.Status).SingleAsync());

    [Fact]
    public async Task Return_FromUploadToPublished_ByPreparerApproverAndNationalTeam()
    {
        using var preparer = await UploadCleanReturnAsync();
        using var approver = await App.SignedInAsync(Roles.Approver, ReturnFiles.Blackpool);
        using var national = await App.SignedInAsync(Roles.NationalTeam);

        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(preparer, "submit")).StatusCode);
        Assert.Equal(ReturnStatus.Submitted, await StatusAsync());

        var unticked = await ActAsync(approver, "certify");
        Assert.Equal(["Tick the box to certify the return."], (await Pages.ParseAsync(unticked)).ErrorMessages());
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(approver, "certify", new() { ["certified"] = "true", ["text"] = "Checked against our case system." })).StatusCode);
        Assert.Equal(ReturnStatus.Certified, await StatusAsync());

        Assert.Equal(["Write what the national team questions about this return (at least 10 characters)."],
            (await Pages.ParseAsync(await ActAsync(national, "query", new() { ["text"] = "why?" }))).ErrorMessages());
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(national, "query", new() { ["text"] = "Starts fell by a third: please confirm." })).StatusCode);
        Assert.Equal(ReturnStatus.Queried, await StatusAsync());
        // The query is the comment of its move, in the timeline's last column.
        Assert.Contains("Starts fell by a third: please confirm.", (await Pages.GetAsync(preparer, Return)).Texts("[data-table=timeline] tbody td:last-child"));

        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(preparer, "answer", new() { ["text"] = "Confirmed: two sibling groups left care in July." })).StatusCode);
        Assert.Equal(ReturnStatus.Certified, await StatusAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(national, "accept")).StatusCode);
        Assert.Equal(ReturnStatus.Accepted, await StatusAsync());

        var publish = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await WebApp.AntiforgeryTokenAsync(national, "/returns?period=2025-26-Q2"),
            ["period"] = "2025-26-Q2",
        });
        var published = await national.PostAsync("/returns/publish", publish);
        Assert.Equal("/returns?period=2025-26-Q2&published=1", published.Headers.Location!.OriginalString);
        var state = await App.WithDbAsync(db => db.AuthorityReturns.SingleAsync());
        Assert.Equal(ReturnStatus.Published, state.Status);
        Assert.NotNull(state.PublishedVersionId);
        Assert.NotNull(state.PublishedAt);

        var timeline = await App.WithDbAsync(db => db.Set<ReturnTransition>().OrderBy(t => t.Id).Select(t => t.Action).ToListAsync());
        Assert.Equal([ReturnAction.Upload, ReturnAction.Submit, ReturnAction.Certify, ReturnAction.Query, ReturnAction.Answer, ReturnAction.Accept, ReturnAction.Publish], timeline);
    }

    [Fact]
    public async Task Reopen_PublishedReturnWithAReason_MakesADraftRevision()
    {
        using var preparer = await UploadCleanReturnAsync();
        await App.WithDbAsync(db => db.AuthorityReturns.ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReturnStatus.Published)));
        using var national = await App.SignedInAsync(Roles.NationalTeam);

        Assert.Equal(["Give the reason for reopening this published return (at least 10 characters)."], (await Pages.ParseAsync(await ActAsync(national, "reopen"))).ErrorMessages());
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(national, "reopen", new() { ["text"] = "Blackpool found 12 missing starts in July." })).StatusCode);

        var state = await App.WithDbAsync(db => db.AuthorityReturns.SingleAsync());
        Assert.Equal(ReturnStatus.Draft, state.Status);
        Assert.Equal(1, state.Revision);
        var status = (await Pages.GetAsync(preparer, Return)).QuerySelectorAll(".govuk-summary-list__row").Single(r => r.QuerySelector("dt")!.Text() == "Status").QuerySelector("dd")!;
        Assert.EndsWith(" (revision 1: published figures will be marked R)", status.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_VersionWithErrors_IsRefusedWithWhatIsLeftToDo()
    {
        using var preparer = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        await ReturnFiles.UploadAndReadFeedbackAsync(preparer, ReturnFiles.Blackpool, ReturnFiles.Period, await File.ReadAllBytesAsync(ReturnFiles.FixturePath("blackpool-2025-26-Q2.xlsx")));

        var response = await ActAsync(preparer, "submit");

        Assert.Matches(@"^The latest version has [\d,]+ errors\. Correct them and upload again before you submit\.$", Assert.Single((await Pages.ParseAsync(response)).ErrorMessages()));
        Assert.Equal(ReturnStatus.Draft, await StatusAsync());
    }

    [Fact]
    public async Task Upload_CertifiedReturn_IsRefusedAndStoresNothing()
    {
        using var preparer = await UploadCleanReturnAsync();
        await App.WithDbAsync(db => db.AuthorityReturns.ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReturnStatus.Certified)));
        var blackpool = await ReturnFiles.ProfileAsync(App, ReturnFiles.Blackpool);

        using var response = await ReturnFiles.UploadAsync(preparer, ReturnFiles.Blackpool, ReturnFiles.Period, ReturnFiles.FilledTemplate(blackpool, ReturnFiles.Demo(blackpool)));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(["This return is certified, so it cannot be uploaded to now. The national team can query or reopen it if the figures need to change."],
            (await Pages.ParseAsync(response)).ErrorMessages());
        Assert.Equal(1, await App.WithDbAsync(db => db.UploadedFiles.CountAsync()));
        Assert.Equal(1, await App.WithDbAsync(db => db.ReturnVersions.CountAsync()));
    }

    [Fact]
    public async Task Actions_TakenByTheWrongRole_AreForbidden()
    {
        using var preparer = await UploadCleanReturnAsync();
        using var approver = await App.SignedInAsync(Roles.Approver, ReturnFiles.Blackpool);
        using var otherPreparer = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Kent);
        using var official = await App.SignedInAsync(Roles.Official);

        Assert.Equal(HttpStatusCode.Forbidden, (await ActAsync(approver, "submit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ActAsync(preparer, "certify", new() { ["certified"] = "true" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ActAsync(preparer, "accept")).StatusCode);
        Assert.Equal(ReturnStatus.Draft, await StatusAsync());
        var token = await WebApp.AntiforgeryTokenAsync(otherPreparer, "/returns/E10000016/2025-26-Q2");
        var foreign = await otherPreparer.PostAsync($"{Return}/actions/submit", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        var officialToken = await WebApp.AntiforgeryTokenAsync(official, "/");
        Assert.Equal(HttpStatusCode.Forbidden, (await official.PostAsync($"{Return}/actions/accept", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = officialToken }))).StatusCode);
        Assert.Equal(ReturnStatus.Draft, await StatusAsync());
    }

    [Fact]
    public async Task Submit_TwoAtOnce_MakesExactlyOneMoveAndTellsTheOther()
    {
        using var first = await UploadCleanReturnAsync();
        using var second = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);

        var responses = await Task.WhenAll(ActAsync(first, "submit"), ActAsync(second, "submit"));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        var loser = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var told = Assert.Single((await Pages.ParseAsync(loser)).ErrorMessages());
        // The move locks the return's row, so the second request waits and then finds it submitted.
        Assert.Equal("This return is submitted, so it cannot be submitted now.", told);
        Assert.Equal(1, await App.WithDbAsync(db => db.Set<ReturnTransition>().CountAsync(t => t.Action == ReturnAction.Submit)));
        Assert.Equal(ReturnStatus.Submitted, await StatusAsync());
    }

    [Fact]
    public async Task Compare_TwoVersions_ShowsEachChangedValue()
    {
        using var preparer = await UploadCleanReturnAsync();
        var blackpool = await ReturnFiles.ProfileAsync(App, ReturnFiles.Blackpool);
        var second = ReturnFiles.Demo(blackpool);
        second.Set("Care", "care.cpp_end", Domain.Returns.CellValue.FromNumber(4321));
        await ReturnFiles.UploadAndReadFeedbackAsync(preparer, ReturnFiles.Blackpool, ReturnFiles.Period, ReturnFiles.FilledTemplate(blackpool, second));

        var page = await Pages.GetAsync(preparer, Return + "/compare?from=1&to=2");
        var same = await Pages.GetAsync(preparer, Return + "/compare?from=2&to=2");

        Assert.Equal("1 values differ.", page.QuerySelector("[data-field=change-count]")!.Text());
        // The changed value as version 2 holds it: the row's last column.
        Assert.Equal("4321", Assert.Single(page.QuerySelectorAll("[data-table=changes] tbody tr")).QuerySelector("td:last-child")!.Text());
        Assert.Equal("The two versions hold the same values.", same.QuerySelector("[data-field=no-changes]")!.Text());
    }

    [Fact]
    public async Task PublishedFigures_OfficialSeesOnlyPublishedReturnsAndRevisionsMarkedR()
    {
        using var blackpoolPreparer = await UploadCleanReturnAsync();
        using var kent = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Kent);
        var kentProfile = await ReturnFiles.ProfileAsync(App, ReturnFiles.Kent);
        await ReturnFiles.UploadAndReadFeedbackAsync(kent, ReturnFiles.Kent, ReturnFiles.Period, ReturnFiles.FilledTemplate(kentProfile, ReturnFiles.Demo(kentProfile)));
        // Blackpool published after a reopening; Kent still a draft.
        var figures = await App.WithDbAsync(db => db.ReturnVersions.Where(v => v.AuthorityReturn.AuthorityCode == ReturnFiles.Blackpool).Select(v => v.Figures).SingleAsync());
        await ReturnFiles.PublishAsync(App, ReturnFiles.Blackpool, revision: 1);

        using var official = await App.SignedInAsync(Roles.Official);
        using var national = await App.SignedInAsync(Roles.NationalTeam);

        var page = await Pages.GetAsync(official, "/published?period=2025-26-Q2");
        var full = await Pages.GetAsync(national, "/published?period=2025-26-Q2");

        Assert.Contains("1 of 153 authorities' returns are published", page.Body!.Text(), StringComparison.Ordinal);
        var blackpool = page.QuerySelector("[data-authority=E06000009]")!;
        Assert.Equal("Blackpool (R)", blackpool.QuerySelector("th")!.Text());

        // Officials see the counts the indicators publish (a four-quarter flow needs four quarters, so it is x here).
        var cells = blackpool.QuerySelectorAll("td").Select(c => c.Text()).ToList();
        Assert.Equal("x", cells[0]);
        Assert.Equal($"{figures["care.cla_end"]:N0} R", cells[1]);

        // The national team sees the published return's own figures.
        var fullCells = full.QuerySelector("[data-authority=E06000009]")!.QuerySelectorAll("td").Select(c => c.Text()).ToList();
        Assert.Equal($"{figures["care.starts"]:N0} R", fullCells[0]);
        Assert.Equal($"{figures["care.cla_end"]:N0} R", fullCells[1]);
        Assert.All(page.QuerySelector("[data-authority=E10000016]")!.QuerySelectorAll("td"), c => Assert.Equal("x", c.Text()));
        Assert.Equal(HttpStatusCode.Forbidden, (await blackpoolPreparer.GetAsync("/published")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await blackpoolPreparer.GetAsync("/published.csv")).StatusCode);

        // Without a quarter the page opens on the newest quarter with anything published, not the one being collected.
        var opening = await Pages.GetAsync(official, "/published");
        Assert.Equal("2025-26 Q2 published figures", opening.QuerySelector("h1")!.Text());

        // The CSV is the page's table: the same rows and figures (counts written plainly, the revision in its own column).
        var csv = (await official.GetStringAsync("/published.csv?period=2025-26-Q2")).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + page.QuerySelectorAll("[data-table=published] tbody tr").Length, csv.Length);
        var blackpoolCsv = csv.Single(l => l.StartsWith("E06000009,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(["E06000009", "Blackpool", "yes", "yes"], new[] { blackpoolCsv[0], blackpoolCsv[1], blackpoolCsv[3], blackpoolCsv[4] });
        Assert.Equal(cells.Select(Features.Published.ListPublishedFigures.Plain).ToList(), blackpoolCsv[5..].ToList());
        Assert.Equal($"{figures["care.cla_end"]}", blackpoolCsv[6]);
    }
}
