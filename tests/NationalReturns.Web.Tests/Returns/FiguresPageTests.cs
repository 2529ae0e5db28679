using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Returns;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;

namespace NationalReturns.Web.Tests.Returns;

/// <summary>The figures in a version (issue 18: approvers certify what they can see), and the file as uploaded.</summary>
public class FiguresPageTests(WebApp app) : WebAppTest(app)
{
    private const string ReturnPath = "/returns/E06000009/2025-26-Q2";
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static readonly SheetSpec FamilySheet = ReturnSpecifications.V2025_1.Sheet(ReturnSpecifications.Families);

    /// <summary>Blackpool's return with <paramref name="families"/> families, uploaded through the page; the draft it was made from.</summary>
    private async Task<ReturnDraft> UploadAsync(int families = 250, Action<ReturnDraft>? change = null)
    {
        using var preparer = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        var blackpool = await ReturnFiles.ProfileAsync(App, ReturnFiles.Blackpool);
        var draft = ReturnFiles.Demo(blackpool, families: families);
        change?.Invoke(draft);
        await ReturnFiles.UploadAndReadFeedbackAsync(preparer, ReturnFiles.Blackpool, ReturnFiles.Period, ReturnFiles.FilledTemplate(blackpool, draft));
        return draft;
    }

    private static List<CellValue[]> FamilyRows(ReturnDraft draft) => draft.Rows(ReturnSpecifications.Families);

    private static int At(string key) => FamilySheet.IndexOf(key);

    private static bool Yes(CellValue cell) => CellParsing.TryYesNo(cell, out var yes) && yes;

    /// <summary>The family references the page lists, following its pages to the last.</summary>
    private static async Task<List<string>> ListedReferencesAsync(HttpClient client, string query)
    {
        var references = new List<string>();
        for (var page = 1; page < 100; page++)
        {
            var document = await Pages.GetAsync(client, $"{ReturnPath}/versions/1/figures{query}{(query.Length == 0 ? "?" : "&")}page={page}");
            references.AddRange(document.QuerySelectorAll("[data-table=families] tbody tr").Select(r => r.Children[1].Text()));
            if (document.QuerySelector("[data-testid=pagination] .govuk-pagination__next") is null)
            {
                break;
            }
        }

        return references;
    }

    private static IEnumerable<string> References(IEnumerable<CellValue[]> rows) => rows.Select(r => r[At(FieldKeys.Families.Reference)].Text!);

    [Fact]
    public async Task Figures_AfterLastQuarterWasPublishedAndReuploaded_ShowsThisQuartersAnswersBesidePublishedFigures()
    {
        var blackpool = await ReturnFiles.ProfileAsync(App, ReturnFiles.Blackpool);
        var previous = ReturnFiles.Period.Previous;
        using (var preparer = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool))
        {
            var published = ReturnFiles.Demo(blackpool, previous).Set(ReturnSpecifications.Care, FieldKeys.Care.ClaEnd, 311);
            var later = ReturnFiles.Demo(blackpool, previous).Set(ReturnSpecifications.Care, FieldKeys.Care.ClaEnd, 322);
            await ReturnFiles.UploadAndReadFeedbackAsync(preparer, ReturnFiles.Blackpool, previous, ReturnFiles.FilledTemplate(blackpool, published, previous));
            await ReturnFiles.UploadAndReadFeedbackAsync(preparer, ReturnFiles.Blackpool, previous, ReturnFiles.FilledTemplate(blackpool, later, previous));
        }

        // Version 1 of last quarter is the published one; version 2 came after a reopening and is not published.
        await App.WithDbAsync(db => db.AuthorityReturns.Where(r => r.Period == previous.UrlSegment)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.PublishedVersionId, r => r.Versions.Where(v => v.Number == 1).Select(v => (int?)v.Id).First())));
        var draft = await UploadAsync(families: 60, d => d.Set(ReturnSpecifications.Care, FieldKeys.Care.ClaEnd, 333).Set(ReturnSpecifications.Cover, FieldKeys.Cover.ContactName, "Ada Lovelace"));
        using var approver = await App.SignedInAsync(Roles.Approver, ReturnFiles.Blackpool);

        var version = await Pages.GetAsync(approver, $"{ReturnPath}/versions/1");
        var page = await Pages.GetAsync(approver, version.QuerySelector("a[data-testid=figures]")!.GetAttribute("href")!);

        Assert.Equal($"{ReturnPath}/versions/1/original", version.QuerySelector("a[data-testid=original]")!.GetAttribute("href"));
        var claEnd = page.QuerySelector($"[data-sheet=Care] [data-key='{FieldKeys.Care.ClaEnd}']")!;
        Assert.Equal("333", claEnd.QuerySelector("[data-field=value]")!.Text());
        Assert.Equal("Last quarter: 311", claEnd.QuerySelector("[data-field=last-quarter]")!.Text());
        Assert.Equal("Ada Lovelace", page.QuerySelector($"[data-sheet=Cover] [data-key='{FieldKeys.Cover.ContactName}'] [data-field=value]")!.Text());
        Assert.Null(page.QuerySelector($"[data-sheet=Cover] [data-field=last-quarter]"));
        var starts = draft.Get(ReturnSpecifications.Care, FieldKeys.Care.Starts).Number;
        Assert.Equal(starts.ToString("N0", CultureInfo.InvariantCulture), page.QuerySelector($"[data-key='{FieldKeys.Care.Starts}'] [data-field=value]")!.Text());
        Assert.Equal(["Cover", "Care", "Youth justice", "Early help"], page.QuerySelectorAll("dl[data-sheet]").Select(d => d.GetAttribute("data-sheet")!));
        Assert.Equal(draft.Rows(ReturnSpecifications.Homelessness).Select(r => r[0].Text), page.QuerySelectorAll("[data-table=Homelessness] tbody tr").Select(r => r.Children[1].Text()));
        Assert.Contains("Download the original file (return.xlsx", page.QuerySelector("a[data-testid=original]")!.Text(), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[data-testid=rows-not-kept]"));
    }

    [Fact]
    public async Task Figures_FamilyCounts_AreWhatTheUploadedWorkbookHolds()
    {
        var draft = await UploadAsync(change: d =>
        {
            // Y/N as people type it: the page counts a need as the checks read it.
            FamilyRows(d)[0][At(FieldKeys.Families.NeedHousing)] = CellValue.FromText("yes");
            FamilyRows(d)[1][At(FieldKeys.Families.NeedHousing)] = CellValue.FromText("y");
        });
        using var approver = await App.SignedInAsync(Roles.Approver, ReturnFiles.Blackpool);

        var page = await Pages.GetAsync(approver, $"{ReturnPath}/versions/1/figures");

        var rows = FamilyRows(draft);
        foreach (var need in ReturnSpecifications.Needs)
        {
            var expected = rows.Count(r => Yes(r[At(need.Key)]));
            var slug = need.Key["fam.need_".Length..];
            Assert.Equal(expected.ToString("N0", CultureInfo.InvariantCulture), page.QuerySelector($"[data-table=needs] [data-need={slug}] td")!.Text());
        }

        var achieved = rows.Count(r => !r[At(FieldKeys.Families.OutcomeDate)].IsBlank);
        Assert.Equal($"{achieved} achieved their outcome", page.QuerySelector("[data-outcome=achieved]")!.Text());
        Assert.Equal($"{rows.Count - achieved} not yet", page.QuerySelector("[data-outcome=not-achieved]")!.Text());
        Assert.StartsWith("250 families in this version", page.QuerySelector("[data-testid=family-total]")!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Figures_FilteredByNeedOutcomeServiceOrReference_ListExactlyTheMatchingFamilies()
    {
        var draft = await UploadAsync(change: d => FamilyRows(d)[3][At(FieldKeys.Families.LeadService)] = CellValue.FromText("early HELP"));
        using var approver = await App.SignedInAsync(Roles.Approver, ReturnFiles.Blackpool);
        var rows = FamilyRows(draft);

        Assert.Equal(References(rows.Where(r => Yes(r[At(FieldKeys.Families.NeedCrime)]))), await ListedReferencesAsync(approver, "?need=crime"));
        Assert.Equal(References(rows.Where(r => !r[At(FieldKeys.Families.OutcomeDate)].IsBlank)), await ListedReferencesAsync(approver, "?outcome=achieved"));
        Assert.Equal(References(rows.Where(r => r[At(FieldKeys.Families.OutcomeDate)].IsBlank)), await ListedReferencesAsync(approver, "?outcome=not-achieved"));
        Assert.Equal(References(rows.Where(r => ReturnSpecifications.LeadServices.Match(r[At(FieldKeys.Families.LeadService)].Text!) == "Early help")),
            await ListedReferencesAsync(approver, "?service=Early+help"));
        Assert.Equal(["F25-000042"], await ListedReferencesAsync(approver, "?reference=F25-000042"));
        Assert.Equal(Enumerable.Range(100, 100).Select(i => $"F25-000{i}"), await ListedReferencesAsync(approver, "?reference=f25-0001"));
        Assert.Equal(References(rows.Where(r => Yes(r[At(FieldKeys.Families.NeedHealth)]) && r[At(FieldKeys.Families.OutcomeDate)].IsBlank)),
            await ListedReferencesAsync(approver, "?need=health&outcome=not-achieved"));
        Assert.Contains(References([rows[3]]).Single(), await ListedReferencesAsync(approver, "?service=early+help"));
    }

    [Fact]
    public async Task Figures_Paged_AHundredFamiliesAPageAndThePageNumberKeptInRange()
    {
        var draft = await UploadAsync();
        using var approver = await App.SignedInAsync(Roles.Approver, ReturnFiles.Blackpool);
        static IReadOnlyList<string> Listed(IDocument page) => page.QuerySelectorAll("[data-table=families] tbody tr").Select(r => r.Children[1].Text()).ToList();
        var references = References(FamilyRows(draft)).ToList();

        var first = await Pages.GetAsync(approver, $"{ReturnPath}/versions/1/figures");
        var last = await Pages.GetAsync(approver, $"{ReturnPath}/versions/1/figures?page=3");
        var beyond = await Pages.GetAsync(approver, $"{ReturnPath}/versions/1/figures?page=999999");
        var before = await Pages.GetAsync(approver, $"{ReturnPath}/versions/1/figures?page=-4");

        Assert.Equal(references.Take(100), Listed(first));
        Assert.Equal(references.Skip(200), Listed(last));
        Assert.Equal(Listed(last), Listed(beyond));
        Assert.Equal("250 families, page 3 of 3.", beyond.QuerySelector("[data-testid=family-count]")!.Text());
        Assert.Equal(Listed(first), Listed(before));
        Assert.Equal("3", last.QuerySelector(".govuk-pagination__item--current a")!.Text());
    }

    [Fact]
    public async Task Figures_UnknownFilterValues_AreIgnoredWithAMessage()
    {
        await UploadAsync();
        using var national = await App.SignedInAsync(Roles.NationalTeam);

        var page = await Pages.GetAsync(national, $"{ReturnPath}/versions/1/figures?need=flying&outcome=maybe&service=Wizardry&reference={new string('x', 300)}");
        var injected = await Pages.GetAsync(national, $"{ReturnPath}/versions/1/figures?reference=%25&need=crime%27--&service=%27%3B+DROP+TABLE+version_rows");

        Assert.Equal(4, page.QuerySelectorAll("[data-testid=filter-messages] [data-message]").Length);
        Assert.Equal("250 families, page 1 of 3.", page.QuerySelector("[data-testid=family-count]")!.Text());
        Assert.Equal(3, injected.QuerySelectorAll("[data-testid=filter-messages] [data-message]").Length);
        Assert.Equal("250 families, page 1 of 3.", injected.QuerySelector("[data-testid=family-count]")!.Text());
    }

    [Fact]
    public async Task FiguresAndOriginal_PreparerOfAnotherAuthority_AreForbidden()
    {
        await UploadAsync(families: 10);
        using var kent = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Kent);

        Assert.Equal(HttpStatusCode.Forbidden, (await kent.GetAsync($"{ReturnPath}/versions/1/figures")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await kent.GetAsync($"{ReturnPath}/versions/1/original")).StatusCode);
        Assert.Equal(0, await App.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.DownloadOriginal)));
    }

    [Fact]
    public async Task Original_Downloaded_IsTheExactUploadAsAWorkbookWhateverTypeItCameWithAndIsAudited()
    {
        using var preparer = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        var blackpool = await ReturnFiles.ProfileAsync(App, ReturnFiles.Blackpool);
        var content = ReturnFiles.FilledTemplate(blackpool, ReturnFiles.Demo(blackpool, families: 10));
        // Sent as a web page under a name that is not a workbook's: neither may reach whoever downloads it.
        var token = await ReturnFiles.TokenAsync(preparer, $"{ReturnPath}/upload");
        using var body = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/html");
        body.Add(file, "file", "our return: v2?.html");
        using (var upload = await preparer.PostAsync($"{ReturnPath}/upload", body))
        {
            Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        }

        using var approver = await App.SignedInAsync(Roles.Approver, ReturnFiles.Blackpool);
        using var response = await approver.GetAsync($"{ReturnPath}/versions/1/original");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(Xlsx, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("our return_ v2_.html.xlsx", response.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.CacheControl?.NoStore, "the original may be cached");
        // Written in the background, within moments of the download.
        var audited = false;
        for (var tries = 0; tries < 50 && !audited; tries++)
        {
            audited = await App.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.DownloadOriginal && e.AuthorityCode == ReturnFiles.Blackpool
                && e.Period == "2025-26-Q2" && e.Actor.Contains("Test Approver")));
            await Task.Delay(audited ? 0 : 100);
        }

        Assert.True(audited, "the download was not audited within 5 seconds");
    }

    [Fact]
    public async Task Upload_ReadableReturn_KeepsItsAnswersAndEveryTableRow()
    {
        var draft = await UploadAsync(families: 40);

        var version = await App.WithDbAsync(db => db.ReturnVersions.SingleAsync());
        var rows = await App.WithDbAsync(db => db.VersionRows.OrderBy(r => r.Sheet).ThenBy(r => r.RowNumber).ToListAsync());

        Assert.True(version.RowsKept);
        Assert.Equal(draft.Get(ReturnSpecifications.Cover, FieldKeys.Cover.ContactEmail).Text, version.FormValues[FieldKeys.Cover.ContactEmail]);
        Assert.Equal("2025.1", version.FormValues[FieldKeys.Cover.TemplateVersion]);
        var families = rows.Where(r => r.Sheet == ReturnSpecifications.Families).ToList();
        Assert.Equal(References(FamilyRows(draft)), families.Select(r => r.Cells[0]));
        Assert.All(families, r => Assert.Equal(FamilySheet.Fields.Count, r.Cells.Length));
        CellParsing.TryDate(FamilyRows(draft)[0][At(FieldKeys.Families.Start)], out var start);
        Assert.Equal(start.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), families[0].Cells[At(FieldKeys.Families.Start)]);
        Assert.Equal(draft.Rows(ReturnSpecifications.Homelessness).Count, rows.Count(r => r.Sheet == ReturnSpecifications.Homelessness));
        Assert.DoesNotContain(rows, r => r.Cells[0] is "Total" or "Last quarter");
    }

    [Fact]
    public async Task Figures_VersionStoredBeforeRowsWereKept_SaysSoAndStillShowsItsCounts()
    {
        var draft = await UploadAsync(families: 20);
        await App.WithDbAsync(db => db.VersionRows.ExecuteDeleteAsync());
        await App.WithDbAsync(db => db.ReturnVersions.ExecuteUpdateAsync(s => s.SetProperty(v => v.RowsKept, false).SetProperty(v => v.FormValues, new Dictionary<string, string>())));
        using var national = await App.SignedInAsync(Roles.NationalTeam);

        var page = await Pages.GetAsync(national, $"{ReturnPath}/versions/1/figures");

        Assert.StartsWith("The rows of this version were not kept; download the original file", page.QuerySelector("[data-testid=rows-not-kept]")!.Text(), StringComparison.Ordinal);
        var starts = draft.Get(ReturnSpecifications.Care, FieldKeys.Care.Starts).Number;
        Assert.Equal(starts.ToString("N0", CultureInfo.InvariantCulture), page.QuerySelector($"[data-key='{FieldKeys.Care.Starts}'] [data-field=value]")!.Text());
        Assert.Null(page.QuerySelector("[data-table=families]"));
        Assert.NotNull(page.QuerySelector("a[data-testid=original]"));
    }
}
