using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Returns;
using NationalReturns.Domain.Returns.Demo;
using NationalReturns.Web.Features.Returns;
using NationalReturns.Web.Infrastructure.Spreadsheets;
using NationalReturns.Web.Tests.Infrastructure;

namespace NationalReturns.Web.Tests.Returns;

/// <summary>Return workbooks for tests, made the ways councils make them, and the real upload path.</summary>
public static class ReturnFiles
{
    public const string Blackpool = "E06000009";
    public const string Kent = "E10000016";
    public static readonly ReturnPeriod Period = new(2025, 2);

    /// <summary>
    /// Marks an authority's only version of <see cref="Period"/> published (a revision when <paramref name="revision"/>
    /// is above 0) without walking the workflow, and rebuilds the indicators, as publishing does.
    /// </summary>
    public static async Task PublishAsync(WebApp app, string onsCode, int revision = 0)
    {
        await app.WithDbAsync(async db =>
        {
            var version = await db.ReturnVersions.Where(v => v.AuthorityReturn.AuthorityCode == onsCode).Select(v => v.Id).SingleAsync();
            return await db.AuthorityReturns.Where(r => r.AuthorityCode == onsCode)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, Domain.Workflow.ReturnStatus.Published).SetProperty(r => r.PublishedVersionId, version).SetProperty(r => r.Revision, revision));
        });
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Features.Indicators.RebuildIndicators.Handler>().HandleAsync(Period, CancellationToken.None);
    }

    public static async Task<AuthorityProfile> ProfileAsync(WebApp app, string onsCode)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ReturnContextSource>().ProfileAsync(onsCode, CancellationToken.None))!;
    }

    public static ReturnDraft Demo(AuthorityProfile authority, ReturnPeriod? period = null, int families = 60) =>
        DemoReturns.Generate(authority, period ?? Period, new AreaDenominators(27_000, 12_500, 3_000, 63_000), familyCount: families);

    /// <summary>The service's own template for the authority, filled in with the draft's values.</summary>
    public static byte[] FilledTemplate(AuthorityProfile authority, ReturnDraft draft, ReturnPeriod? period = null) =>
        ReturnTemplate.Write(draft.Spec, authority, period ?? Period, values: draft);

    /// <summary>A plain export of the draft, laid out as the template lays it out.</summary>
    public static byte[] PlainExport(ReturnDraft draft) => XlsxWriter.Write(new DraftWorkbook(draft));

    public static string FixturePath(string name) => Path.Combine(TestEnvironment.RepositoryRoot, "tests", "fixtures", name);

    /// <summary>Uploads through the page, as a preparer does: form, antiforgery token, multipart post.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string onsCode, ReturnPeriod period, byte[] content, string fileName = "return.xlsx")
    {
        var token = await WebApp.AntiforgeryTokenAsync(client, $"/returns/{onsCode}/{period.UrlSegment}/upload");
        using var body = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        body.Add(file, "file", fileName);
        return await client.PostAsync($"/returns/{onsCode}/{period.UrlSegment}/upload", body);
    }

    /// <summary>Uploads and follows the redirect to the feedback page; returns its address and HTML.</summary>
    public static async Task<(string Url, string Html)> UploadAndReadFeedbackAsync(HttpClient client, string onsCode, ReturnPeriod period, byte[] content, string fileName = "return.xlsx")
    {
        using var response = await UploadAsync(client, onsCode, period, content, fileName);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Upload answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var url = response.Headers.Location!.OriginalString;
        return (url, await client.GetStringAsync(url));
    }

    public static Task<string> TokenAsync(HttpClient client, string url) => WebApp.AntiforgeryTokenAsync(client, url);

    /// <summary>The rows of the returns list (/returns), one per authority shown: those whose first cell links to an authority's return.</summary>
    public static IReadOnlyList<IElement> ReturnRows(IDocument page) =>
        page.QuerySelectorAll("[data-table=returns] tbody tr").Where(r => r.QuerySelector("td:first-child > a[href^='/returns/E']") is not null).ToList();

    /// <summary>The authority names in the returns list, as its links show them.</summary>
    public static IReadOnlyList<string> ReturnNames(IDocument page) => ReturnRows(page).Select(r => r.QuerySelector("td:first-child > a")!.Text()).ToList();
}
