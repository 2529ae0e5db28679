using System.Net;
using System.Text;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Returns;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;

namespace NationalReturns.Web.Tests.Returns;

public class UploadTests(WebApp app) : WebAppTest(app)
{
    [Fact]
    public async Task Upload_CorrectlyFilledUnitaryTemplate_HasNoIssuesAndStoresTheFileFirst()
    {
        using var client = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        var blackpool = await ReturnFiles.ProfileAsync(App, ReturnFiles.Blackpool);
        var content = ReturnFiles.FilledTemplate(blackpool, ReturnFiles.Demo(blackpool));

        var (url, html) = await ReturnFiles.UploadAndReadFeedbackAsync(client, ReturnFiles.Blackpool, ReturnFiles.Period, content, "blackpool.xlsx");

        Assert.Equal("/returns/E06000009/2025-26-Q2/versions/1", url);
        Assert.Equal("No errors or queries", (await Pages.ParseAsync(html)).QuerySelector(".govuk-panel--confirmation .govuk-panel__title")!.Text());
        var version = await App.WithDbAsync(db => db.ReturnVersions.Include(v => v.UploadedFile).SingleAsync());
        Assert.Equal(ReadOutcome.Read, version.Outcome);
        Assert.Equal(0, version.ErrorCount + version.QueryCount);
        Assert.Equal(60, version.FamilyRows);
        Assert.Equal(content, version.UploadedFile.Content);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)), version.UploadedFile.Sha256);
        Assert.Equal("blackpool.xlsx", version.UploadedFile.FileName);
        Assert.Equal(60, version.Figures[ReturnFigures.FamiliesWorkedWith]);
        Assert.Equal(ReturnStatus.Draft, await App.WithDbAsync(db => db.AuthorityReturns.Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task Upload_CorrectlyFilledCountyTemplate_HasNoIssuesAndSumsTheDistricts()
    {
        using var client = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Kent);
        var kent = await ReturnFiles.ProfileAsync(App, ReturnFiles.Kent);
        var draft = ReturnFiles.Demo(kent);

        var (_, html) = await ReturnFiles.UploadAndReadFeedbackAsync(client, ReturnFiles.Kent, ReturnFiles.Period, ReturnFiles.FilledTemplate(kent, draft));

        Assert.Equal("No errors or queries", (await Pages.ParseAsync(html)).QuerySelector(".govuk-panel--confirmation .govuk-panel__title")!.Text());
        var figures = await App.WithDbAsync(db => db.ReturnVersions.Select(v => v.Figures).SingleAsync());
        Assert.Equal(draft.Rows("Homelessness").Sum(r => (long)r[2].Number), figures["hl.prevention"]);
    }

    [Fact]
    public async Task Upload_TemplateSavedByLibreOffice_ValidatesExactlyLikeTheOriginal()
    {
        using var client = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        var original = await File.ReadAllBytesAsync(ReturnFiles.FixturePath("blackpool-2025-26-Q2.xlsx"));
        var converted = await File.ReadAllBytesAsync(ReturnFiles.FixturePath("blackpool-2025-26-Q2-libreoffice.xlsx"));
        Assert.NotEqual(original, converted);

        await ReturnFiles.UploadAndReadFeedbackAsync(client, ReturnFiles.Blackpool, ReturnFiles.Period, original);
        await ReturnFiles.UploadAndReadFeedbackAsync(client, ReturnFiles.Blackpool, ReturnFiles.Period, converted);

        var versions = await App.WithDbAsync(db => db.ReturnVersions.OrderBy(v => v.Number).Include(v => v.Issues).ToListAsync());
        Assert.Equal(2, versions.Count);
        Assert.All(versions, v => Assert.Equal(ReadOutcome.Read, v.Outcome));
        // The fixture carries a few deliberate problems, so "the same" is more than "both empty".
        Assert.True(versions[0].Issues.Count >= 3);
        Assert.Equal(Describe(versions[0]), Describe(versions[1]));
        Assert.Equal(versions[0].Figures, versions[1].Figures);
    }

    [Fact]
    public async Task Upload_ReturnWithProblems_PageCsvAndMarkedWorkbookShowTheSameIssues()
    {
        using var client = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        var blackpool = await ReturnFiles.ProfileAsync(App, ReturnFiles.Blackpool);
        var draft = ReturnFiles.Demo(blackpool);
        draft.SetCell("Families", 0, "fam.lead_service", CellValue.FromText("Social work"));
        draft.SetCell("Families", 1, "fam.children", CellValue.FromText("=cmd|' /C calc'!A0"));
        draft.SetCell("Families", 2, "fam.start", CellValue.FromText("2025/13/45"));
        draft.Set("Care", "care.ceased", CellValue.FromNumber(-2));
        draft.Set("Early help", "eh.keyworkers_fte", CellValue.FromNumber(0.2));

        var (url, html) = await ReturnFiles.UploadAndReadFeedbackAsync(client, ReturnFiles.Blackpool, ReturnFiles.Period, ReturnFiles.FilledTemplate(blackpool, draft));

        var stored = await App.WithDbAsync(db => db.ReturnIssues.OrderBy(i => i.Sequence).ToListAsync());
        Assert.Contains(stored, i => i.Code == "VAL-007" && i.Cell == "D5");
        Assert.Contains(stored, i => i.Code == "VAL-002" && i.Cell == "E6" && i.Value == "=cmd|' /C calc'!A0");
        Assert.Contains(stored, i => i.Code == "VAL-005" && i.Cell == "B7");
        Assert.Contains(stored, i => i.Code == "VAL-003" && i.Cell == "B11");
        Assert.Contains(stored, i => i.Code == "EH-003" && i.Severity == Severity.Query);

        // The page lists every one.
        var page = await Pages.ParseAsync(html);
        Assert.Equal(stored.Count, page.QuerySelectorAll("[data-issue]").Length);
        Assert.EndsWith("errors to correct before you can submit", page.ErrorSummaryTitle(), StringComparison.Ordinal);

        // The CSV lists the same, in the same order, with the formula-like value defused.
        var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync(url + "/issues.csv")).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(stored.Count + 1, lines.Length);
        Assert.Equal(stored.Select(i => i.Code), lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Contains("'=cmd|' /C calc'!A0", csv, StringComparison.Ordinal);

        // The marked workbook colours and comments each cell, and lists every issue with a link.
        using var marked = new XLWorkbook(new MemoryStream(await client.GetByteArrayAsync(url + "/marked.xlsx")));
        var families = marked.Worksheet("Families");
        Assert.Equal(XLColor.FromHtml("#f6b6b1"), families.Cell("D5").Style.Fill.BackgroundColor);
        Assert.Contains("VAL-007", families.Cell("D5").Comment.Text, StringComparison.Ordinal);
        Assert.False(families.Cell("E6").HasFormula);
        Assert.Equal(XLColor.FromHtml("#ffdd99"), marked.Worksheet("Early help").Cell("B7").Style.Fill.BackgroundColor);
        var list = marked.Worksheet("Issues");
        Assert.Equal(stored.Count, list.RowsUsed().Count() - 1);
        Assert.Equal(stored.Select(i => i.Code), Enumerable.Range(2, stored.Count).Select(r => list.Cell(r, 1).GetString()));
        Assert.All(Enumerable.Range(2, stored.Count), r => Assert.False(list.Cell(r, 5).HasFormula));
        Assert.True(list.Cell(2, 3).HasHyperlink);
    }

    [Fact]
    public async Task Explain_PlaceholderThenRealExplanation_RefusesThenSavesAndCarriesForward()
    {
        using var client = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        var blackpool = await ReturnFiles.ProfileAsync(App, ReturnFiles.Blackpool);
        var draft = ReturnFiles.Demo(blackpool);
        draft.Set("Early help", "eh.keyworkers_fte", CellValue.FromNumber(0.2));
        var content = ReturnFiles.FilledTemplate(blackpool, draft);
        var (url, _) = await ReturnFiles.UploadAndReadFeedbackAsync(client, ReturnFiles.Blackpool, ReturnFiles.Period, content);

        var refused = await ExplainAsync(client, url, "EH-003", "ok");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        // The advice is in the field's hint anyway; the refusal must give it too.
        Assert.Equal([$"\"ok\" does not explain the figure. {Explanations.Advice}"], (await Pages.ParseAsync(refused)).ErrorMessages());
        Assert.Equal(0, await App.WithDbAsync(db => db.QueryExplanations.CountAsync()));

        const string Reason = "Keyworkers are commissioned from a charity; only 0.2 FTE is on our payroll.";
        var saved = await ExplainAsync(client, url, "EH-003", Reason);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var (secondUrl, secondHtml) = await ReturnFiles.UploadAndReadFeedbackAsync(client, ReturnFiles.Blackpool, ReturnFiles.Period, content);
        Assert.EndsWith("/versions/2", secondUrl, StringComparison.Ordinal);
        Assert.StartsWith($"Explained (carried forward from an earlier version): {Reason}", (await Pages.ParseAsync(secondHtml)).QuerySelector("[data-explained=EH-003]")!.Text(), StringComparison.Ordinal);
        var explanations = await App.WithDbAsync(db => db.QueryExplanations.OrderBy(e => e.ReturnVersionId).ToListAsync());
        Assert.Equal(2, explanations.Count);
        Assert.All(explanations, e => Assert.Equal(Reason, e.Text));
        Assert.NotNull(explanations[1].CarriedFromVersionId);
    }

    [Fact]
    public async Task Upload_DatabaseFailsPartWayThroughStoringIssues_LeavesTheFileButNoHalfStoredVersion()
    {
        using var client = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        var blackpool = await ReturnFiles.ProfileAsync(App, ReturnFiles.Blackpool);
        var draft = ReturnFiles.Demo(blackpool);
        draft.SetCell("Families", 0, "fam.lead_service", CellValue.FromText("Social work"));
        // The database refuses that one issue row, as a crash or lost connection would part-way through.
        await using (var connection = new Npgsql.NpgsqlConnection(App.ConnectionString))
        {
            await connection.OpenAsync();
            await using var constraint = new Npgsql.NpgsqlCommand("ALTER TABLE return_issues ADD CONSTRAINT crash_here CHECK (code <> 'VAL-007')", connection);
            await constraint.ExecuteNonQueryAsync();
        }

        try
        {
            using var response = await ReturnFiles.UploadAsync(client, ReturnFiles.Blackpool, ReturnFiles.Period, ReturnFiles.FilledTemplate(blackpool, draft));
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        }
        finally
        {
            await using var connection = new Npgsql.NpgsqlConnection(App.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand("ALTER TABLE return_issues DROP CONSTRAINT crash_here", connection);
            await drop.ExecuteNonQueryAsync();
        }

        Assert.Equal(1, await App.WithDbAsync(db => db.UploadedFiles.CountAsync()));
        Assert.Equal(0, await App.WithDbAsync(db => db.ReturnVersions.CountAsync()));
        Assert.Equal(0, await App.WithDbAsync(db => db.ReturnIssues.CountAsync()));
        Assert.Equal(0, await App.WithDbAsync(db => db.AuthorityReturns.CountAsync()));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task Downloads_AreAttachmentsWithSafeFileNames()
    {
        using var client = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        var blackpool = await ReturnFiles.ProfileAsync(App, ReturnFiles.Blackpool);
        var (url, _) = await ReturnFiles.UploadAndReadFeedbackAsync(client, ReturnFiles.Blackpool, ReturnFiles.Period,
            await File.ReadAllBytesAsync(ReturnFiles.FixturePath("blackpool-2025-26-Q2.xlsx")), "..\\..\\evil name.xlsx");

        using var template = await client.GetAsync("/returns/E06000009/2025-26-Q2/template");
        using var marked = await client.GetAsync(url + "/marked.xlsx");
        using var csv = await client.GetAsync(url + "/issues.csv");

        Assert.Equal("attachment", template.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("supporting-families-return-890-2025-26-Q2.xlsx", template.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal("attachment", marked.Content.Headers.ContentDisposition!.DispositionType);
        Assert.DoesNotContain("..", marked.Content.Headers.ContentDisposition.FileNameStar, StringComparison.Ordinal);
        Assert.DoesNotContain("\\", marked.Content.Headers.ContentDisposition.FileNameStar, StringComparison.Ordinal);
        Assert.Equal("attachment", csv.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", template.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Explain_VersionThatDoesNotExist_IsNotFound()
    {
        using var client = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);

        var token = await WebApp.AntiforgeryTokenAsync(client, "/account/sign-in");
        using var response = await client.PostAsync("/returns/E06000009/2025-26-Q2/versions/7/explanations", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["ruleCode"] = "FAM-007",
            ["text"] = "A sibling group of five came into care in August.",
        }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await App.WithDbAsync(db => db.QueryExplanations.CountAsync()));
    }

    private static async Task<HttpResponseMessage> ExplainAsync(HttpClient client, string versionUrl, string rule, string text)
    {
        var token = await ReturnFiles.TokenAsync(client, versionUrl);
        return await client.PostAsync(versionUrl + "/explanations", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["ruleCode"] = rule,
            ["text"] = text,
        }));
    }

    private static List<string> Describe(ReturnVersion version) =>
        version.Issues.OrderBy(i => i.Sequence).Select(i => $"{i.Code}|{i.Severity}|{i.Sheet}|{i.Cell}|{i.Value}|{i.Message}").ToList();
}
