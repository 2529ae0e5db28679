using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Returns;

namespace NationalReturns.Web.Tests.Infrastructure;

/// <summary>
/// Codes, quarters, years and frameworks in routes are bound once as domain values: one that cannot exist is a
/// 404 saying how it is written (a page, or a problem document from the API), before access is checked; one
/// written in another case is read.
/// </summary>
public class RouteValuesTests(WebApp app) : WebAppTest(app)
{
    [Theory]
    [InlineData("/areas/E0600000X", "'E0600000X' is not an area code.")]
    [InlineData("/returns/blackpool/2025-26-Q1", "'blackpool' is not an area code.")]
    [InlineData("/self-assessments/E06000009/ehsg/2025-27", "'2025-27' is not a year.")]
    [InlineData("/self-assessments/E06000009/e_h_s_g/2025-26", "'e_h_s_g' is not a framework.")]
    public async Task Get_ValueThatCannotExist_Is404SayingHowItIsWritten(string url, string says)
    {
        using var national = await App.SignedInAsync(Roles.NationalTeam);

        using var response = await national.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.StartsWith(says, (await Pages.ParseAsync(response)).QuerySelector("[data-testid=problem-detail]")!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_MalformedCodeForAnotherAuthority_Is404NotForbidden()
    {
        // The value is answered before access: a preparer learns nothing from a code that cannot exist.
        using var preparer = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);

        using var response = await preparer.GetAsync("/returns/E0600001/2025-26-Q1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_CodeInLowerCase_IsReadAsTheAuthority()
    {
        using var preparer = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);

        var page = await Pages.GetAsync(preparer, $"/areas/{ReturnFiles.Blackpool.ToLowerInvariant()}");

        Assert.Contains("Blackpool", page.QuerySelector("h1")!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiGet_MalformedCode_Is404ProblemDocumentSayingHowCodesAreWritten()
    {
        using var api = await App.ApiClientAsync(ReturnFiles.Blackpool);

        using var response = await api.GetAsync("/api/v1/returns/E06-000009/2025-26-Q1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Equal("'E06-000009' is not an area code. Codes are a capital letter and eight digits, such as E06000009.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ApiGet_QueryPeriodThatIsNoQuarter_Is400ProblemDocumentSayingHowQuartersAreWritten()
    {
        // In the path a value that cannot exist names nothing (404); in a query string it is the client's mistake (400).
        using var api = await App.ApiClientAsync(ReturnFiles.Blackpool);

        using var response = await api.GetAsync("/api/v1/indicators/CARE-START?period=2024-25-Q9");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("'2024-25-Q9' is not a quarter. Quarters are written like ", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiGet_AnotherAuthority_Is403ProblemDocument()
    {
        using var api = await App.ApiClientAsync(ReturnFiles.Blackpool);

        using var response = await api.GetAsync("/api/v1/returns/E06000008/2025-26-Q1");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("This token is for another authority's returns.", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }
}
