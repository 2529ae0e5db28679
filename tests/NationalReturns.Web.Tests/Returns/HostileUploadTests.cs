using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NationalReturns.Domain.Returns;
using NationalReturns.Web.Features.Admin;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Infrastructure.Spreadsheets;
using NationalReturns.Web.Tests.Infrastructure;
using NationalReturns.Web.Tests.Spreadsheets;

namespace NationalReturns.Web.Tests.Returns;

/// <summary>
/// Files a hostile or careless council might send, each uploaded through the API and then downloaded as a
/// marked workbook, as the national team would: every one is read, and every marked workbook is made (or a
/// page says why), never a 5xx; and what is stored stays in proportion to what was sent.
/// </summary>
public class HostileUploadTests(WebApp app) : WebAppTest(app)
{
    private static readonly string Url = $"/api/v1/returns/{ReturnFiles.Blackpool}/{ReturnFiles.Period.UrlSegment}";

    public static TheoryData<string> Hostile => new()
    {
        "deep-nesting", "doctype-in-unread-part", "iso-date-cells", "dangling-relationships", "formulas-and-external-links",
        "ten-thousand-sheets", "million-empty-rows", "rows-out-of-order", "control-characters", "openpyxl", "openpyxl-new", "libreoffice",
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task UploadThenMarkedWorkbook_HostileOrCarelessFile_IsReadAndMarkedOnceWithValuesOnly(string kind)
    {
        using var api = await App.ApiClientAsync(ReturnFiles.Blackpool);
        using var preparer = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        var content = await MakeAsync(kind);

        using var uploaded = await api.PostAsync(Url, File(content));

        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var version = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
        var marked = $"/returns/{ReturnFiles.Blackpool}/{ReturnFiles.Period.UrlSegment}/versions/{version}/marked.xlsx";
        using var first = await preparer.GetAsync(marked);
        using var second = await preparer.GetAsync(marked);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var bytes = await first.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes, await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, await App.WithDbAsync(db => db.MarkedWorkbooks.CountAsync()));
        AssertValuesOnly(bytes);
        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        Assert.Equal(["About", "Issues"], workbook.Worksheets.Take(2).Select(w => w.Name));
        Assert.Contains(workbook.Worksheets, w => w.Name == ReturnSpecifications.Families);
        var stored = await App.WithDbAsync(db => db.ReturnIssues.CountAsync());
        Assert.Equal(stored, workbook.Worksheet("Issues").RowsUsed().Count() - 1);
    }

    [Fact]
    public async Task MarkedWorkbook_FormulasExternalLinksAndOtherSheets_AreLeftOutAndTheAboutSheetSaysSo()
    {
        using var api = await App.ApiClientAsync(ReturnFiles.Blackpool);
        using var preparer = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        await api.PostAsync(Url, File(await MakeAsync("formulas-and-external-links")));
        await api.PostAsync(Url, File(await MakeAsync("ten-thousand-sheets")));

        var withFormulas = await preparer.GetByteArrayAsync($"/returns/{ReturnFiles.Blackpool}/{ReturnFiles.Period.UrlSegment}/versions/1/marked.xlsx");
        var withSheets = await preparer.GetByteArrayAsync($"/returns/{ReturnFiles.Blackpool}/{ReturnFiles.Period.UrlSegment}/versions/2/marked.xlsx");

        using var formulas = new XLWorkbook(new MemoryStream(withFormulas));
        var care = formulas.Worksheet(ReturnSpecifications.Care);
        Assert.False(care.Cell("B5").HasFormula);
        Assert.Equal(12, care.Cell("B5").GetValue<int>());
        Assert.DoesNotContain(Parts(withFormulas), p => p.Name.Contains("externalLink", StringComparison.OrdinalIgnoreCase));
        using var sheets = new XLWorkbook(new MemoryStream(withSheets));
        Assert.Equal(2 + ReturnSpecifications.V2025_1.Sheets.Count, sheets.Worksheets.Count);
        Assert.Contains("(10,000): 'Extra 1', 'Extra 2'", sheets.Worksheet("About").Cell(5, 1).GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkedWorkbook_ReturnWithErrors_FillsAndNotesEveryCellOfARunAndLinksEachIssue()
    {
        using var preparer = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        var blackpool = await ReturnFiles.ProfileAsync(App, ReturnFiles.Blackpool);
        var draft = ReturnFiles.Demo(blackpool);
        for (var row = 0; row < 20; row++)
        {
            draft.SetCell(ReturnSpecifications.Families, row, "fam.lead_service", CellValue.FromText("Social work"));
        }

        var (url, _) = await ReturnFiles.UploadAndReadFeedbackAsync(preparer, ReturnFiles.Blackpool, ReturnFiles.Period, ReturnFiles.PlainExport(draft));

        using var marked = new XLWorkbook(new MemoryStream(await preparer.GetByteArrayAsync(url + "/marked.xlsx")));
        var families = marked.Worksheet(ReturnSpecifications.Families);
        Assert.All(Enumerable.Range(5, 20), r => Assert.Equal(XLColor.FromHtml("#f6b6b1"), families.Cell(r, 4).Style.Fill.BackgroundColor));
        Assert.NotEqual(XLColor.FromHtml("#f6b6b1"), families.Cell(25, 4).Style.Fill.BackgroundColor);
        Assert.Contains("20 cells in a row, D5 to D24", families.Cell("D5").Comment.Text, StringComparison.Ordinal);
        Assert.Equal("Social work", families.Cell("D6").GetString());
        var list = marked.Worksheet("Issues");
        var run = Enumerable.Range(2, list.RowsUsed().Count() - 1).Single(r => list.Cell(r, 1).GetString() == "VAL-007");
        Assert.Equal("Families!D5:D24", list.Cell(run, 3).GetString());
        Assert.Equal(20, list.Cell(run, 7).GetValue<int>());
        Assert.True(list.Cell(run, 3).HasHyperlink);
    }

    [Fact]
    public async Task Upload_TwoHundredThousandMergedAreas_StoresIssuesInProportionAndAPageUnderOneMegabyte()
    {
        using var api = await App.ApiClientAsync(ReturnFiles.Blackpool);
        using var preparer = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        var content = await MakeAsync("merged-areas");

        using var uploaded = await api.PostAsync(Url, File(content));

        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        Assert.Equal(200_000, await App.WithDbAsync(db => db.ReturnIssues.Where(i => i.Code == "STR-004").SumAsync(i => i.Count)));
        AssertInProportion(await StoredBytesAsync(), content.Length);
        using var page = await preparer.GetAsync($"/returns/{ReturnFiles.Blackpool}/{ReturnFiles.Period.UrlSegment}/versions/1");
        var html = await page.Content.ReadAsByteArrayAsync();
        Assert.True(html.Length < 1024 * 1024, $"the feedback page is {html.Length:N0} bytes");
        var document = await Pages.ParseAsync(Encoding.UTF8.GetString(html));
        Assert.Contains("200,000", document.QuerySelector("#rule-STR-004")!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_OneLongTextInManyCells_KeepsEachStoredValueShort()
    {
        using var api = await App.ApiClientAsync(ReturnFiles.Blackpool);
        var content = await MakeAsync("long-text-everywhere");

        using var uploaded = await api.PostAsync(Url, File(content));

        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var values = await App.WithDbAsync(db => db.ReturnIssues.Select(i => new { i.Value, i.Message }).ToListAsync());
        Assert.All(values, v => Assert.True((v.Value?.Length ?? 0) <= IssueText.ValueLength && v.Message.Length <= IssueText.MessageLength));
        AssertInProportion(await StoredBytesAsync(), content.Length);
    }

    [Fact]
    public async Task FeedbackPage_ManyIssues_IsPagedAndFilteredAndTheCsvHasThemAll()
    {
        using var preparer = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        var blackpool = await ReturnFiles.ProfileAsync(App, ReturnFiles.Blackpool);
        var draft = ReturnFiles.Demo(blackpool, families: 300);
        for (var row = 0; row < 300; row += 2)
        {
            draft.SetCell(ReturnSpecifications.Families, row, "fam.lead_service", CellValue.FromText("Social work"));
        }

        var (url, html) = await ReturnFiles.UploadAndReadFeedbackAsync(preparer, ReturnFiles.Blackpool, ReturnFiles.Period, ReturnFiles.PlainExport(draft));
        var stored = await App.WithDbAsync(db => db.ReturnIssues.CountAsync());
        var first = await Pages.ParseAsync(html);
        var second = await Pages.GetAsync(preparer, url + "?page=2");
        var filtered = await Pages.GetAsync(preparer, url + "?rule=VAL-007&page=2");
        var cover = await Pages.GetAsync(preparer, url + "?sheet=Cover");
        var csv = Encoding.UTF8.GetString(await preparer.GetByteArrayAsync(url + "/issues.csv")).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.True(stored >= 150, $"{stored} issues");
        Assert.Equal(100, first.QuerySelectorAll("[data-table=issues] tbody tr").Length);
        Assert.Equal(Math.Min(100, stored - 100), second.QuerySelectorAll("[data-table=issues] tbody tr").Length);
        Assert.NotNull(first.QuerySelector("[data-testid=pagination] a[rel=next]"));
        Assert.Equal(50, filtered.QuerySelectorAll("[data-table=issues] tbody tr").Length);
        Assert.All(filtered.QuerySelectorAll("[data-table=issues] tbody tr"), r => Assert.Equal("VAL-007", r.GetAttribute("data-issue")));
        Assert.Empty(cover.QuerySelectorAll("[data-table=issues] tbody tr"));
        Assert.Equal(DownloadHeader, csv[0]);
        Assert.Equal(stored + 1, csv.Length);
    }

    private const string DownloadHeader = Features.Returns.DownloadIssues.Header;

    [Fact]
    public async Task Upload_PlaceholderDateThroughTheSite_IsAnIssueNotAServerError()
    {
        using var preparer = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        var blackpool = await ReturnFiles.ProfileAsync(App, ReturnFiles.Blackpool);
        var draft = ReturnFiles.Demo(blackpool);
        draft.SetCell(ReturnSpecifications.Families, 0, "fam.start", CellValue.FromText("31/12/9999"));
        draft.SetCell(ReturnSpecifications.Families, 1, "fam.start", CellValue.FromDate(new DateOnly(9999, 12, 31)));

        var (_, html) = await ReturnFiles.UploadAndReadFeedbackAsync(preparer, ReturnFiles.Blackpool, ReturnFiles.Period, ReturnFiles.PlainExport(draft));

        var issues = await App.WithDbAsync(db => db.ReturnIssues.Where(i => i.Sheet == ReturnSpecifications.Families && (i.Cell == "B5" || i.Cell == "B6")).ToListAsync());
        Assert.Equal(["B5", "B6"], issues.Where(i => i.Code == "VAL-006").Select(i => i.Cell));
        // What to do is the sixth column of the issues table.
        Assert.Contains((await Pages.ParseAsync(html)).Texts("[data-table=issues] tr[data-issue=VAL-006] td:nth-child(6)"), m => m.StartsWith("31/12/9999 is in the future", StringComparison.Ordinal));
    }

    /// <summary>Stored issues for any upload: at most four times its size, or 256 KB for a small file.</summary>
    internal static void AssertInProportion(long storedBytes, long uploadBytes) =>
        Assert.True(storedBytes <= Math.Max(IssueCondensing.MinimumBudget, IssueCondensing.BytesPerUploadByte * uploadBytes) + (64 * 1024),
            $"{storedBytes:N0} bytes of issues stored for an upload of {uploadBytes:N0} bytes");

    /// <summary>What the issues take in the table: their text as PostgreSQL stores it, and each row's overhead.</summary>
    private Task<long> StoredBytesAsync() => App.WithDbAsync(async db =>
        (await db.Database.SqlQuery<long>($"SELECT coalesce(sum(pg_column_size(i.*)), 0)::bigint AS \"Value\" FROM return_issues i").SingleAsync()));

    private static void AssertValuesOnly(byte[] workbook)
    {
        foreach (var part in Parts(workbook))
        {
            Assert.DoesNotContain("externalLink", part.Name, StringComparison.OrdinalIgnoreCase);
            if (part.Name.EndsWith(".xml", StringComparison.Ordinal))
            {
                var text = Encoding.UTF8.GetString(part.Data);
                Assert.DoesNotContain("<f>", text, StringComparison.Ordinal);
                Assert.DoesNotContain("<f ", text, StringComparison.Ordinal);
                Assert.DoesNotContain("DOCTYPE", text, StringComparison.Ordinal);
            }
        }
    }

    private static List<ZipItem> Parts(byte[] workbook) => ZipFixture.Read(workbook);

    private static MultipartFormDataContent File(byte[] content) => new() { { new ByteArrayContent(content), "file", "return.xlsx" } };

    private async Task<byte[]> MakeAsync(string kind) => HostileFiles.Make(kind, await ReturnFiles.ProfileAsync(App, ReturnFiles.Blackpool));
}
