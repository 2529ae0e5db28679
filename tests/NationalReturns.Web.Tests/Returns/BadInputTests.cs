using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Returns;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;
using NationalReturns.Web.Features.Returns;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Infrastructure.Spreadsheets;
using NationalReturns.Web.Tests.Infrastructure;

namespace NationalReturns.Web.Tests.Returns;

/// <summary>
/// Every kind of bad upload gets a specific message saying what to do, stores nothing but the raw file
/// and a rejected version (or, for a readable workbook, its issues), and leaves the service up.
/// </summary>
public class BadInputTests(WebApp app) : WebAppTest(app)
{
    public static TheoryData<string, string> Unreadable => new()
    {
        { "pdf", "PDF" },
        { "xls", "Excel 97" },
        { "xlsm", "macro" },
        { "ods", "LibreOffice" },
        { "csv", "CSV" },
        { "encrypted", "password" },
        { "truncated", "damaged or incomplete" },
        { "zip-bomb", "expands" },
        { "other-collection", "no Cover sheet" },
        { "other-version", "template version 2019.1" },
        { "word", "not a spreadsheet" },
    };

    /// <summary>
    /// A file that is not a return is not a version: the page says what to do (422), the file is kept with the
    /// reason and the attempt is in the audit log, and the return stays exactly as it was, submitted or not.
    /// </summary>
    [Theory]
    [MemberData(nameof(Unreadable))]
    public async Task Upload_UnreadableFile_IsNotAVersionAndLeavesTheReturnAsItWas(string kind, string expected)
    {
        using var client = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        var blackpool = await ReturnFiles.ProfileAsync(App, ReturnFiles.Blackpool);
        await ReturnFiles.UploadAndReadFeedbackAsync(client, ReturnFiles.Blackpool, ReturnFiles.Period, ReturnFiles.FilledTemplate(blackpool, ReturnFiles.Demo(blackpool)));
        await App.WithDbAsync(db => db.AuthorityReturns.ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReturnStatus.Submitted)));
        var content = Make(kind, ReturnFiles.FilledTemplate(blackpool, ReturnFiles.Demo(blackpool)));

        using var response = await ReturnFiles.UploadAsync(client, ReturnFiles.Blackpool, ReturnFiles.Period, content, $"return-{kind}.xlsx");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await Pages.ParseAsync(response);
        var reason = await App.WithDbAsync(db => db.UploadedFiles.Where(f => f.RejectionReason != null).Select(f => f.RejectionReason).SingleAsync());
        Assert.Contains(expected, reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(reason, page.QuerySelector("#file-error")!.TextContent.Replace("Error:", "", StringComparison.Ordinal).Trim());
        Assert.Equal(1, await App.WithDbAsync(db => db.ReturnVersions.CountAsync()));
        Assert.Equal(ReturnStatus.Submitted, await App.WithDbAsync(db => db.AuthorityReturns.Select(r => r.Status).SingleAsync()));
        var audit = await App.WithDbAsync(db => db.AuditEvents.SingleAsync(e => e.Action == "upload-rejected"));
        Assert.Contains(reason!, audit.Detail, StringComparison.Ordinal);
        Assert.Contains($"return-{kind}.xlsx", audit.Detail, StringComparison.Ordinal);
        Assert.Contains("Test Preparer", audit.Actor, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task UploadThroughApi_UnreadableFile_Is422WithTheMessageAsDetailAndNoVersion()
    {
        using var client = await App.ApiClientAsync(ReturnFiles.Blackpool);
        var pdf = "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"u8.ToArray();

        using var response = await client.PostAsync($"/api/v1/returns/{ReturnFiles.Blackpool}/{ReturnFiles.Period.UrlSegment}", FileContent(pdf));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var reason = await App.WithDbAsync(db => db.UploadedFiles.Select(f => f.RejectionReason).SingleAsync());
        Assert.Equal(reason, problem.GetProperty("detail").GetString());
        Assert.Equal(0, await App.WithDbAsync(db => db.ReturnVersions.CountAsync()));
        Assert.Equal(0, await App.WithDbAsync(db => db.AuthorityReturns.CountAsync()));
    }

    [Fact]
    public async Task Upload_OverTheSizeLimit_Is413WithThePlainMessageOnThePageAndInTheApi()
    {
        using var preparer = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        using var api = await App.ApiClientAsync(ReturnFiles.Blackpool);
        var huge = Make("too-large", []);
        var expected = SpreadsheetInspection.TooLargeMessage(null, UploadReturn.MaxBytes);

        using var page = await ReturnFiles.UploadAsync(preparer, ReturnFiles.Blackpool, ReturnFiles.Period, huge);
        using var fromApi = await api.PostAsync($"/api/v1/returns/{ReturnFiles.Blackpool}/{ReturnFiles.Period.UrlSegment}", FileContent(huge));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, page.StatusCode);
        Assert.Equal(expected, (await Pages.ParseAsync(page)).QuerySelector("[data-testid=problem-detail]")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, fromApi.StatusCode);
        Assert.Equal(expected, (await fromApi.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(0, await App.WithDbAsync(db => db.UploadedFiles.CountAsync()));
    }

    [Fact]
    public async Task Upload_JustOverTheLimitInsideTheFormAllowance_IsRefusedBySizeAndNotKept()
    {
        using var preparer = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        var content = Make("too-large", [])[..((int)UploadReturn.MaxBytes + 1000)];

        using var response = await ReturnFiles.UploadAsync(preparer, ReturnFiles.Blackpool, ReturnFiles.Period, content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("over the 20 MB limit", (await Pages.ParseAsync(response)).QuerySelector("#file-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await App.WithDbAsync(db => db.UploadedFiles.CountAsync()));
        Assert.Single(await App.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == "upload-rejected").ToListAsync()));
    }

    [Theory]
    [InlineData("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.xlsx\"\r\n\r\nPK\u0003\u0004")]
    [InlineData("not a multipart body at all")]
    [InlineData("--xyz\r\nContent-Disposition: form-data\r\n\r\n--xyz--")]
    public async Task Upload_GarbledFormBody_IsAClientErrorNotAServerError(string body)
    {
        using var preparer = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        using var api = await App.ApiClientAsync(ReturnFiles.Blackpool);
        HttpContent Garbled()
        {
            var content = new StringContent(body);
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");
            return content;
        }

        using var page = await preparer.PostAsync($"/returns/{ReturnFiles.Blackpool}/{ReturnFiles.Period.UrlSegment}/upload", Garbled());
        using var fromApi = await api.PostAsync($"/api/v1/returns/{ReturnFiles.Blackpool}/{ReturnFiles.Period.UrlSegment}", Garbled());

        Assert.InRange((int)page.StatusCode, 400, 499);
        Assert.InRange((int)fromApi.StatusCode, 400, 499);
        Assert.Equal(0, await App.WithDbAsync(db => db.UploadedFiles.CountAsync()));
    }

    private static MultipartFormDataContent FileContent(byte[] content) => new() { { new ByteArrayContent(content), "file", "return.xlsx" } };

    public static TheoryData<string, string, string?> Malformed => new()
    {
        { "missing-sheet", "STR-001", null },
        { "renamed-column", "STR-002", null },
        { "duplicated-column", "STR-003", "Families!U4" },
        { "merged-cells", "STR-004", "Families!A5" },
        { "formula-error", "STR-005", "Care!B5" },
        { "wrong-authority", "COV-002", "Cover!B6" },
        { "wrong-period", "COV-003", "Cover!B7" },
        { "text-in-number", "VAL-002", "Care!B12" },
        { "negative-count", "VAL-003", "Care!B11" },
        { "odd-date", "VAL-005", "Families!B5" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Upload_WorkbookWithAProblem_IsReadAndTheProblemIsAnIssue(string kind, string code, string? location)
    {
        using var client = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        var blackpool = await ReturnFiles.ProfileAsync(App, ReturnFiles.Blackpool);
        var content = kind == "formula-error"
            ? FormulaError(ReturnFiles.Demo(blackpool))
            : Malform(kind, ReturnFiles.FilledTemplate(blackpool, ReturnFiles.Demo(blackpool)));

        var (_, html) = await ReturnFiles.UploadAndReadFeedbackAsync(client, ReturnFiles.Blackpool, ReturnFiles.Period, content);

        var issues = await App.WithDbAsync(db => db.ReturnIssues.ToListAsync());
        var issue = Assert.Single(issues, i => i.Code == code);
        if (location is not null)
        {
            Assert.Equal(location, $"{issue.Sheet}!{issue.Cell}");
        }

        Assert.Contains(issue.Message, WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Equal(Severity.Error, issue.Severity);
    }

    [Fact]
    public async Task Upload_MoreThan100000FamilyRows_SaysSoAndReadsTheFirst100000()
    {
        using var client = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        var blackpool = await ReturnFiles.ProfileAsync(App, ReturnFiles.Blackpool);
        var content = ReturnFiles.PlainExport(ReturnFiles.Demo(blackpool, families: 100_001));

        await ReturnFiles.UploadAndReadFeedbackAsync(client, ReturnFiles.Blackpool, ReturnFiles.Period, content);

        var version = await App.WithDbAsync(db => db.ReturnVersions.SingleAsync());
        Assert.Equal(100_000, version.FamilyRows);
        var issue = Assert.Single(await App.WithDbAsync(db => db.ReturnIssues.Where(i => i.Code == "STR-006").ToListAsync()));
        Assert.Contains("more than 100,000 rows", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_ForAQuarterBeforeTheAuthorityBegan_IsRefusedAndStoresNothing()
    {
        // Cumberland began on 1 April 2023, when Cumbria was split; its first return is 2023-24 Q1.
        var cumberland = await ReturnFiles.ProfileAsync(App, "E06000063");
        var quarter = new ReturnPeriod(2022, 4);
        var content = ReturnFiles.PlainExport(ReturnFiles.Demo(cumberland, quarter));
        await using var scope = App.Services.CreateAsyncScope();

        var result = await scope.ServiceProvider.GetRequiredService<UploadReturn.Handler>().HandleAsync(
            new UploadReturn.Command("E06000063", quarter, "return.xlsx", "application/octet-stream", content, "test", null), CancellationToken.None);

        Assert.Equal(new Refusal(RefusalKind.Conflict, "Cumberland began on 1 April 2023, so it makes no return for 2022-23 Q4."), result.Refusal);
        Assert.Equal(0, await App.WithDbAsync(db => db.UploadedFiles.CountAsync()));
        Assert.Equal(0, await App.WithDbAsync(db => db.AuthorityReturns.CountAsync()));
    }

    [Fact]
    public async Task Upload_NoFileChosen_AsksForOneAndStoresNothing()
    {
        using var client = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        var token = await ReturnFiles.TokenAsync(client, "/returns/E06000009/2025-26-Q2/upload");
        using var body = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };

        using var response = await client.PostAsync("/returns/E06000009/2025-26-Q2/upload", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Select the return workbook to upload.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await App.WithDbAsync(db => db.UploadedFiles.CountAsync()));
    }

    [Fact]
    public async Task Upload_TextStartingWithFormulaCharacters_IsKeptAsTextAndNeverWrittenBackAsAFormula()
    {
        using var client = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        var blackpool = await ReturnFiles.ProfileAsync(App, ReturnFiles.Blackpool);
        var draft = ReturnFiles.Demo(blackpool);
        draft.Set("Cover", "cover.sro_role", CellValue.FromText("@Director"));
        draft.Set("Cover", "cover.contact_email", CellValue.FromText("=HYPERLINK(\"http://x\")"));
        draft.SetCell("Families", 0, "fam.reference", CellValue.FromText("+44-ABC"));
        var (url, _) = await ReturnFiles.UploadAndReadFeedbackAsync(client, ReturnFiles.Blackpool, ReturnFiles.Period, ReturnFiles.FilledTemplate(blackpool, draft));

        var issues = await App.WithDbAsync(db => db.ReturnIssues.ToListAsync());
        Assert.Contains(issues, i => i.Code == "VAL-011" && i.Value == "=HYPERLINK(\"http://x\")");
        Assert.Contains(issues, i => i.Code == "VAL-014" && i.Value == "+44-ABC");
        using var marked = new XLWorkbook(new MemoryStream(await client.GetByteArrayAsync(url + "/marked.xlsx")));
        Assert.False(marked.Worksheet("Cover").Cell("B10").HasFormula);
        Assert.Equal("=HYPERLINK(\"http://x\")", marked.Worksheet("Cover").Cell("B10").GetString());
        Assert.All(marked.Worksheet("Issues").CellsUsed(), c => Assert.False(c.HasFormula));
    }

    private static byte[] Make(string kind, byte[] template) => kind switch
    {
        "pdf" => Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"),
        "xls" => Cfb(null),
        "encrypted" => Cfb("EncryptionInfo"),
        "xlsm" => Rezip(template, entries =>
        {
            entries["[Content_Types].xml"] = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(entries["[Content_Types].xml"])
                .Replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml", StringComparison.Ordinal));
            entries["xl/vbaProject.bin"] = [1, 2, 3, 4];
        }),
        "ods" => Zip(("mimetype", Encoding.ASCII.GetBytes("application/vnd.oasis.opendocument.spreadsheet")), ("content.xml", Encoding.UTF8.GetBytes("<office:document-content/>"))),
        "word" => Zip(("[Content_Types].xml", Encoding.UTF8.GetBytes("<Types/>")), ("word/document.xml", Encoding.UTF8.GetBytes("<w:document/>"))),
        "csv" => Encoding.UTF8.GetBytes("Measure,This quarter\nChildren looked after at the end of the quarter,120\nChildren subject of a child protection plan,80\n"),
        "truncated" => template[..(template.Length / 2)],
        "zip-bomb" => Zip(("xl/workbook.xml", new byte[30 * 1024 * 1024])),
        "too-large" => Enumerable.Range(0, 21 * 1024 * 1024).Select(i => (byte)(i * 7919 % 251)).ToArray(),
        "other-collection" => Workbook(w => w.Worksheets.Add("Sheet1").Cell(1, 1).SetValue("Pupil numbers")),
        "other-version" => Edit(template, w => w.Worksheet("Cover").Cell(8, 2).SetValue("2019.1")),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static byte[] Malform(string kind, byte[] template) => kind switch
    {
        "missing-sheet" => Edit(template, w => w.Worksheet("Notes").Delete()),
        "renamed-column" => Edit(template, w => w.Worksheet("Families").Cell(4, 2).SetValue("Date started")),
        "duplicated-column" => Edit(template, w => w.Worksheet("Families").Cell(4, 21).SetValue("Start date")),
        "merged-cells" => Edit(template, w => w.Worksheet("Families").Range("A5:B5").Merge()),
        "wrong-authority" => Edit(template, w => w.Worksheet("Cover").Cell(6, 2).SetValue("886")),
        "wrong-period" => Edit(template, w => w.Worksheet("Cover").Cell(7, 2).SetValue("2025-26 Q1")),
        "text-in-number" => Edit(template, w => w.Worksheet("Care").Cell(12, 2).SetValue("about forty")),
        "negative-count" => Edit(template, w => w.Worksheet("Care").Cell(11, 2).SetValue(-4)),
        "odd-date" => Edit(template, w => w.Worksheet("Families").Cell(5, 2).SetValue("5th of August 2025")),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Excel saves a formula's error result with it; a plain export with an error cell is the same to a reader.</summary>
    private static byte[] FormulaError(ReturnDraft draft)
    {
        draft.Set("Care", "care.starts", CellValue.FromError("#DIV/0!"));
        return ReturnFiles.PlainExport(draft);
    }

    private static byte[] Edit(byte[] workbook, Action<XLWorkbook> change)
    {
        using var book = new XLWorkbook(new MemoryStream(workbook));
        change(book);
        using var output = new MemoryStream();
        book.SaveAs(output);
        return output.ToArray();
    }

    private static byte[] Workbook(Action<XLWorkbook> build)
    {
        using var book = new XLWorkbook();
        build(book);
        using var output = new MemoryStream();
        book.SaveAs(output);
        return output.ToArray();
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, name == "mimetype" ? CompressionLevel.NoCompression : CompressionLevel.Optimal).Open();
                stream.Write(content);
            }
        }

        return output.ToArray();
    }

    private static byte[] Rezip(byte[] workbook, Action<Dictionary<string, byte[]>> change)
    {
        var entries = new Dictionary<string, byte[]>();
        using (var zip = new ZipArchive(new MemoryStream(workbook), ZipArchiveMode.Read))
        {
            foreach (var entry in zip.Entries)
            {
                using var stream = entry.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                entries[entry.FullName] = copy.ToArray();
            }
        }

        change(entries);
        return Zip(entries.Select(e => (e.Key, e.Value)).ToArray());
    }

    /// <summary>A compound file (the container of .xls, and of password-protected .xlsx) with one named stream.</summary>
    private static byte[] Cfb(string? streamName) => Spreadsheets.CompoundFileFixture.Build(streamName is null ? ["Workbook"] : [streamName, "EncryptedPackage"]);
}
