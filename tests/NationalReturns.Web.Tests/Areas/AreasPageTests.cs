using System.Net;
using NationalReturns.Web.Tests.Infrastructure;

namespace NationalReturns.Web.Tests.Areas;

public class AreasPageTests(WebApp app) : WebAppTest(app)
{
    [Fact]
    public async Task Index_ListsAll153AuthoritiesInNineRegions()
    {
        using var client = App.CreateHttpClient();
        var page = await Pages.GetAsync(client, "/areas");

        Assert.Equal(153, page.QuerySelectorAll("table[id^=region-E12] tr[data-area^=E]").Length);
        Assert.Equal(9, page.QuerySelectorAll("table[id^=region-E12]").Length);
        var blackpool = page.QuerySelector("tr[data-area=E06000009] a")!;
        Assert.Equal(("Blackpool", "/areas/E06000009"), (blackpool.Text(), blackpool.GetAttribute("href")));
        Assert.Equal("Supporting Families returns", page.QuerySelector(".govuk-service-navigation__service-name")!.Text());
    }

    [Fact]
    public async Task Show_Blackpool_ListsItsTenNeighboursInRankOrderAsLinks()
    {
        using var client = App.CreateHttpClient();
        var page = await Pages.GetAsync(client, "/areas/E06000009");

        var rows = page.QuerySelectorAll("#neighbours tr[data-neighbour]");
        // DfE 2025 model: Blackpool (890) is closest to Hartlepool, Middlesbrough, Sunderland, Liverpool…
        Assert.Equal(["E06000001", "E06000002", "E08000024", "E08000012", "E08000023", "E06000003", "E08000005", "E06000027", "E08000006", "E06000021"], rows.Select(r => r.GetAttribute("data-neighbour")));
        var hartlepool = rows[0].QuerySelector("a")!;
        Assert.Equal(("Hartlepool", "/areas/E06000001"), (hartlepool.Text(), hartlepool.GetAttribute("href")));
        Assert.Contains("Very close", rows.Select(r => r.QuerySelector("td:last-child")!.Text()));
        Assert.Equal("890", page.QuerySelector("[data-field=dfe-code]")!.Text());
        Assert.Equal("28,923", page.QuerySelector("[data-field=population-0-17] > span")!.Text()); // 0–17 at mid-2024, revised series
        Assert.Equal("North West", page.QuerySelector(".govuk-caption-l")!.Text());
    }

    [Fact]
    public async Task Show_LowerCaseCode_FindsTheAuthority()
    {
        using var client = App.CreateHttpClient();
        var response = await client.GetAsync("/areas/e06000009");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Show_County_ListsItsDistrictCouncils()
    {
        using var client = App.CreateHttpClient();
        var page = await Pages.GetAsync(client, "/areas/E10000016");

        Assert.Equal("Kent", page.QuerySelector("h1")!.Text());
        Assert.Contains("Maidstone (E07000110)", page.Texts("#districts li"));
        Assert.Equal("County councils are not housing authorities; these 12 districts report homelessness for the county.", page.QuerySelector("[data-testid=districts-note]")!.Text());
    }

    [Fact]
    public async Task Show_AbolishedCounty_PointsToItsSuccessors()
    {
        using var client = App.CreateHttpClient();
        var page = await Pages.GetAsync(client, "/areas/E10000006");

        // The only inset on the page: it says when the authority ended and links to those that took over.
        var ended = page.QuerySelector(".govuk-inset-text")!;
        Assert.Equal("Cumbria stopped existing on 1 April 2023. Its area is now covered by Cumberland and Westmorland and Furness.", ended.Text());
        Assert.Equal("Cumberland", ended.QuerySelector("a[href='/areas/E06000063']")!.Text());
        Assert.Equal("Westmorland and Furness", ended.QuerySelector("a[href='/areas/E06000064']")!.Text());
    }

    [Fact]
    public async Task Show_SuccessorAuthority_MarksTheSeriesBreak()
    {
        using var client = App.CreateHttpClient();
        var page = await Pages.GetAsync(client, "/areas/E06000061");

        var predecessor = page.QuerySelector("#predecessors a[href='/areas/E10000021']")!;
        Assert.Equal("Northamptonshire", predecessor.Text());
        Assert.EndsWith("Figures before that date belong to Northamptonshire, so its series break there.", predecessor.ParentElement!.Text(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/areas/E99999999")]
    [InlineData("/areas/not-a-code")]
    [InlineData("/no-such-page")]
    public async Task Show_UnknownCode_IsAGovUkNotFoundPage(string path)
    {
        using var client = App.CreateHttpClient();
        var response = await client.GetAsync(path);
        var page = await Pages.ParseAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", page.QuerySelector("h1.govuk-heading-l")!.Text());
        // Drawn in the service's GOV.UK layout, not the framework's bare page.
        Assert.True(page.Body!.ClassList.Contains("govuk-template__body"));
    }

    [Fact]
    public async Task Home_ExplainsTheService()
    {
        using var client = App.CreateHttpClient();
        var response = await client.GetAsync("/");
        var page = await Pages.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Who uses it", page.Texts("h2"));
        Assert.NotNull(page.QuerySelector(".govuk-phase-banner"));
        Assert.NotNull(page.QuerySelector("a.govuk-skip-link[href='#main-content']"));
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/assets/govuk-frontend.min.css", "text/css")]
    [InlineData("/assets/govuk-frontend.min.js", "text/javascript")]
    [InlineData("/assets/fonts/bold-b542beb274-v2.woff2", "font/woff2")]
    [InlineData("/assets/chart.js/chart.umd.min.js", "text/javascript")]
    [InlineData("/js/site.mjs", "text/javascript")]
    public async Task StaticAssets_AreServedWithContent(string path, string contentType)
    {
        using var client = App.CreateHttpClient();
        client.DefaultRequestHeaders.AcceptEncoding.ParseAdd("br, gzip");
        var response = await client.GetAsync(path);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.True(bytes.Length > 50, $"{path} came back with {bytes.Length} bytes");
    }
}
