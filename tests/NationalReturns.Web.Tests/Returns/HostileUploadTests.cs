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
public partial class HostileUploadTests(WebApp app) : WebAppTest(app)
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
        using var api = await ApiClientAsync();
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
        using var api = await ApiClientAsync();
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
        using var api = await ApiClientAsync();
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
        using var api = await ApiClientAsync();
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
        Assert.Contains("31/12/9999 is in the future", html, StringComparison.Ordinal);
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

    private async Task<HttpClient> ApiClientAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var (token, error) = await scope.ServiceProvider.GetRequiredService<ApiClients.Handler>().IssueAsync(ReturnFiles.Blackpool, "Case system", "test", CancellationToken.None);
        var client = App.CreateHttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token ?? throw new InvalidOperationException(error));
        return client;
    }

    private static MultipartFormDataContent File(byte[] content) => new() { { new ByteArrayContent(content), "file", "return.xlsx" } };

    /// <summary>A clean Blackpool return written as a plain export (one part per sheet, predictable XML), then made hostile.</summary>
    private async Task<byte[]> MakeAsync(string kind)
    {
        var blackpool = await ReturnFiles.ProfileAsync(App, ReturnFiles.Blackpool);
        var draft = ReturnFiles.Demo(blackpool);
        switch (kind)
        {
            case "openpyxl" or "openpyxl-new" or "libreoffice":
                return await System.IO.File.ReadAllBytesAsync(ReturnFiles.FixturePath($"blackpool-2025-26-Q2-{kind}.xlsx"));
            case "long-text-everywhere":
                // One 20,000-character string, kept once in the shared strings and used in 230 cells.
                for (var row = 0; row < 200; row++)
                {
                    draft.NewRow(ReturnSpecifications.Notes)[0] = CellValue.FromText($"SHARED-{row}");
                }

                for (var row = 0; row < 60; row += 2)
                {
                    draft.SetCell(ReturnSpecifications.Families, row, "fam.lead_service", CellValue.FromText($"SHARED-LEAD-{row}"));
                }

                break;
        }

        var parts = ZipFixture.Read(ReturnFiles.PlainExport(draft));
        return kind switch
        {
            "deep-nesting" => DeepNesting(parts),
            "doctype-in-unread-part" => ExtraSheets(parts, 1, _ => """<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>"""),
            "iso-date-cells" => Edit(parts, Sheet(ReturnSpecifications.Families), xml => SerialDate().Replace(xml, m =>
                $"""<c r="{m.Groups[1].Value}" t="d"><v>{DateTime.FromOADate(double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)):yyyy-MM-ddTHH:mm:ss}</v></c>""")),
            "dangling-relationships" => DanglingRelationships(parts),
            "formulas-and-external-links" => FormulasAndExternalLinks(parts),
            "ten-thousand-sheets" => ExtraSheets(parts, 10_000, _ => """<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>"""),
            "million-empty-rows" => Edit(parts, Sheet(ReturnSpecifications.Notes), xml => xml.Replace("</sheetData>", EmptyRows() + "</sheetData>", StringComparison.Ordinal)),
            "rows-out-of-order" => Edit(parts, Sheet(ReturnSpecifications.Families), xml => xml.Replace("<sheetData>", """<sheetData><row r="900"><c r="A900" t="inlineStr"><is><t>LATE-1</t></is></c></row>""", StringComparison.Ordinal)),
            "control-characters" => Edit(parts, Sheet(ReturnSpecifications.Notes), xml => xml.Replace("</sheetData>", """<row r="40"><c r="A40" t="inlineStr"><is><t>bell_x0007_ and _x001B_escape and a literal _x005F_x0041_</t></is></c></row></sheetData>""", StringComparison.Ordinal)),
            "merged-areas" => Edit(parts, Sheet(ReturnSpecifications.Families), xml => xml.Replace("</worksheet>", MergedAreas(200_000) + "</worksheet>", StringComparison.Ordinal)),
            "long-text-everywhere" => SharedLongText(parts),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private static string Sheet(string name) => $"xl/worksheets/sheet{ReturnSpecifications.V2025_1.Sheets.ToList().FindIndex(s => s.Name == name) + 1}.xml";

    private static byte[] Edit(List<ZipItem> parts, string path, Func<string, string> change)
    {
        var index = parts.FindIndex(p => p.Name == path);
        parts[index] = ZipItem.Text(path, change(Encoding.UTF8.GetString(parts[index].Data)));
        return ZipFixture.Build(parts.ToArray());
    }

    private static List<ZipItem> EditText(List<ZipItem> parts, string path, Func<string, string> change)
    {
        var index = parts.FindIndex(p => p.Name == path);
        parts[index] = ZipItem.Text(path, change(Encoding.UTF8.GetString(parts[index].Data)));
        return parts;
    }

    /// <summary>A cell and a shared string each holding 20,000 nested elements the reader does not need.</summary>
    private static byte[] DeepNesting(List<ZipItem> parts)
    {
        // Varied attributes, so the part does not compress like a zip bomb and the reader takes it.
        var random = new Random(20_000);
        var nested = string.Concat(Enumerable.Range(0, 20_000).Select(_ => $"<rPh sb=\"{random.Next(100_000)}\" eb=\"{random.Next(100_000)}\">"))
            + "<t>x</t>" + string.Concat(Enumerable.Repeat("</rPh>", 20_000));
        EditText(parts, Sheet(ReturnSpecifications.Notes), xml => xml.Replace("</sheetData>",
            $"""<row r="40"><c r="A40" t="inlineStr"><is><t>Deep inline</t>{nested}</is></c></row><row r="41"><c r="A41" t="s"><v>0</v></c></row></sheetData>""", StringComparison.Ordinal));
        parts.Add(ZipItem.Text("xl/sharedStrings.xml", $"""<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>Deep shared</t>{nested}</si></sst>"""));
        EditText(parts, "xl/_rels/workbook.xml.rels", xml => xml.Replace("</Relationships>",
            """<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>""", StringComparison.Ordinal));
        EditText(parts, "[Content_Types].xml", xml => xml.Replace("</Types>",
            """<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>""", StringComparison.Ordinal));
        return ZipFixture.Build(parts.ToArray());
    }

    /// <summary>Every cell the draft marked SHARED-… points at one shared string of 20,000 characters that do not compress away.</summary>
    private static byte[] SharedLongText(List<ZipItem> parts)
    {
        var random = new Random(12);
        var text = new string(Enumerable.Range(0, 20_000).Select(_ => (char)('a' + random.Next(26))).ToArray());
        foreach (var sheet in new[] { Sheet(ReturnSpecifications.Notes), Sheet(ReturnSpecifications.Families) })
        {
            EditText(parts, sheet, xml => SharedMarker().Replace(xml, m => $"""<c r="{m.Groups[1].Value}" t="s"><v>0</v></c>"""));
        }

        parts.Add(ZipItem.Text("xl/sharedStrings.xml", $"""<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>{text}</t></si></sst>"""));
        EditText(parts, "xl/_rels/workbook.xml.rels", xml => xml.Replace("</Relationships>",
            """<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>""", StringComparison.Ordinal));
        EditText(parts, "[Content_Types].xml", xml => xml.Replace("</Types>",
            """<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>""", StringComparison.Ordinal));
        return ZipFixture.Build(parts.ToArray());
    }

    /// <summary>Sheets the return does not have, each with its own part, listed after the return's sheets.</summary>
    private static byte[] ExtraSheets(List<ZipItem> parts, int count, Func<int, string> xml)
    {
        var sheets = new StringBuilder();
        var rels = new StringBuilder();
        var types = new StringBuilder();
        for (var i = 1; i <= count; i++)
        {
            parts.Add(ZipItem.Text($"xl/worksheets/extra{i}.xml", xml(i), CompressionLevel.Fastest));
            sheets.Append(CultureInfo.InvariantCulture, $"""<sheet name="Extra {i}" sheetId="{1000 + i}" r:id="rIdExtra{i}"/>""");
            rels.Append(CultureInfo.InvariantCulture, $"""<Relationship Id="rIdExtra{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/extra{i}.xml"/>""");
            types.Append(CultureInfo.InvariantCulture, $"""<Override PartName="/xl/worksheets/extra{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>""");
        }

        EditText(parts, "xl/workbook.xml", w => w.Replace("</sheets>", sheets + "</sheets>", StringComparison.Ordinal));
        EditText(parts, "xl/_rels/workbook.xml.rels", r => r.Replace("</Relationships>", rels + "</Relationships>", StringComparison.Ordinal));
        EditText(parts, "[Content_Types].xml", t => t.Replace("</Types>", types + "</Types>", StringComparison.Ordinal));
        return ZipFixture.Build(parts.ToArray());
    }

    private static byte[] DanglingRelationships(List<ZipItem> parts)
    {
        var families = Sheet(ReturnSpecifications.Families);
        EditText(parts, families, xml => xml.Replace("</worksheet>", """<drawing xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rIdMissing"/></worksheet>""", StringComparison.Ordinal));
        parts.Add(ZipItem.Text(families.Replace("worksheets/", "worksheets/_rels/", StringComparison.Ordinal) + ".rels",
            """<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdMissing" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/nowhere.xml"/></Relationships>"""));
        EditText(parts, "xl/_rels/workbook.xml.rels", xml => xml.Replace("</Relationships>",
            """<Relationship Id="rIdGone" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme9.xml"/></Relationships>""", StringComparison.Ordinal));
        return ZipFixture.Build(parts.ToArray());
    }

    private static byte[] FormulasAndExternalLinks(List<ZipItem> parts)
    {
        EditText(parts, Sheet(ReturnSpecifications.Care), xml => CareStarts().Replace(xml, """<c r="B5"><f>[1]Sheet1!A1+SUM(B6:B10)-'http://evil.example/x'!A1</f><v>12</v></c>""", 1));
        parts.Add(ZipItem.Text("xl/externalLinks/externalLink1.xml",
            """<?xml version="1.0"?><externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><externalBook r:id="rId1"><sheetNames><sheetName val="Sheet1"/></sheetNames></externalBook></externalLink>"""));
        parts.Add(ZipItem.Text("xl/externalLinks/_rels/externalLink1.xml.rels",
            """<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" Target="file:///C:/secret/budget.xlsx" TargetMode="External"/></Relationships>"""));
        EditText(parts, "xl/workbook.xml", xml => xml.Replace("</sheets>", """</sheets><externalReferences><externalReference r:id="rIdLink"/></externalReferences><definedNames><definedName name="Evil">[1]Sheet1!$A$1</definedName></definedNames>""", StringComparison.Ordinal));
        EditText(parts, "xl/_rels/workbook.xml.rels", xml => xml.Replace("</Relationships>",
            """<Relationship Id="rIdLink" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" Target="externalLinks/externalLink1.xml"/></Relationships>""", StringComparison.Ordinal));
        EditText(parts, "[Content_Types].xml", xml => xml.Replace("</Types>",
            """<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/></Types>""", StringComparison.Ordinal));
        return ZipFixture.Build(parts.ToArray());
    }

    /// <summary>Every row number up to Excel's last, empty: 1,048,576 row elements after the notes.</summary>
    private static string EmptyRows()
    {
        var rows = new StringBuilder(20 * 1024 * 1024);
        for (var r = 100; r <= CellReference.MaxRow; r++)
        {
            rows.Append(CultureInfo.InvariantCulture, $"<row r=\"{r}\"/>");
        }

        return rows.ToString();
    }

    private static string MergedAreas(int count)
    {
        var merged = new StringBuilder();
        merged.Append(CultureInfo.InvariantCulture, $"<mergeCells count=\"{count}\">");
        for (var r = 0; r < count; r++)
        {
            merged.Append(CultureInfo.InvariantCulture, $"<mergeCell ref=\"AA{r + 5}:AB{r + 5}\"/>");
        }

        return merged.Append("</mergeCells>").ToString();
    }

    [GeneratedRegex("""<c r="([A-Z]+\d+)" t="inlineStr"><is><t xml:space="preserve">SHARED-[A-Z0-9-]+</t></is></c>""")]
    private static partial Regex SharedMarker();

    [GeneratedRegex("""<c r="(B\d+)" s="1"><v>([\d.]+)</v></c>""")]
    private static partial Regex SerialDate();

    [GeneratedRegex("""<c r="B5"[^>]*>(<v>[^<]*</v>|<is>.*?</is>)</c>""")]
    private static partial Regex CareStarts();
}
