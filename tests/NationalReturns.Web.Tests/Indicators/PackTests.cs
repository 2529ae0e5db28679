using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NationalReturns.Domain.Indicators;
using NationalReturns.Web.Features.Packs;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;

namespace NationalReturns.Web.Tests.Indicators;

/// <summary>Benchmarking packs over the demo collection: the same numbers as the API and the dashboard, disclosure as officials see it, Excel conventions, and a second spreadsheet program.</summary>
[Collection(DemoQuarters.Name)]
public sealed class PackTests(DemoCollectionApp app)
{
    private const string Blackpool = "E06000009";
    private const string NorthWest = "E12000002";
    private static readonly string Quarter = DemoCollectionApp.Last.Previous.UrlSegment;

    private static async Task<XLWorkbook> PackAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        return new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
    }

    private static async Task<JsonElement> JsonAsync(HttpClient client, string url) =>
        JsonDocument.Parse(await client.GetStringAsync(url)).RootElement.Clone();

    private static int Column(JsonElement chart, string key) =>
        chart.GetProperty("columns").EnumerateArray().Select((c, i) => (Key: c.GetProperty("key").GetString(), Index: i)).Single(c => c.Key == key).Index;

    /// <summary>The Summary sheet's table, by header, one dictionary a row.</summary>
    private static List<Dictionary<string, IXLCell>> Summary(XLWorkbook pack)
    {
        var table = pack.Worksheet("Summary").Tables.Single();
        var headers = table.HeadersRow().Cells().Select(c => c.GetString()).ToList();
        return table.DataRange.Rows().Select(r => headers.Select((h, i) => (h, r.Cell(i + 1))).ToDictionary(x => x.h, x => (IXLCell)x.Item2)).ToList();
    }

    [Fact]
    public async Task AreaPack_EveryIndicator_HasTheSameFiguresAsTheApiAndTheDashboard()
    {
        using var official = await app.SignedInAsync(Roles.Official);
        var api = await JsonAsync(official, $"/api/v1/charts/areas/{Blackpool}/summary?period={Quarter}");
        var page = await Pages.GetAsync(official, $"/areas/{Blackpool}/dashboard?period={Quarter}");

        using var pack = await PackAsync(official, $"/packs/areas/{Blackpool}.xlsx?period={Quarter}");
        var rows = Summary(pack);

        Assert.Equal(IndicatorCatalogue.All.Count, rows.Count);
        var compared = 0;
        foreach (var line in api.GetProperty("rows").EnumerateArray())
        {
            var id = line[Column(api, "indicator_id")].GetString()!;
            var title = IndicatorCatalogue.All.Single(i => i.Id == id).Title;
            var row = rows.Single(r => r["Indicator"].GetString() == title);
            foreach (var (key, header) in new[] { ("value", "Value"), ("lower_95", "95% lower"), ("upper_95", "95% upper"), ("england", "England"), ("region", "Region"), ("neighbours_median", "Neighbours' median") })
            {
                var expected = line[Column(api, key)];
                var cell = row[header];
                if (expected.ValueKind == JsonValueKind.Number)
                {
                    Assert.Equal(XLDataType.Number, cell.DataType);
                    Assert.Equal(expected.GetDouble(), cell.GetDouble());
                    compared++;
                }
                else
                {
                    Assert.True(cell.IsEmpty(), $"{id} {header}: the API has no figure, the pack has '{cell.GetString()}'");
                }
            }

            var count = line[Column(api, "count")];
            Assert.Equal(count.ValueKind == JsonValueKind.Number ? count.GetDouble().ToString(CultureInfo.InvariantCulture) : count.GetString(),
                row["Count"].DataType == XLDataType.Number ? row["Count"].GetDouble().ToString(CultureInfo.InvariantCulture) : row["Count"].GetString());
            if (page.QuerySelector($"[data-table=dashboard-summary] tr[data-indicator={id}] [data-value]") is { } onPage && row["Value"].DataType == XLDataType.Number)
            {
                Assert.Equal(onPage.Text().Trim(), row["Value"].GetDouble().ToString("N1", CultureInfo.GetCultureInfo("en-GB")));
            }
        }

        Assert.True(compared > 40, $"only {compared} figures compared");
    }

    [Fact]
    public async Task AreaPack_AsOfficial_WithholdsSmallCountsAsTheDashboardDoes()
    {
        using var official = await app.SignedInAsync(Roles.Official);
        var api = await JsonAsync(official, $"/api/v1/charts/areas/{Blackpool}/summary?period={Quarter}");
        var withheld = api.GetProperty("rows").EnumerateArray()
            .Where(l => l[Column(api, "count")].ValueKind == JsonValueKind.String && l[Column(api, "count")].GetString() == "c")
            .Select(l => IndicatorCatalogue.All.Single(i => i.Id == l[Column(api, "indicator_id")].GetString()).Title).ToList();

        using var pack = await PackAsync(official, $"/packs/areas/{Blackpool}.xlsx?period={Quarter}");
        var rows = Summary(pack);

        Assert.NotEmpty(withheld);
        Assert.All(withheld, title =>
        {
            var row = rows.Single(r => r["Indicator"].GetString() == title);
            Assert.Equal("c", row["Count"].GetString());
            Assert.True(row["Value"].IsEmpty(), $"{title}'s value is shown beside a withheld count");
        });
        // No count of 1 to 4 anywhere in the workbook's tables.
        var small = pack.Worksheets.SelectMany(w => w.Tables).SelectMany(t => t.DataRange.Columns().Where(c => t.HeadersRow().Cell(c.ColumnNumber() - t.RangeAddress.FirstAddress.ColumnNumber + 1).GetString() == "Count"))
            .SelectMany(c => c.Cells()).Where(c => c.DataType == XLDataType.Number && c.GetDouble() is >= 1 and <= 4).Select(c => c.Address.ToString()).ToList();
        Assert.Empty(small);
    }

    [Fact]
    public async Task RegionAndEnglandPacks_Totals_AreTheCountsOfficialsSeeOnTheIndicatorPages()
    {
        using var official = await app.SignedInAsync(Roles.Official);
        using var region = await PackAsync(official, $"/packs/regions/{NorthWest}.xlsx?period={Quarter}");
        using var england = await PackAsync(official, $"/packs/england.xlsx?period={Quarter}");
        var inRegion = Summary(region);
        var inEngland = Summary(england);

        // The page writes 1,230; the workbook holds the number 1230. A mark (c, x) is the same text in both.
        static string Expected(string text) => text.Any(char.IsAsciiDigit) ? new([.. text.Where(char.IsAsciiDigit)]) : text;
        static string Shown(IXLCell cell) => cell.DataType == XLDataType.Number ? cell.GetDouble().ToString(CultureInfo.InvariantCulture) : cell.GetString();
        foreach (var indicator in IndicatorCatalogue.All)
        {
            var regions = await Pages.GetAsync(official, $"/indicators/{indicator.Id}?period={Quarter}&level=region");
            var national = await Pages.GetAsync(official, $"/indicators/{indicator.Id}?period={Quarter}&level=england");
            var regionCount = regions.QuerySelector($"tr[data-area={NorthWest}] [data-numerator]")!.Text().Trim();
            var englandCount = national.QuerySelector("tr[data-area] [data-numerator]")!.Text().Trim();

            Assert.Equal(Expected(regionCount), Shown(inRegion.Single(r => r["Indicator"].GetString() == indicator.Title)["Count"]));
            Assert.Equal(Expected(englandCount), Shown(inEngland.Single(r => r["Indicator"].GetString() == indicator.Title)["Count"]));
        }
    }

    [Fact]
    public async Task AreaPack_InExcelTerms_HasFrozenHeadersTablesPrintAreasPropertiesAndNoMergedCells()
    {
        using var official = await app.SignedInAsync(Roles.Official);

        using var pack = await PackAsync(official, $"/packs/areas/{Blackpool}.xlsx?period={Quarter}");

        Assert.Equal(["Cover", "Summary", "Children's social care", "Youth justice", "Homelessness", "Early help", "Self-assessment", "Definitions", "Notes"], pack.Worksheets.Select(w => w.Name));
        Assert.StartsWith("Benchmarking pack: Blackpool", pack.Properties.Title, StringComparison.Ordinal);
        Assert.Equal(5, pack.Worksheet("Summary").SheetView.SplitRow);
        foreach (var sheet in pack.Worksheets)
        {
            Assert.Empty(sheet.MergedRanges);
            Assert.Equal(XLPageOrientation.Landscape, sheet.PageSetup.PageOrientation);
            Assert.Equal(XLPaperSize.A4Paper, sheet.PageSetup.PaperSize);
            Assert.Equal(1, sheet.PageSetup.PagesWide);
            Assert.NotEmpty(sheet.PageSetup.PrintAreas);
            Assert.True(sheet.Name == "Cover" || sheet.Tables.Any(), $"{sheet.Name} has no table");
        }

        // Scores: the area's assessments, each area's level, and the national distribution by stage.
        Assert.Equal(3, pack.Worksheet("Self-assessment").Tables.Count());
        Assert.NotEmpty(pack.Worksheet("Self-assessment").Tables.First().DataRange.Rows());

        // The cover links to every sheet.
        var links = pack.Worksheet("Cover").CellsUsed().Where(c => c.HasHyperlink).Select(c => c.GetString()).ToList();
        Assert.Equal(pack.Worksheets.Skip(1).Select(w => w.Name), links);
    }

    [Fact]
    public async Task AreaPack_OpenedByLibreOffice_ConvertsToAPdfWithAPagePerPartAtLeast()
    {
        using var official = await app.SignedInAsync(Roles.Official);
        using var response = await official.GetAsync($"/packs/areas/{Blackpool}.xlsx?period={Quarter}");
        var folder = Directory.CreateTempSubdirectory("nr-pack-");
        try
        {
            var file = Path.Combine(folder.FullName, "pack.xlsx");
            await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
            var start = new ProcessStartInfo("soffice") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder.FullName };
            foreach (var arg in new[] { $"-env:UserInstallation=file://{folder.FullName}/profile", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", folder.FullName, file })
            {
                start.ArgumentList.Add(arg);
            }

            using var soffice = Process.Start(start)!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await soffice.WaitForExitAsync(timeout.Token);
            var pdf = Path.Combine(folder.FullName, "pack.pdf");

            Assert.Equal(0, soffice.ExitCode);
            Assert.True(File.Exists(pdf), "LibreOffice made no PDF: " + await soffice.StandardError.ReadToEndAsync());
            var text = System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(pdf));
            var pages = System.Text.RegularExpressions.Regex.Count(text, @"/Type\s*/Page[^s]");
            // Nine sheets, each at least a page; the family sheets run to several.
            Assert.InRange(pages, 9, 60);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task AreaPack_ForAnotherAuthoritysStaff_IsRefusedAndEveryDownloadIsAudited()
    {
        using var kent = await app.SignedInAsync(Roles.Preparer, "E10000016");
        using var blackpool = await app.SignedInAsync(Roles.Preparer, Blackpool);

        using var refused = await kent.GetAsync($"/packs/areas/{Blackpool}.xlsx?period={Quarter}");
        using var own = await blackpool.GetAsync($"/packs/areas/{Blackpool}.xlsx?period={Quarter}");
        using var region = await blackpool.GetAsync($"/packs/regions/{NorthWest}.xlsx?period={Quarter}");
        var list = await Pages.GetAsync(blackpool, $"/packs?period={Quarter}");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, region.StatusCode);
        Assert.Equal([$"/packs/areas/{Blackpool}.xlsx?period={Quarter}"], list.QuerySelectorAll("[data-table^=packs] a").Select(a => a.GetAttribute("href")));
        // Written in the background, within moments of the download.
        var audited = false;
        for (var tries = 0; tries < 50 && !audited; tries++)
        {
            audited = await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "pack-downloaded" && e.AuthorityCode == Blackpool && e.Actor.Contains("Test Preparer")));
            await Task.Delay(audited ? 0 : 100);
        }

        Assert.True(audited, "the download was not audited within 5 seconds");
    }

    [Fact]
    public async Task Packs_Listed_ShowTheirSizeOnceBuiltAndTheZipHoldsEveryAreasPack()
    {
        using var national = await app.SignedInAsync(Roles.NationalTeam);
        using var zip = await national.GetAsync($"/packs/areas.zip?period={Quarter}");
        var list = await Pages.GetAsync(national, $"/packs?period={Quarter}");

        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(await zip.Content.ReadAsByteArrayAsync()));
        var current = await app.WithDbAsync(db => db.LocalAuthorities.CountAsync(a => a.ValidTo == null));
        Assert.Equal(current, archive.Entries.Count);
        Assert.Contains(archive.Entries, e => e.Name == $"benchmarking-pack-{Blackpool}-{Quarter}.xlsx");
        var areaRows = list.QuerySelectorAll("[data-table=packs-areas] tbody tr");
        Assert.Equal(current, areaRows.Length);
        Assert.All(areaRows, r => Assert.EndsWith("KB", r.QuerySelectorAll("td")[0].Text().Trim(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task PacksJob_RunTwice_BuildsEveryPackOnceThenNothing()
    {
        var period = Domain.Periods.ReturnPeriod.Parse(Quarter);
        var store = app.Services.GetRequiredService<PackStore>();

        await store.BuildQuarterAsync(period, CancellationToken.None);
        var again = await store.BuildQuarterAsync(period, CancellationToken.None);
        var built = await store.ListAsync(period, CancellationToken.None);

        Assert.Equal(0, again);
        var areas = await app.WithDbAsync(db => db.LocalAuthorities.CountAsync(a => a.ValidTo == null));
        var regions = await app.WithDbAsync(db => db.Regions.CountAsync(r => r.ParentCode == null));
        Assert.Equal(areas, built.Keys.Count(k => k.Kind == "area"));
        Assert.Equal(regions, built.Keys.Count(k => k.Kind == "region"));
        Assert.Contains(("england", IndicatorTable.EnglandCode), built.Keys);
        Assert.Contains((DownloadPack.AreasZip, IndicatorTable.EnglandCode), built.Keys);
    }

    [Theory]
    [InlineData("/packs/regions/E12999999.xlsx")]
    [InlineData("/packs/regions/not-a-region.xlsx")]
    [InlineData("/packs/areas/E06999999.xlsx")]
    public async Task Pack_ForAnAreaThatDoesNotExist_Is404AndNothingIsStored(string path)
    {
        using var official = await app.SignedInAsync(Roles.Official);

        using var response = await official.GetAsync($"{path}?period={Quarter}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.StoredPacks.AnyAsync(p => p.Code == "E12999999" || p.Code == "E06999999" || p.Code == "not-a-region")));
    }

    [Fact]
    public async Task AreaPack_AskedAgainWithItsEntityTag_IsNotModifiedAndNamedForDownload()
    {
        using var official = await app.SignedInAsync(Roles.Official);
        var url = $"/packs/areas/{Blackpool}.xlsx?period={Quarter}";
        using var first = await official.GetAsync(url);
        var bytes = await first.Content.ReadAsByteArrayAsync();

        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await official.SendAsync(again);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(bytes.Length, first.Content.Headers.ContentLength);
        Assert.StartsWith("benchmarking-pack-blackpool-", first.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public void Workbook_TextThatLooksLikeAFormula_IsWrittenAsText()
    {
        var table = new Features.Benchmarking.ChartData("table", "t", "Areas", "", "",
            [new("code", "Code", Features.Benchmarking.ColumnKind.Text), new("name", "Area", Features.Benchmarking.ColumnKind.Text), new("value", "Value", Features.Benchmarking.ColumnKind.Number)],
            [["E0", "=HYPERLINK(\"https://example.com\",\"Click\")", 1.5], ["E1", "+SUM(A1:A9)", 2.5]]);
        var content = new BuildPack.Content(PackKind.Area, "E0", "=Somewhere", Domain.Periods.ReturnPeriod.Parse("2025-26-Q4"), new Coverage(1, 1), false, 0,
            [new BuildPack.Sheet("Summary", "=Title", "Summary", [table])], DateTimeOffset.UnixEpoch);

        using var workbook = new XLWorkbook(new MemoryStream(PackWorkbook.Write(content)));

        var cells = workbook.Worksheets.SelectMany(w => w.CellsUsed()).ToList();
        Assert.DoesNotContain(cells, c => c.HasFormula);
        Assert.Contains(cells, c => c.GetString() == "=HYPERLINK(\"https://example.com\",\"Click\")");
        Assert.Equal(1.5, workbook.Worksheet("Summary").Tables.Single().DataRange.Cell(1, 3).GetDouble());
    }
}
