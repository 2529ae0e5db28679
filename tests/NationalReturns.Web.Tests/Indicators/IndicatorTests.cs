using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NationalReturns.Domain.Indicators;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;
using NationalReturns.Web.Data.ReferenceData;
using NationalReturns.Web.Features.Admin;
using NationalReturns.Web.Features.Indicators;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;

namespace NationalReturns.Web.Tests.Indicators;

[Collection(DemoQuarters.Name)]
public class IndicatorTests(DemoCollectionApp app)
{
    private static readonly ReturnPeriod Year2024To25 = new(2024, 4);

    private async Task<T> WithDbAsync<T>(Func<NationalReturnsDbContext, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<NationalReturnsDbContext>());
    }

    [Fact]
    public async Task DfeCheck_CareStartsForYearsToMarch2023To2025_EqualDfesRateForEveryAuthorityAndEnglandWithinRounding()
    {
        var dfe = CsvTable.Read(Path.Combine(AppContext.BaseDirectory, "demo-data", "dfe_cla_number_and_rate_per_10k_2021_2025.csv")).Rows
            .Where(r => r["population_type"] == "Children starting to be looked after each year" && r["time_period"] is "2023" or "2024" or "2025")
            .ToList();
        var values = await WithDbAsync(db => db.IndicatorValues.AsNoTracking().Where(v => v.IndicatorId == "CARE-START" && v.Period.EndsWith("-Q4")).ToListAsync());
        var authorities = await WithDbAsync(db => db.LocalAuthorities.AsNoTracking().ToListAsync());
        var failures = new List<string>();
        var checkedPerYear = new Dictionary<string, int>();

        foreach (var row in dfe.Where(r => r["geographic_level"] == "Local authority" && int.TryParse(r["rate_per_10000"], out _)))
        {
            var quarter = new ReturnPeriod(int.Parse(row["time_period"], CultureInfo.InvariantCulture) - 1, 4).UrlSegment;
            // The authority that made that year's returns under the DfE code: Cumbria for 2023, North Yorkshire under its new code, Barnsley under its 2025 one.
            var ours = values.Where(v => v.Level == AreaLevel.Authority && v.Period == quarter && v.Value is not null)
                .SingleOrDefault(v => authorities.Single(a => a.OnsCode == v.AreaCode).DfeCode == row["old_la_code"]);
            var rate = int.Parse(row["rate_per_10000"], CultureInfo.InvariantCulture);
            if (ours is null || Math.Round(ours.Value!.Value, MidpointRounding.AwayFromZero) != rate
                || ours.Numerator != long.Parse(row["children_count"], CultureInfo.InvariantCulture) || ours.Denominator != double.Parse(row["population_estimate"], CultureInfo.InvariantCulture))
            {
                failures.Add($"{row["la_name"]} {row["time_period"]}: DfE {row["children_count"]}/{row["population_estimate"]} = {rate}; ours {ours?.Numerator}/{ours?.Denominator} = {ours?.Value:0.00}");
            }

            checkedPerYear[row["time_period"]] = checkedPerYear.GetValueOrDefault(row["time_period"]) + 1;
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.All(checkedPerYear.Values, n => Assert.InRange(n, 150, 153));
        Assert.Equal(3, checkedPerYear.Count);
        foreach (var england in dfe.Where(r => r["geographic_level"] == "National"))
        {
            var quarter = new ReturnPeriod(int.Parse(england["time_period"], CultureInfo.InvariantCulture) - 1, 4).UrlSegment;
            var ours = values.Single(v => v.Level == AreaLevel.England && v.Period == quarter);
            // DfE rounds England's count to 10 and counts a child moving between authorities once; ours adds up authorities.
            Assert.InRange(ours.Value!.Value, int.Parse(england["rate_per_10000"], CultureInfo.InvariantCulture) - 0.5, int.Parse(england["rate_per_10000"], CultureInfo.InvariantCulture) + 0.5);
        }
    }

    [Fact]
    public async Task DemoCollection_EveryIndicator_IsComputedForEveryAuthorityFromPublishedReturnsOnly()
    {
        var values = await WithDbAsync(db => db.IndicatorValues.AsNoTracking().Where(v => v.Period == "2024-25-Q4").ToListAsync());

        foreach (var indicator in IndicatorCatalogue.All)
        {
            var england = values.Single(v => v.IndicatorId == indicator.Id && v.Level == AreaLevel.England);
            var authorities = values.Where(v => v.IndicatorId == indicator.Id && v.Level == AreaLevel.Authority && v.Value is not null).ToList();
            Assert.True(england.Value > 0, indicator.Id);
            Assert.Equal((153, 153), (england.Included, england.Of));
            Assert.Equal(153, authorities.Count);
            Assert.Equal(authorities.Sum(a => a.Numerator), england.Numerator);
            Assert.Equal(9, values.Count(v => v.IndicatorId == indicator.Id && v.Level == AreaLevel.Region));
        }

        // The quarter being collected has accepted returns but none published, so it has no indicators yet.
        var statuses = await WithDbAsync(db => db.AuthorityReturns.Where(r => r.Period == DemoCollectionApp.Last.UrlSegment).Select(r => r.Status).ToListAsync());
        Assert.Contains(ReturnStatus.Accepted, statuses);
        Assert.Contains(ReturnStatus.Draft, statuses);
        Assert.Contains(ReturnStatus.Queried, statuses);
        Assert.InRange(statuses.Count, 140, 152); // a few not started: late
        Assert.False(await WithDbAsync(db => db.IndicatorValues.AnyAsync(v => v.Period == DemoCollectionApp.Last.UrlSegment)));
    }

    [Fact]
    public async Task DemoCollection_Homelessness_IsMhclgsPublishedQuarterWhereItIsComplete()
    {
        // Manchester, 2024-25 Q4: the published upper-tier figures (no district missing).
        var row = CsvTable.Read(Path.Combine(AppContext.BaseDirectory, "demo-data", "homelessness_by_la.csv")).Rows
            .Single(r => r["ons_code"] == "E08000003" && r["financial_year"] == "2024-25" && r["fy_quarter"] == "Q4");
        var relief = await WithDbAsync(db => db.IndicatorValues.SingleAsync(v => v.IndicatorId == "HL-RELIEF" && v.AreaCode == "E08000003" && v.Period == "2024-25-Q4"));
        var ta = await WithDbAsync(db => db.IndicatorValues.SingleAsync(v => v.IndicatorId == "HL-TA-CHILDREN" && v.AreaCode == "E08000003" && v.Period == "2024-25-Q4"));

        Assert.Equal(long.Parse(row["owed_relief_duty"], CultureInfo.InvariantCulture), relief.Numerator);
        Assert.Equal(long.Parse(row["households_in_ta_with_children"], CultureInfo.InvariantCulture), ta.Numerator);
    }

    [Fact]
    public async Task Api_JsonCsvAndPage_ShowTheSameFigures()
    {
        using var api = await app.ApiClientAsync("E06000009");
        using var official = await app.SignedInAsync(Roles.Official);

        var json = JsonDocument.Parse(await api.GetStringAsync("/api/v1/indicators/CARE-START?period=2024-25-Q4&level=la")).RootElement;
        var csv = (await api.GetStringAsync("/api/v1/indicators/CARE-START?period=2024-25-Q4&level=la&format=csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var page = await Pages.GetAsync(official, "/indicators/CARE-START?period=2024-25-Q4");

        var rows = json.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(153, rows.Count);
        Assert.Equal(ShowIndicator.CsvColumns, csv[0].Split(','));
        Assert.Equal(154, csv.Length);
        foreach (var code in new[] { "E06000009", "E10000016", "E08000003", "E09000007", "E06000063" })
        {
            var row = rows.Single(r => r.GetProperty("code").GetString() == code);
            var value = row.GetProperty("value").GetDouble();
            var csvRow = csv.Single(l => l.StartsWith(code + ",", StringComparison.Ordinal));
            Assert.Contains($",{value.ToString("0.###", CultureInfo.InvariantCulture)},", csvRow, StringComparison.Ordinal);
            var line = page.QuerySelector($"[data-table=indicator-values] tr[data-area={code}]")!;
            Assert.Equal(IndicatorViewer.Number(value), line.QuerySelector("[data-value]")!.Text());
            Assert.Equal($"{row.GetProperty("rank").GetInt32().ToString(CultureInfo.InvariantCulture)} of {row.GetProperty("rankOf").GetInt32().ToString(CultureInfo.InvariantCulture)}",
                line.QuerySelector("[data-rank]")!.Text());
        }
    }

    [Fact]
    public async Task Api_Catalogue_ListsTheTwelveIndicatorsWithTheirDefinitions()
    {
        using var api = await app.ApiClientAsync("E06000009");

        var catalogue = JsonDocument.Parse(await api.GetStringAsync("/api/v1/indicators")).RootElement.EnumerateArray().ToList();

        Assert.Equal(IndicatorCatalogue.All.Select(i => i.Id), catalogue.Select(c => c.GetProperty("id").GetString()));
        Assert.All(catalogue, c => Assert.False(string.IsNullOrEmpty(c.GetProperty("denominator").GetString())));
    }

    [Fact]
    public async Task Api_SameRequestWithItsETag_IsNotModified()
    {
        using var api = await app.ApiClientAsync("E06000009");
        using var first = await api.GetAsync("/api/v1/indicators/HL-RELIEF?period=2024-25-Q3&level=region");
        var etag = first.Headers.ETag!;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/indicators/HL-RELIEF?period=2024-25-Q3&level=region");
        request.Headers.IfNoneMatch.Add(etag);
        using var second = await api.SendAsync(request);
        using var other = new HttpRequestMessage(HttpMethod.Get, "/api/v1/indicators/HL-RELIEF?period=2024-25-Q2&level=region");
        other.Headers.IfNoneMatch.Add(etag);
        using var third = await api.SendAsync(other);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/indicators/NOT-ONE", HttpStatusCode.NotFound, "There is no indicator")]
    [InlineData("/api/v1/indicators/CARE-START?period=2024-Q4", HttpStatusCode.BadRequest, "'2024-Q4' is not a quarter. Quarters are written like")]
    [InlineData("/api/v1/indicators/CARE-START?level=ward", HttpStatusCode.BadRequest, "not one of la, region or england")]
    [InlineData("/api/v1/indicators/CARE-START?format=xml", HttpStatusCode.BadRequest, "not json or csv")]
    [InlineData("/api/v1/indicators/CARE-START?period=2030-31-Q1", HttpStatusCode.NotFound, "no returns are published")]
    public async Task Api_BadRequest_SaysWhatIsWrong(string url, HttpStatusCode status, string message)
    {
        using var api = await app.ApiClientAsync("E06000009");

        using var response = await api.GetAsync(url);

        Assert.Equal(status, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        var says = problem.GetProperty("title").GetString() + " " + (problem.TryGetProperty("detail", out var detail) ? detail.GetString() : "");
        Assert.Contains(message, says, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disclosure_SmallCount_IsWithheldForOfficialsAndDownloadsButShownToItsOwnAuthority()
    {
        var small = await WithDbAsync(db => db.IndicatorValues.AsNoTracking()
            .Where(v => v.IndicatorId == "YJ-IN-CUSTODY" && v.Level == AreaLevel.Authority && v.Period == "2024-25-Q4" && v.Numerator >= 1 && v.Numerator <= 4)
            .OrderBy(v => v.AreaCode).FirstAsync());
        using var official = await app.SignedInAsync(Roles.Official);
        using var own = await app.SignedInAsync(Roles.Preparer, small.AreaCode);
        using var ownApi = await app.ApiClientAsync(small.AreaCode);
        using var otherApi = await app.ApiClientAsync(small.AreaCode == "E06000009" ? "E10000016" : "E06000009");

        var officialPage = await Pages.GetAsync(official, "/indicators/YJ-IN-CUSTODY?period=2024-25-Q4");
        var ownPage = await Pages.GetAsync(own, "/indicators/YJ-IN-CUSTODY?period=2024-25-Q4");
        var ownDownload = await own.GetStringAsync("/indicators/YJ-IN-CUSTODY/download?period=2024-25-Q4");
        var otherJson = JsonDocument.Parse(await otherApi.GetStringAsync("/api/v1/indicators/YJ-IN-CUSTODY?period=2024-25-Q4")).RootElement;
        var ownJson = JsonDocument.Parse(await ownApi.GetStringAsync("/api/v1/indicators/YJ-IN-CUSTODY?period=2024-25-Q4")).RootElement;

        string Shown(AngleSharp.Dom.IDocument page) => page.QuerySelector($"[data-table=indicator-values] tr[data-area={small.AreaCode}] [data-value]")!.Text();
        Assert.Equal("c", Shown(officialPage));
        Assert.Equal(IndicatorViewer.Number(IndicatorCalculator.Shown(small.Value)), Shown(ownPage));
        Assert.Contains($"{small.AreaCode},", ownDownload, StringComparison.Ordinal);
        Assert.Contains($",{small.Numerator},", ownDownload.Split('\n').Single(l => l.StartsWith(small.AreaCode, StringComparison.Ordinal)), StringComparison.Ordinal);
        JsonElement Row(JsonElement json) => json.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("code").GetString() == small.AreaCode);
        Assert.Equal("c", Row(otherJson).GetProperty("symbol").GetString());
        Assert.Equal(JsonValueKind.Null, Row(otherJson).GetProperty("value").ValueKind);
        Assert.Equal(JsonValueKind.Null, Row(otherJson).GetProperty("rank").ValueKind);
        Assert.Equal(small.Numerator, Row(ownJson).GetProperty("numerator").GetInt64());
        Assert.NotNull(officialPage.QuerySelector("[data-legend=symbols]"));
    }

    [Fact]
    public async Task AreaPage_AuthorityMadeBySplit_ShowsItsPredecessorsFiguresWithASeriesBreak()
    {
        using var official = await app.SignedInAsync(Roles.Official);

        var page = await Pages.GetAsync(official, "/indicators/areas/E06000063");
        var cumbria = await WithDbAsync(db => db.IndicatorValues.SingleAsync(v => v.IndicatorId == "CARE-START" && v.AreaCode == "E10000006" && v.Period == "2022-23-Q4"));

        Assert.NotNull(page.QuerySelector("[data-series-break]"));
        var series = page.QuerySelector("[data-series=CARE-START]")!;
        Assert.Equal("2022-23 Q4 (Cumbria)", series.QuerySelector("tr[data-period='2022-23-Q4'] th")!.Text());
        Assert.Equal("Series break: Cumberland from here; earlier figures are Cumbria's.", series.QuerySelector("tr[data-break]")!.Text());
        Assert.Equal(275, cumbria.Numerator); // DfE: Cumbria, year to March 2023
    }

    [Fact]
    public async Task Pages_IndexMethodologyAndRegions_Render()
    {
        using var official = await app.SignedInAsync(Roles.Official);

        var index = await Pages.GetAsync(official, "/indicators");
        var methodology = await Pages.GetAsync(official, "/indicators/methodology");
        var regions = await Pages.GetAsync(official, "/indicators/HL-TA-CHILDREN?level=region");

        var indicators = index.QuerySelectorAll("[data-table=indicators] tr[data-indicator]");
        Assert.Equal(12, indicators.Length);
        string Denominator(string id) => methodology.QuerySelectorAll($"dl[data-indicator={id}] .govuk-summary-list__row")
            .Single(r => r.QuerySelector("dt")!.Text() == "Denominator").QuerySelector("dd")!.Text();
        Assert.All(IndicatorCatalogue.All, i => Assert.Equal(i.Denominator.Description, Denominator(i.Id)));
        // Coverage is the cell before the charts' links.
        Assert.Contains("153 of 153 authorities", indicators.Select(r => r.QuerySelector("td:nth-last-child(2)")!.Text()));
        Assert.NotNull(regions.QuerySelector("[data-table=indicator-values] tr[data-area=E12000007]"));
    }

    [Fact]
    public async Task IndicatorPage_NoQuarterAskedFor_OpensOnTheNewestCompleteQuarterWithNoProvisionalNotice()
    {
        using var official = await app.SignedInAsync(Roles.Official);

        var page = await Pages.GetAsync(official, "/indicators/CARE-CLA");

        // The demo's last quarter is still being collected, so nothing of it is published: its quarter before is the newest.
        Assert.Equal($"CARE-CLA · {DemoCollectionApp.Last.Previous}", page.QuerySelector(".govuk-caption-l")!.Text());
        Assert.Null(page.QuerySelector("[data-field=provisional]"));
    }

    [Fact]
    public async Task AreaPage_WithPublishedFigures_LinksToItsDashboardIndicatorsSelfAssessmentsAndPackWhichOpen()
    {
        using var official = await app.SignedInAsync(Roles.Official);

        var links = (await Pages.GetAsync(official, "/areas/E06000009")).QuerySelectorAll("[data-field=area-links] a").Select(a => a.GetAttribute("href")!).ToList();

        Assert.Equal(["/areas/E06000009/dashboard", "/indicators/areas/E06000009", "/self-assessments/authorities/E06000009", "/packs/areas/E06000009.xlsx"], links);
        foreach (var link in links)
        {
            using var response = await official.GetAsync(link);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }
    }
}
