using System.Net;
using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Returns;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;
using NationalReturns.Web.Tests.Returns;
using Npgsql;

namespace NationalReturns.Web.Tests.Workflow;

/// <summary>
/// One place decides each move, inside the transaction that makes it: a submission cannot slip past an upload
/// in flight, a certification checks the version again, explanations are locked once submitted, and people are
/// only offered what they may do.
/// </summary>
public class WorkflowIntegrityTests(WebApp app) : WebAppTest(app)
{
    private const string Return = "/returns/E06000009/2025-26-Q2";
    private const string KeyworkerReason = "Keyworkers are commissioned from a charity; only 0.2 FTE is on our payroll.";

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, Dictionary<string, string> fields)
    {
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = await WebApp.AntiforgeryTokenAsync(client, Return) };
        return await client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    private static Task<HttpResponseMessage> ActAsync(HttpClient client, string move, Dictionary<string, string>? fields = null) =>
        PostAsync(client, $"{Return}/actions/{move}", fields ?? []);

    private static Task<HttpResponseMessage> ExplainAsync(HttpClient client, int version, string text) =>
        PostAsync(client, $"{Return}/versions/{version}/explanations", new() { ["ruleCode"] = "EH-003", ["text"] = text });

    private Task<ReturnStatus> StatusAsync() => App.WithDbAsync(db => db.AuthorityReturns.Select(r => r.Status).SingleAsync());

    /// <summary>A return whose only query is EH-003 (0.2 FTE keyworkers for the families open), uploaded by its preparer.</summary>
    private async Task<HttpClient> UploadWithOneQueryAsync()
    {
        var preparer = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        var blackpool = await ReturnFiles.ProfileAsync(App, ReturnFiles.Blackpool);
        var draft = ReturnFiles.Demo(blackpool);
        draft.Set(ReturnSpecifications.EarlyHelp, "eh.keyworkers_fte", CellValue.FromNumber(0.2));
        await ReturnFiles.UploadAndReadFeedbackAsync(preparer, ReturnFiles.Blackpool, ReturnFiles.Period, ReturnFiles.FilledTemplate(blackpool, draft));
        return preparer;
    }

    [Fact]
    public async Task Submit_WhileAnUploadWithErrorsIsBeingStored_WaitsForItAndIsRefused()
    {
        using var preparer = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        var blackpool = await ReturnFiles.ProfileAsync(App, ReturnFiles.Blackpool);
        await ReturnFiles.UploadAndReadFeedbackAsync(preparer, ReturnFiles.Blackpool, ReturnFiles.Period, ReturnFiles.FilledTemplate(blackpool, ReturnFiles.Demo(blackpool)));
        var token = await WebApp.AntiforgeryTokenAsync(preparer, Return);

        // An upload part-way through storing version 2, with 150,000 errors: it holds the return's row, as UploadReturn does.
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        await using var upload = await connection.BeginTransactionAsync();
        await Sql(connection, "SELECT id FROM authority_returns FOR UPDATE");
        await Sql(connection, """
            INSERT INTO return_versions (authority_return_id, number, uploaded_file_id, outcome, template_version, figures, error_count, query_count, family_rows, created_by, created_at, read_milliseconds)
            SELECT authority_return_id, 2, uploaded_file_id, 'Read', template_version, figures, 150000, 0, 0, 'racing upload', now(), 1 FROM return_versions WHERE number = 1
            """);

        var submit = preparer.PostAsync($"{Return}/actions/submit", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        await Task.Delay(500);
        await upload.CommitAsync();
        using var submitted = await submit;

        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Contains("150,000 errors", (await Pages.ParseAsync(submitted)).QuerySelector(".govuk-error-summary")!.Text(), StringComparison.Ordinal);
        Assert.Equal(ReturnStatus.Draft, await StatusAsync());
    }

    [Fact]
    public async Task Certify_LatestVersionNotReady_IsRefusedWhateverTheStatusSays()
    {
        using var preparer = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        using var approver = await App.SignedInAsync(Roles.Approver, ReturnFiles.Blackpool);
        var blackpool = await ReturnFiles.ProfileAsync(App, ReturnFiles.Blackpool);
        await ReturnFiles.UploadAndReadFeedbackAsync(preparer, ReturnFiles.Blackpool, ReturnFiles.Period, ReturnFiles.FilledTemplate(blackpool, ReturnFiles.Demo(blackpool)));
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(preparer, "submit")).StatusCode);
        await App.WithDbAsync(db => db.ReturnVersions.ExecuteUpdateAsync(s => s.SetProperty(v => v.ErrorCount, 3)));

        using var certify = await ActAsync(approver, "certify", new() { ["certified"] = "true" });

        Assert.Contains("3 errors, so it cannot be certified", (await Pages.ParseAsync(certify)).QuerySelector(".govuk-error-summary")!.Text(), StringComparison.Ordinal);
        Assert.Equal(ReturnStatus.Submitted, await StatusAsync());
    }

    [Fact]
    public async Task Explain_OnceSubmitted_IsLockedUntilReopenedAndEveryExplanationIsInTheTimelineAndAudit()
    {
        using var preparer = await UploadWithOneQueryAsync();
        using var national = await App.SignedInAsync(Roles.NationalTeam);
        Assert.Equal(HttpStatusCode.Redirect, (await ExplainAsync(preparer, 1, KeyworkerReason)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(preparer, "submit")).StatusCode);

        using var locked = await ExplainAsync(preparer, 1, "Rewritten after submission to say something else entirely.");
        var lockedPage = await Pages.GetAsync(preparer, $"{Return}/versions/1");

        Assert.Contains("explanations are locked", (await Pages.ParseAsync(locked)).QuerySelector(".govuk-error-summary")!.Text(), StringComparison.Ordinal);
        Assert.Equal(KeyworkerReason, await App.WithDbAsync(db => db.QueryExplanations.Select(e => e.Text).SingleAsync()));
        Assert.Null(lockedPage.QuerySelector("form[action$='/explanations']"));

        // Published, then reopened by the national team: a draft again, so the preparer can explain again.
        await App.WithDbAsync(db => db.AuthorityReturns.ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReturnStatus.Published)));
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(national, "reopen", new() { ["text"] = "The keyworker figure needs restating." })).StatusCode);
        const string Restated = "Restated: 12.2 FTE keyworkers, of whom 12 are commissioned from a charity.";
        Assert.Equal(HttpStatusCode.Redirect, (await ExplainAsync(preparer, 1, Restated)).StatusCode);

        var timeline = (await Pages.GetAsync(preparer, Return)).QuerySelector("[data-table=timeline]")!.Text();
        Assert.Contains($"EH-003: {KeyworkerReason}", timeline, StringComparison.Ordinal);
        Assert.Contains($"EH-003: {Restated}", timeline, StringComparison.Ordinal);
        var audit = await App.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == "explain").OrderBy(e => e.Id).Select(e => e.Detail).ToListAsync());
        Assert.Equal([$"version 1, EH-003: {KeyworkerReason}", $"version 1, EH-003: {Restated}"], audit);
    }

    [Fact]
    public async Task VersionPage_NationalTeam_IsNotOfferedThePreparersForms()
    {
        using var preparer = await UploadWithOneQueryAsync();
        using var national = await App.SignedInAsync(Roles.NationalTeam);

        var forPreparer = await Pages.GetAsync(preparer, $"{Return}/versions/1");
        var forNational = await Pages.GetAsync(national, $"{Return}/versions/1");
        var returnForNational = await Pages.GetAsync(national, Return);

        Assert.NotNull(forPreparer.QuerySelector("form[action$='/explanations']"));
        Assert.NotNull(forPreparer.QuerySelector("[data-testid=upload-corrected]"));
        Assert.Null(forNational.QuerySelector("form[action$='/explanations']"));
        Assert.Null(forNational.QuerySelector("[data-testid=upload-corrected]"));
        Assert.Empty(returnForNational.QuerySelectorAll("main form[action*='/actions/']"));
        Assert.Null(returnForNational.QuerySelector($"a[href='{Return}/upload']"));
    }

    [Fact]
    public async Task Move_CommentLongerThanTheTimelineKeeps_IsRefusedNotAServerError()
    {
        using var preparer = await UploadWithOneQueryAsync();
        using var approver = await App.SignedInAsync(Roles.Approver, ReturnFiles.Blackpool);
        await ExplainAsync(preparer, 1, KeyworkerReason);
        await ActAsync(preparer, "submit");

        using var certify = await ActAsync(approver, "certify", new() { ["certified"] = "true", ["text"] = new string('x', 5000) });

        Assert.Equal(HttpStatusCode.OK, certify.StatusCode);
        Assert.Contains("shorten it to 4,000 or fewer", (await Pages.ParseAsync(certify)).QuerySelector(".govuk-error-summary")!.Text(), StringComparison.Ordinal);
        Assert.Equal(ReturnStatus.Submitted, await StatusAsync());
    }

    private static async Task Sql(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
