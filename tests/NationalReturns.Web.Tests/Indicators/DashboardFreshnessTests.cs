using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NationalReturns.Web.Features.Benchmarking;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;
using NationalReturns.Web.Tests.Returns;

namespace NationalReturns.Web.Tests.Indicators;

/// <summary>Dashboards keep the figures in memory between publications: a publication shows at once, and a change made elsewhere soon after.</summary>
public class DashboardFreshnessTests(WebApp app) : WebAppTest(app)
{
    private static async Task<JsonElement> SummaryAsync(HttpClient client, string onsCode)
    {
        using var response = await client.GetAsync($"/api/v1/charts/areas/{onsCode}/summary");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Children looked after: a count at the quarter's end, so one quarter's returns give it a value.</summary>
    private static JsonElement Looked(JsonElement summary) => summary.GetProperty("rows").EnumerateArray().Single(r => r[0].GetString() == "CARE-CLA");

    private static string EnglandCoverage(JsonElement summary) => $"{Looked(summary)[8]} of {Looked(summary)[9]}";

    [Fact]
    public async Task Dashboard_AnotherReturnPublished_ShowsItAtOnce()
    {
        using var blackpool = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        using var kent = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Kent);
        foreach (var (client, code) in new[] { (blackpool, ReturnFiles.Blackpool), (kent, ReturnFiles.Kent) })
        {
            var profile = await ReturnFiles.ProfileAsync(App, code);
            await ReturnFiles.UploadAndReadFeedbackAsync(client, code, ReturnFiles.Period, ReturnFiles.FilledTemplate(profile, ReturnFiles.Demo(profile)));
        }

        await ReturnFiles.PublishAsync(App, ReturnFiles.Blackpool);
        using var official = await App.SignedInAsync(Roles.Official);
        var before = await SummaryAsync(official, ReturnFiles.Blackpool);
        using var kentBefore = await official.GetAsync($"/areas/{ReturnFiles.Kent}/dashboard");

        await ReturnFiles.PublishAsync(App, ReturnFiles.Kent);
        var after = await SummaryAsync(official, ReturnFiles.Blackpool);
        using var kentAfter = await official.GetAsync($"/areas/{ReturnFiles.Kent}/dashboard");

        Assert.Equal("1 of 153", EnglandCoverage(before));
        Assert.Equal(HttpStatusCode.NotFound, kentBefore.StatusCode);
        Assert.Equal("2 of 153", EnglandCoverage(after));
        Assert.Equal(HttpStatusCode.OK, kentAfter.StatusCode);
    }

    [Fact]
    public async Task Dashboard_FiguresChangedByAnotherInstance_ShowWithinTheRecheckInterval()
    {
        using var preparer = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        var profile = await ReturnFiles.ProfileAsync(App, ReturnFiles.Blackpool);
        await ReturnFiles.UploadAndReadFeedbackAsync(preparer, ReturnFiles.Blackpool, ReturnFiles.Period, ReturnFiles.FilledTemplate(profile, ReturnFiles.Demo(profile)));
        await ReturnFiles.PublishAsync(App, ReturnFiles.Blackpool);
        using var national = await App.SignedInAsync(Roles.NationalTeam);
        var before = Looked(await SummaryAsync(national, ReturnFiles.Blackpool))[4].GetDouble();

        // Another instance's rebuild: the table changes without this instance being told.
        await App.WithDbAsync(db => db.IndicatorValues.Where(v => v.AreaCode == ReturnFiles.Blackpool && v.IndicatorId == "CARE-CLA")
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Value, before + 100).SetProperty(v => v.ComputedAt, DateTimeOffset.UtcNow.AddMinutes(1))));
        var deadline = DateTime.UtcNow + BenchmarkingData.Recheck + TimeSpan.FromSeconds(5);
        double after;
        do
        {
            await Task.Delay(250);
            after = Looked(await SummaryAsync(national, ReturnFiles.Blackpool))[4].GetDouble();
        }
        while (after == before && DateTime.UtcNow < deadline);

        Assert.Equal(before + 100, after, 1);
    }
}
