using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Indicators;
using NationalReturns.Domain.Statistics;
using NationalReturns.Web.Features.Benchmarking;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;

namespace NationalReturns.Web.Tests.Indicators;

/// <summary>The dashboards over the demo collection: what each page and chart says, and that they all say the same number.</summary>
[Collection(DemoQuarters.Name)]
public sealed class DashboardTests(DemoCollectionApp app)
{
    private const string Blackpool = "E06000009";
    private static readonly string[] FiveFigures = ["lowest", "lower_quartile", "median", "upper_quartile", "highest"];
    private static readonly string Quarter = DemoCollectionApp.Last.Previous.UrlSegment;

    private static async Task<JsonElement> JsonAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static async Task<List<Dictionary<string, string>>> CsvAsync(HttpClient client, string url)
    {
        var lines = (await client.GetStringAsync(url)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = Split(lines[0]);
        return lines.Skip(1).Select(l => header.Zip(Split(l)).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    /// <summary>RFC 4180 fields: enough for quoted names such as "Bristol, City of".</summary>
    private static List<string> Split(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }

    private static List<JsonElement> Rows(JsonElement chart) => chart.GetProperty("rows").EnumerateArray().ToList();

    private static int Column(JsonElement chart, string key) =>
        chart.GetProperty("columns").EnumerateArray().Select((c, i) => (Key: c.GetProperty("key").GetString(), Index: i)).Single(c => c.Key == key).Index;

    [Fact]
    public async Task Dashboard_OneFigure_IsTheSameInTheTableChartJsonCsvAndIndicatorApi()
    {
        using var official = await app.SignedInAsync(Roles.Official);
        var page = await Pages.GetAsync(official, $"/areas/{Blackpool}/dashboard?period={Quarter}");
        var summary = await JsonAsync(official, $"/api/v1/charts/areas/{Blackpool}/summary?period={Quarter}");
        var neighbours = await JsonAsync(official, $"/api/v1/charts/areas/{Blackpool}/neighbours/CARE-START?period={Quarter}");
        var trend = await JsonAsync(official, $"/api/v1/charts/areas/{Blackpool}/trend/CARE-START?period={Quarter}");
        var csv = await CsvAsync(official, $"/api/v1/charts/areas/{Blackpool}/summary?period={Quarter}&format=csv");
        var compare = await CsvAsync(official, $"/api/v1/charts/indicators/CARE-START/compare?period={Quarter}&format=csv");

        // The indicator API is for councils' tools: Blackpool's own client reads the same row.
        using var client = await app.ApiClientAsync(Blackpool);
        var api = await JsonAsync(client, $"/api/v1/indicators/CARE-START?period={Quarter}");
        var apiValue = api.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("code").GetString() == Blackpool).GetProperty("value").GetDouble();

        var onPage = double.Parse(page.QuerySelector("[data-table=dashboard-summary] tr[data-indicator=CARE-START] [data-value]")!.Text(), CultureInfo.GetCultureInfo("en-GB"));
        var inSummary = Rows(summary).Single(r => r[0].GetString() == "CARE-START")[Column(summary, "value")].GetDouble();
        var inNeighbours = Rows(neighbours).Single(r => r[0].GetString() == Blackpool)[Column(neighbours, "value")].GetDouble();
        var inTrend = Rows(trend).Single(r => r[0].GetString() == Quarter)[Column(trend, "value")].GetDouble();
        var inCsv = double.Parse(csv.Single(r => r["indicator_id"] == "CARE-START")["value"], CultureInfo.InvariantCulture);
        var inCompare = double.Parse(compare.Single(r => r["code"] == Blackpool)["value"], CultureInfo.InvariantCulture);

        Assert.True(apiValue > 0, "Blackpool's figure should be a real rate");
        Assert.Equal(apiValue, onPage);
        Assert.Equal(apiValue, inSummary);
        Assert.Equal(apiValue, inNeighbours);
        Assert.Equal(apiValue, inTrend);
        Assert.Equal(apiValue, inCsv);
        Assert.Equal(apiValue, inCompare);
    }

    [Fact]
    public async Task Dashboard_AsOfficial_ShowsEveryIndicatorWithCoverageSpineAndCharts()
    {
        using var official = await app.SignedInAsync(Roles.Official);

        var page = await Pages.GetAsync(official, $"/areas/{Blackpool}/dashboard");

        Assert.Equal("Blackpool: dashboard", page.QuerySelector("h1")!.Text());
        // It opens on the newest quarter every authority's return is in, not the one still being collected.
        Assert.Contains(DemoCollectionApp.Last.Previous.ToString(), page.QuerySelector(".govuk-caption-l")!.Text(), StringComparison.Ordinal);
        var rows = page.QuerySelectorAll("[data-table=dashboard-summary] tbody tr");
        Assert.Equal(IndicatorCatalogue.All.Count, rows.Length);
        Assert.All(rows, r => Assert.Matches(@"\d+ of \d+", r.QuerySelector("[data-england] .nr-coverage")!.Text()));
        Assert.All(rows, r => Assert.Matches(@"\d+ of \d+", r.QuerySelector("[data-region] .nr-coverage")!.Text()));
        // A comparison is always words, with a colour beside them.
        Assert.All(rows, r => Assert.False(string.IsNullOrWhiteSpace(r.QuerySelector(".nr-cmp")!.Text())));
        // The spine chart, and a trend and neighbours chart per indicator, each with its data source and a table.
        Assert.NotNull(page.QuerySelector($"canvas[data-chart-src^='/api/v1/charts/areas/{Blackpool}/spine']"));
        Assert.Equal(IndicatorCatalogue.All.Count, page.QuerySelectorAll("canvas[data-kind=trend]").Length);
        Assert.Equal(IndicatorCatalogue.All.Count, page.QuerySelectorAll("canvas[data-kind=bars]").Length);
        Assert.All(page.QuerySelectorAll("figure[data-chart-id]"), f => Assert.NotNull(f.QuerySelector("table")));
        Assert.All(page.QuerySelectorAll("figure[data-chart-id]"), f => Assert.False(string.IsNullOrWhiteSpace(f.QuerySelector("[data-summary]")!.Text())));
        // Officials may see self-assessment scores: the demo has signed-off ones.
        Assert.NotNull(page.QuerySelector("[data-table=dashboard-scores]"));
    }

    [Fact]
    public async Task SpineChart_EveryRow_PutsBetterOnTheRightAndEnglandInTheMiddle()
    {
        using var official = await app.SignedInAsync(Roles.Official);

        var spine = await JsonAsync(official, $"/api/v1/charts/areas/{Blackpool}/spine?period={Quarter}");

        var rows = Rows(spine);
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var indicator = IndicatorCatalogue.All.Single(i => i.Title == row[0].GetString());
            var worst = row[Column(spine, "worst")].GetDouble();
            var best = row[Column(spine, "best")].GetDouble();
            Assert.True(indicator.Polarity == Polarity.LowerIsBetter ? worst >= best : worst <= best, $"{indicator.Id}: worst {worst}, best {best}");
            Assert.True(row[Column(spine, "worst_position")].GetDouble() <= 0.5 && row[Column(spine, "best_position")].GetDouble() >= 0.5);
            Assert.True(row[Column(spine, "worse_quartile_position")].GetDouble() <= row[Column(spine, "better_quartile_position")].GetDouble());
        }

        // Indicators without a better direction are left off, with a note saying so.
        Assert.Contains(spine.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("Families worked with", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Compare_RegionPickedOut_EveryAuthoritySortedWithTheRegionMarked()
    {
        using var official = await app.SignedInAsync(Roles.Official);

        var chart = await JsonAsync(official, $"/api/v1/charts/indicators/HL-RELIEF/compare?period={Quarter}&group=region-E12000002");
        var page = await Pages.GetAsync(official, $"/indicators/HL-RELIEF/compare?period={Quarter}&group=region-E12000002");

        var rows = Rows(chart);
        var values = rows.Select(r => r[Column(chart, "value")]).Where(v => v.ValueKind == JsonValueKind.Number).Select(v => v.GetDouble()).ToList();
        Assert.True(rows.Count >= 150, $"only {rows.Count} authorities");
        Assert.Equal(values.Order(), values);
        var picked = rows.Where(r => r[Column(chart, "highlight")].GetString() == "yes").Select(r => r[Column(chart, "region")].GetString()).ToList();
        Assert.Equal(rows.Count(r => r[Column(chart, "region")].GetString() == "North West"), picked.Count);
        Assert.True(picked.Count >= 20);
        Assert.All(picked, region => Assert.Equal("North West", region));
        Assert.Contains("North West are picked out", chart.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal(rows.Count, page.QuerySelectorAll("[data-chart-table] tbody tr").Length);
        Assert.Equal("region-E12000002", page.QuerySelector("#group option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Compare_GroupThatDoesNotExist_Is404SayingWhatToChoose()
    {
        using var official = await app.SignedInAsync(Roles.Official);

        using var response = await official.GetAsync($"/indicators/HL-RELIEF/compare?group=region-E99999999");
        using var api = await official.GetAsync($"/api/v1/charts/indicators/HL-RELIEF/compare?group=gang-of-four");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Choose a region, an authority type or an authority's neighbours", (await Pages.ParseAsync(response)).QuerySelector("[data-message]")!.Text(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
    }

    [Fact]
    public async Task Funnel_EveryPoint_IsJudgedAgainstTheLimitsAtItsOwnSize()
    {
        using var official = await app.SignedInAsync(Roles.Official);

        var chart = await JsonAsync(official, $"/api/v1/charts/indicators/CARE-START/funnel?period={Quarter}");

        var england = chart.GetProperty("reference").GetProperty("england").GetDouble();
        var indicator = IndicatorCatalogue.Find("CARE-START")!;
        var rows = Rows(chart);
        Assert.True(rows.Count > 100);
        foreach (var row in rows)
        {
            var denominator = row[Column(chart, "denominator")].GetDouble();
            var lower = row[Column(chart, "lower_95_limit")].GetDouble();
            var upper = row[Column(chart, "upper_95_limit")].GetDouble();
            Assert.True(row[Column(chart, "lower_99_8_limit")].GetDouble() <= lower && lower < england && england < upper && upper <= row[Column(chart, "upper_99_8_limit")].GetDouble());
            // The limits are the domain's, at this authority's denominator, against England's stored value (rounded only for display).
            var expected = FunnelLimits.Rate(england, denominator, indicator.Multiplier, Confidence.Ninety5);
            Assert.Equal(expected.Upper, upper, 0.2);
        }

        // Four limit curves, each narrowing as authorities grow.
        var curves = chart.GetProperty("curves").EnumerateArray().ToList();
        Assert.Equal(["lower_99_8", "lower_95", "upper_95", "upper_99_8"], curves.Select(c => c.GetProperty("key").GetString()));
        var upper95 = curves[2].GetProperty("y").EnumerateArray().Select(y => y.GetDouble()).ToList();
        Assert.True(upper95[0] > upper95[^1], "the funnel should narrow");
    }

    [Fact]
    public async Task Map_EveryCurrentAuthority_IsAHexLinkingToItsDashboard()
    {
        using var official = await app.SignedInAsync(Roles.Official);

        var page = await Pages.GetAsync(official, $"/indicators/CARE-CLA/map?period={Quarter}&colour=quartile");

        var hexes = page.QuerySelectorAll("svg[data-hexmap] a");
        Assert.Equal(153, hexes.Length);
        Assert.All(hexes, a => Assert.Matches($"^/areas/E\\d{{8}}/dashboard\\?period={Quarter}$", a.GetAttribute("href")!));
        Assert.All(hexes, a => Assert.Contains(":", a.GetAttribute("aria-label")!, StringComparison.Ordinal));
        Assert.Contains(page.QuerySelectorAll(".nr-legend li"), li => li.Text().Contains("Highest quarter", StringComparison.Ordinal));
        using var response = await official.GetAsync(hexes[0].GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Overview_SortedByAnIndicatorAndFilteredByType_ListsCountiesInValueOrder()
    {
        using var official = await app.SignedInAsync(Roles.Official);

        var page = await Pages.GetAsync(official, $"/indicators/overview?period={Quarter}&group=type-county&sort=YJ-FTE");

        var rows = page.QuerySelectorAll("[data-table=overview] tbody tr[data-code]");
        Assert.Equal(21, rows.Length);
        // Cells are found by their column: the header names the indicator, the 1,800 cells do not.
        var headers = page.QuerySelectorAll("[data-table=overview] thead th").ToList();
        int Column(string id) => headers.FindIndex(h => h.GetAttribute("data-indicator") == id);
        var values = rows.Select(r => r.Children[Column("YJ-FTE")].GetAttribute("data-sort-value")).Where(v => v!.Length > 0).Select(v => double.Parse(v!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(values.Order(), values);
        // Each cell says its comparison in words, not only in colour.
        Assert.All(rows, r => Assert.Contains(",", r.Children[Column("CARE-START")].Text(), StringComparison.Ordinal));
        Assert.Equal("ascending", page.QuerySelector("th[aria-sort=ascending] a")!.GetAttribute("href")!.Contains("sort=YJ-FTE", StringComparison.Ordinal) ? "ascending" : "");
    }

    [Fact]
    public async Task Overview_KeptForOneOfficial_IsSentToAnotherWithTheirOwnNameAndToNoOtherAccess()
    {
        using var official = await app.SignedInAsync(Roles.Official);
        using var otherOfficial = app.CreateHttpClient();
        var email = $"official-{Guid.NewGuid():N}@test.gov.uk";
        await app.CreateAccountAsync(email, Roles.Official, null);
        await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(u => u.SetProperty(x => x.DisplayName, "Sam <O'Neil>")));
        (await WebApp.SignInAsync(otherOfficial, email, WebApp.TestPassword)).Dispose();

        using var national = await app.SignedInAsync(Roles.NationalTeam);
        var url = $"/indicators/overview?period={Quarter}";

        var first = await official.GetStringAsync(url);
        using var kept = await otherOfficial.GetAsync(url);
        var keptText = await kept.Content.ReadAsStringAsync();
        var theirs = await Pages.GetAsync(national, url);

        // The second official is sent the first one's page, with their own name in it and its length to match.
        string SignedInAs(AngleSharp.Dom.IDocument page) => page.QuerySelector("[data-field=signed-in-as]")!.Text();
        var mine = await Pages.ParseAsync(first);
        var other = await Pages.ParseAsync(keptText);
        Assert.Equal("Sign out (Test Official)", SignedInAs(mine));
        Assert.Equal("Sign out (Sam <O'Neil>)", SignedInAs(other));
        Assert.Equal(first.Replace("Test Official", "Sam &lt;O&#x27;Neil&gt;", StringComparison.Ordinal), keptText);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(keptText), kept.Content.Headers.ContentLength);
        Assert.DoesNotContain(KeptPage.NameMarker, keptText, StringComparison.Ordinal);
        // The national team has other access: its own page, its own navigation.
        List<string> Menu(AngleSharp.Dom.IDocument page) => page.QuerySelectorAll("#navigation a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.DoesNotContain("/returns", Menu(mine));
        Assert.Contains("/returns", Menu(theirs));
        Assert.Equal("Sign out (Test NationalTeam)", SignedInAs(theirs));
    }

    [Fact]
    public async Task Distribution_EveryQuarter_HasItsFiveFiguresInOrder()
    {
        using var official = await app.SignedInAsync(Roles.Official);

        var chart = await JsonAsync(official, "/api/v1/charts/indicators/HL-PREVENTION/distribution");

        var rows = Rows(chart);
        Assert.True(rows.Count >= 8, $"only {rows.Count} quarters");
        foreach (var row in rows)
        {
            var five = FiveFigures.Select(k => row[Column(chart, k)].GetDouble()).ToList();
            Assert.Equal(five.Order(), five);
        }
    }

    [Fact]
    public async Task Charts_AsOfficial_NeverShowAWithheldValue()
    {
        using var official = await app.SignedInAsync(Roles.Official);
        using var national = await app.SignedInAsync(Roles.NationalTeam);
        var failures = new List<string>();
        var withheld = 0;

        foreach (var indicator in IndicatorCatalogue.All)
        {
            var shown = await JsonAsync(official, $"/api/v1/charts/indicators/{indicator.Id}/compare?period={Quarter}");
            var full = await JsonAsync(national, $"/api/v1/charts/indicators/{indicator.Id}/compare?period={Quarter}");
            var hidden = Rows(shown).Where(r => r[Column(shown, "count")].ValueKind == JsonValueKind.String && r[Column(shown, "count")].GetString() == "c").ToList();
            withheld += hidden.Count;
            failures.AddRange(hidden.Where(r => r[Column(shown, "value")].ValueKind != JsonValueKind.Null).Select(r => $"{indicator.Id} {r[0]} shows a value"));

            // Neither the funnel nor the box plot nor the map places a withheld authority.
            var codes = hidden.Select(r => r[0].GetString()).ToHashSet();
            var funnel = await JsonAsync(official, $"/api/v1/charts/indicators/{indicator.Id}/funnel?period={Quarter}");
            failures.AddRange(Rows(funnel).Where(r => codes.Contains(r[0].GetString())).Select(r => $"{indicator.Id} {r[0]} is on the funnel"));
            var map = await JsonAsync(official, $"/api/v1/charts/indicators/{indicator.Id}/map?period={Quarter}");
            failures.AddRange(Rows(map).Where(r => codes.Contains(r[0].GetString()) && r[Column(map, "value")].ValueKind != JsonValueKind.Null).Select(r => $"{indicator.Id} {r[0]} is on the map"));

            // The national team sees them in full.
            Assert.All(Rows(full), r => Assert.NotEqual("c", r[Column(full, "count")].ValueKind == JsonValueKind.String ? r[Column(full, "count")].GetString() : null));
        }

        Assert.True(withheld > 10, $"only {withheld} withheld values in the quarter: the test would prove little");
        Assert.Empty(failures);
    }

    [Fact]
    public async Task ChartApi_SameChartAskedAgain_AnswersNotModifiedToItsETag()
    {
        using var official = await app.SignedInAsync(Roles.Official);
        var url = $"/api/v1/charts/indicators/CARE-CLA/compare?period={Quarter}";
        using var first = await official.GetAsync(url);

        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await official.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }
}
