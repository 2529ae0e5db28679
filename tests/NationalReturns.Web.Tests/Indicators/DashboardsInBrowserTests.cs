using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Tests.Indicators;

/// <summary>The dashboards in Chromium over the demo collection: charts drawn from the chart API, tables that sort, a map to walk by keyboard, axe, and no page wider than a 320 px screen.</summary>
[Collection(DemoQuarters.Name)]
public sealed class DashboardsInBrowserTests(DemoCollectionApp app, Browser.Browser browser) : DemoCollectionBrowserTest(app, browser)
{
    private static readonly string Quarter = DemoCollectionApp.Last.Previous.UrlSegment;

    /// <summary>Scrolls each chart into view (they are drawn as they appear) and waits until every one has its data.</summary>
    private static async Task<int> DrawAllChartsAsync(IPage page)
    {
        var canvases = page.Locator("canvas[data-chart-src]");
        var count = await canvases.CountAsync();
        for (var i = 0; i < count; i++)
        {
            await canvases.Nth(i).ScrollIntoViewIfNeededAsync();
        }

        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('canvas[data-chart-src]')].every(c => c.dataset.drawn === 'true')", null, new() { Timeout = 20_000 });
        return count;
    }

    [Theory]
    [InlineData(Roles.Official, "/areas/E06000009/dashboard", "Blackpool: dashboard", "dashboard-E06000009")]
    [InlineData(Roles.NationalTeam, "/areas/E10000016/dashboard", "Kent: dashboard", "dashboard-E10000016-national-team")]
    [InlineData(Roles.Official, "/indicators/CARE-START/compare?group=region-E12000002", "Children starting to be looked after", "compare-CARE-START")]
    [InlineData(Roles.NationalTeam, "/indicators/YJ-FTE/funnel", "First-time entrants to the youth justice system", "funnel-YJ-FTE")]
    [InlineData(Roles.Official, "/indicators/HL-RELIEF/map?colour=comparison", "Households owed a relief duty", "map-HL-RELIEF")]
    [InlineData(Roles.Official, "/indicators/EH-REACH/map?colour=quartile&group=neighbours-E06000009", "Families worked with", "map-EH-REACH-quartile")]
    [InlineData(Roles.Official, "/indicators/CARE-CLA/distribution", "Children looked after", "distribution-CARE-CLA")]
    [InlineData(Roles.Official, "/indicators/overview?group=region-E12000002", "Overview of every authority", "overview")]
    [InlineData(Roles.Official, "/comparison-groups", "Your comparison groups", "comparison-groups")]
    public async Task DashboardView_SignedIn_DrawsEveryChartWithNoAccessibilityViolations(string role, string path, string heading, string screenshot)
    {
        var (page, errors) = await SignedInPageAsync(role);

        await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });
        var charts = await DrawAllChartsAsync(page);

        Assert.Equal(heading, (await page.Locator("h1").InnerTextAsync()).Trim());
        // Every canvas holds the rows its table lists.
        foreach (var canvas in await page.Locator("canvas[data-chart-src]").AllAsync())
        {
            var points = await canvas.EvaluateAsync<int>("c => c.chart.data.datasets.reduce((n, d) => n + d.data.length, 0)");
            Assert.True(points > 0, $"{await canvas.GetAttributeAsync("data-chart-src")} drew nothing");
        }

        // The map and the overview are drawn by the server (SVG and a coloured table); the rest with Chart.js.
        Assert.Equal(path.Contains("/map", StringComparison.Ordinal) || path.Contains("overview", StringComparison.Ordinal) || path.Contains("groups", StringComparison.Ordinal), charts == 0);
        Assert.Empty(errors);
        Assert.Empty(await Browser.Browser.AccessibilityViolationsAsync(page));
        await Browser.Browser.ScreenshotAsync(page, screenshot);
    }

    [Fact]
    public async Task Funnel_InChromium_DrawsTheFourControlLimits()
    {
        var (page, _) = await SignedInPageAsync(Roles.Official);
        await page.GotoAsync($"/indicators/CARE-START/funnel?period={Quarter}", new() { WaitUntil = WaitUntilState.NetworkIdle });
        await DrawAllChartsAsync(page);

        var curves = await page.Locator("canvas[data-kind=funnel]").EvaluateAsync<string[]>(
            "c => c.chart.data.datasets.filter(d => d.type === 'line' && d.data.length > 10).map(d => d.label)");

        Assert.Equal(["95% limits", "95% limits", "99.8% limits", "99.8% limits"], curves.Order());
    }

    [Fact]
    public async Task Compare_SortByAuthority_ReordersTheTableAndSaysSo()
    {
        var (page, _) = await SignedInPageAsync(Roles.Official);
        await page.GotoAsync($"/indicators/CARE-CLA/compare?period={Quarter}");
        await page.Locator("details summary").First.ClickAsync();

        var header = page.Locator("[data-chart-table] thead th[data-key=name]");
        await header.Locator("button").ClickAsync();
        var ascending = await page.Locator("[data-chart-table] tbody th[data-key=name]").AllInnerTextsAsync();
        await header.Locator("button").ClickAsync();
        var descending = await page.Locator("[data-chart-table] tbody th[data-key=name]").AllInnerTextsAsync();

        Assert.Equal(ascending.Order(StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("en-GB"), ignoreCase: true)), ascending);
        Assert.Equal(ascending.Reverse(), descending);
        Assert.Equal("descending", await header.GetAttributeAsync("aria-sort"));

        // The sort is in the address: opened again, the table comes back sorted the same way.
        Assert.Contains("#sort=", page.Url, StringComparison.Ordinal);
        await page.ReloadAsync();
        // (The table is in a closed details element again, so read its text content, not what is rendered.)
        Assert.Equal(descending, (await page.Locator("[data-chart-table] tbody th[data-key=name]").AllTextContentsAsync()).Select(t => t.Trim()));
        Assert.Equal("descending", await header.GetAttributeAsync("aria-sort"));
    }

    [Fact]
    public async Task Map_KeyboardUser_OpensAnAreaFromItsHex()
    {
        var (page, _) = await SignedInPageAsync(Roles.Official);
        await page.GotoAsync($"/indicators/CARE-START/map?period={Quarter}");

        var hex = page.Locator("svg[data-hexmap] a[data-code=E06000009]");
        await hex.FocusAsync();
        Assert.Equal("E06000009", await page.EvaluateAsync<string>("document.activeElement.dataset.code"));
        await page.Keyboard.PressAsync("Tab");
        Assert.NotEqual("E06000009", await page.EvaluateAsync<string>("document.activeElement.dataset.code ?? ''"));
        await page.Keyboard.PressAsync("Shift+Tab");
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync(url => url.Contains("/areas/E06000009/dashboard", StringComparison.Ordinal));
        Assert.Equal("Blackpool: dashboard", (await page.Locator("h1").InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task AreaPicker_TypingAName_OffersItAndOpensItsDashboard()
    {
        var (page, errors) = await SignedInPageAsync(Roles.Official);
        await page.GotoAsync("/indicators", new() { WaitUntil = WaitUntilState.NetworkIdle });

        var input = page.Locator("input#area-code");
        await input.FillAsync("Blackp");
        await page.Locator("#area-code__listbox li", new() { HasText = "Blackpool" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show area" }).ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("/areas/E06000009/dashboard", StringComparison.Ordinal));
        Assert.Empty(errors);
        Assert.Empty(await Browser.Browser.AccessibilityViolationsAsync(page));
    }

    [Fact]
    public async Task Pages_At320PixelsWide_NeverScrollSideways()
    {
        var (page, _) = await SignedInPageAsync(Roles.NationalTeam);
        await page.SetViewportSizeAsync(320, 800);
        await using var scope = App.Services.CreateAsyncScope();
        var version = await scope.ServiceProvider.GetRequiredService<NationalReturnsDbContext>().ReturnVersions.AsNoTracking()
            .Where(v => v.AuthorityReturn.AuthorityCode == "E06000009").OrderBy(v => v.Id).Select(v => new { v.AuthorityReturn.Period, v.Number }).FirstAsync();
        string[] paths =
        [
            "/", "/areas", "/areas/E06000009", "/areas/E06000009/dashboard", $"/indicators/CARE-START/compare?period={Quarter}", "/indicators/CARE-START/map",
            "/indicators/overview", "/indicators", $"/returns?period={DemoCollectionApp.Last.UrlSegment}", $"/returns/E06000009/{version.Period}/versions/{version.Number}",
        ];
        var wide = new List<string>();

        foreach (var path in paths)
        {
            await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });
            var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            if (width > 320)
            {
                // Name the outermost elements that stick out, so a failure says where to look.
                var culprits = await page.EvaluateAsync<string>("() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 322 && e.parentElement.getBoundingClientRect().right <= 322).slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right) + ' px').join('; ')");
                wide.Add($"{path} is {width} px wide: {culprits}");
            }
        }

        Assert.Empty(wide);
    }
}
