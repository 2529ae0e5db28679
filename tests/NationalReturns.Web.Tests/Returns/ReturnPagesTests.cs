using System.Net;
using NationalReturns.Domain.Returns;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;

namespace NationalReturns.Web.Tests.Returns;

public class ReturnPagesTests(WebApp app) : WebAppTest(app)
{
    [Fact]
    public async Task Index_AfterOneUpload_ListsAllAuthoritiesAndTheUploadedOne()
    {
        using var preparer = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        using var client = await App.SignedInAsync(Roles.NationalTeam);
        var blackpool = await ReturnFiles.ProfileAsync(App, ReturnFiles.Blackpool);
        await ReturnFiles.UploadAndReadFeedbackAsync(preparer, ReturnFiles.Blackpool, ReturnFiles.Period, ReturnFiles.FilledTemplate(blackpool, ReturnFiles.Demo(blackpool)));

        var page = await Pages.GetAsync(client, "/returns?period=2025-26-Q2");

        Assert.Equal(153, ReturnFiles.ReturnRows(page).Count);
        // The summary is the paragraph under the heading; it has no hook of its own.
        Assert.Contains("1 of 153 authorities have uploaded", page.QuerySelector("h1 + p")!.Text(), StringComparison.Ordinal);
        Assert.Equal("Blackpool", page.QuerySelector("[data-table=returns] a[href='/returns/E06000009/2025-26-Q2']")!.Text());
    }

    [Fact]
    public async Task Specification_ListsEverySheetFieldAndRule()
    {
        using var client = App.CreateHttpClient();
        var page = await Pages.GetAsync(client, "/returns/specification");

        var spec = ReturnSpecifications.V2025_1;
        // Each sheet's table lists its fields' keys in order; the checks table, each rule's code in its first cell.
        Assert.All(spec.Sheets, s => Assert.Equal(s.Fields.Select(f => f.Key), page.QuerySelectorAll("table[data-sheet]").Single(t => t.GetAttribute("data-sheet") == s.Name).Texts("tbody code")));
        Assert.Equal(spec.Rules.Select(r => r.Info.Code), page.Texts("[data-table=rules] tbody td:first-child"));
    }

    [Theory]
    [InlineData("/returns?period=2025-26-Q9")]
    [InlineData("/returns/E06000009/2025-26-Q2/versions/1")]
    [InlineData("/returns/E06000009/2025-26-Q2/versions/1/issues.csv")]
    [InlineData("/returns/E06000009/2025-26-Q2/versions/1/marked.xlsx")]
    [InlineData("/returns/E06000009/2025-26-Q2/versions/1/figures")]
    [InlineData("/returns/E06000009/2025-26-Q2/versions/1/original")]
    [InlineData("/returns/E99999999/2025-26-Q2")]
    public async Task Page_ThatDoesNotExist_IsNotFound(string path)
    {
        using var client = await App.SignedInAsync(Roles.NationalTeam);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
    }
}
