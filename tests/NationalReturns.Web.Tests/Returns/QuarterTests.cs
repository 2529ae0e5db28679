using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NationalReturns.Domain.Periods;
using NationalReturns.Web.Features.Admin;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;

namespace NationalReturns.Web.Tests.Returns;

/// <summary>
/// Only quarters that have ended take returns and give templates; a period that is no quarter at all is a
/// clear 404. Each refusal names the quarter open now, and nothing is stored.
/// </summary>
public class QuarterTests(WebApp app) : WebAppTest(app)
{
    private async Task<(Domain.Periods.ReturnPeriod Open, string OpenNow)> OpenQuarterAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var latest = await scope.ServiceProvider.GetRequiredService<CollectionCalendar>().LatestOpenAsync(CancellationToken.None);
        return (latest.Period, Domain.Workflow.CollectionWindow.OpenNow(latest));
    }

    [Fact]
    public async Task UploadAndTemplate_QuarterNotEnded_AreRefusedNamingTheOpenQuarter()
    {
        var (open, openNow) = await OpenQuarterAsync();
        var future = open.Next.Next;
        using var preparer = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        var blackpool = await ReturnFiles.ProfileAsync(App, ReturnFiles.Blackpool);
        var url = $"/returns/{ReturnFiles.Blackpool}/{future.UrlSegment}";

        var form = await Pages.GetAsync(preparer, url + "/upload");
        using var posted = await ReturnFiles.UploadAsync(preparer, ReturnFiles.Blackpool, future, ReturnFiles.PlainExport(ReturnFiles.Demo(blackpool, future)));
        using var template = await preparer.GetAsync(url + "/template");
        var returnPage = await Pages.GetAsync(preparer, url);

        Assert.Null(form.QuerySelector("input#file"));
        Assert.EndsWith(openNow, form.QuerySelector(".govuk-error-summary")!.Text(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, posted.StatusCode);
        Assert.Contains($"{future} has not ended yet", (await Pages.ParseAsync(posted)).QuerySelector(".govuk-error-summary")!.Text(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, template.StatusCode);
        Assert.EndsWith(openNow, (await Pages.ParseAsync(template)).QuerySelector("[data-testid=problem-detail]")!.Text(), StringComparison.Ordinal);
        Assert.NotNull(returnPage.QuerySelector("[data-testid=not-open]"));
        Assert.Null(returnPage.QuerySelector($"a[href='{url}/template']"));
        Assert.Equal(0, await App.WithDbAsync(db => db.UploadedFiles.CountAsync()));
        Assert.Equal(0, await App.WithDbAsync(db => db.AuthorityReturns.CountAsync()));
        Assert.Contains(await App.WithDbAsync(db => db.AuditEvents.Select(e => e.Action).ToListAsync()), a => a == "upload-refused");
    }

    [Theory]
    [InlineData("2030-31")]
    [InlineData("2025-26-Q5")]
    [InlineData("Q2")]
    public async Task UploadAndTemplate_NoSuchQuarter_Are404NamingTheOpenQuarter(string period)
    {
        var (_, openNow) = await OpenQuarterAsync();
        using var preparer = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        using var api = await App.ApiClientAsync(ReturnFiles.Blackpool);

        using var form = await preparer.GetAsync($"/returns/{ReturnFiles.Blackpool}/{period}/upload");
        using var template = await preparer.GetAsync($"/returns/{ReturnFiles.Blackpool}/{period}/template");
        using var posted = await api.PostAsync($"/api/v1/returns/{ReturnFiles.Blackpool}/{period}", new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "return.xlsx" } });

        Assert.Equal(HttpStatusCode.NotFound, form.StatusCode);
        Assert.Equal($"'{period}' is not a quarter. Quarters are written like", (await Pages.ParseAsync(form)).QuerySelector("[data-testid=problem-detail]")!.Text()[..($"'{period}' is not a quarter. Quarters are written like".Length)]);
        Assert.EndsWith(openNow, (await Pages.ParseAsync(template)).QuerySelector("[data-testid=problem-detail]")!.Text(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.EndsWith(openNow, (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await App.WithDbAsync(db => db.UploadedFiles.CountAsync()));
    }

    [Fact]
    public async Task Template_OnTheQuarterLastDayAndTheDayAfter_IsRefusedThenGiven()
    {
        // The app's clock is the test's: the same quarter is "not ended yet" at noon on its last day and open the next morning.
        var quarter = ReturnPeriod.Parse("2026-27-Q1");
        using var preparer = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        var url = $"/returns/{ReturnFiles.Blackpool}/{quarter.UrlSegment}/template";

        HttpResponseMessage lastDay, nextDay;
        using (App.Clock.GoTo(new DateTimeOffset(2026, 6, 30, 12, 0, 0, TimeSpan.Zero)))
        {
            lastDay = await preparer.GetAsync(url);
        }

        using (App.Clock.GoTo(new DateTimeOffset(2026, 7, 1, 8, 0, 0, TimeSpan.Zero)))
        {
            nextDay = await preparer.GetAsync(url);
        }

        Assert.Equal(HttpStatusCode.NotFound, lastDay.StatusCode);
        Assert.StartsWith($"{quarter} has not ended yet", (await Pages.ParseAsync(lastDay)).QuerySelector("[data-testid=problem-detail]")!.Text(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, nextDay.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", nextDay.Content.Headers.ContentType?.MediaType);
        lastDay.Dispose();
        nextDay.Dispose();
    }

    [Fact]
    public async Task UploadThroughApi_FarFutureQuarter_Is409WithTheReasonAndStoresNothing()
    {
        using var api = await App.ApiClientAsync(ReturnFiles.Blackpool);

        using var posted = await api.PostAsync($"/api/v1/returns/{ReturnFiles.Blackpool}/2099-00-Q4", new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "return.xlsx" } });

        Assert.Equal(HttpStatusCode.Conflict, posted.StatusCode);
        Assert.StartsWith("2099-00 Q4 has not ended yet", (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await App.WithDbAsync(db => db.UploadedFiles.CountAsync()));
    }
}
