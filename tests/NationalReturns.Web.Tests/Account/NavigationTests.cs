using System.Net;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;
using NationalReturns.Web.Tests.Returns;

namespace NationalReturns.Web.Tests.Account;

/// <summary>The navigation offers each person only pages they may open, and marks exactly one as current.</summary>
public class NavigationTests(WebApp app) : WebAppTest(app)
{
    [Theory]
    [InlineData(Roles.Official, new[] { "/areas", "/indicators", "/self-assessments", "/published", "/account" })]
    [InlineData(Roles.NationalTeam, new[] { "/areas", "/returns", "/indicators", "/self-assessments", "/published", "/audit", "/account" })]
    [InlineData(Roles.Preparer, new[] { "/areas", "/your-returns", "/indicators", "/self-assessments", "/account" })]
    [InlineData(Roles.Admin, new[] { "/areas", "/returns", "/indicators", "/self-assessments", "/published", "/admin/collection-windows", "/admin/users", "/admin/api-clients", "/admin/frameworks", "/audit", "/account" })]
    public async Task Navigation_EachRole_OffersOnlyPagesItCanOpen(string role, string[] expected)
    {
        using var client = await App.SignedInAsync(role, role is Roles.Preparer ? ReturnFiles.Blackpool : null);

        var links = (await Pages.GetAsync(client, "/")).QuerySelectorAll("#navigation a.govuk-service-navigation__link").Select(a => a.GetAttribute("href")!).ToList();

        Assert.Equal(expected, links);
        foreach (var link in links)
        {
            using var response = await client.GetAsync(link);
            var status = response.StatusCode;
            if (status == HttpStatusCode.Redirect)
            {
                // Officials' self-assessments open on the scores; what the redirect reaches must open too.
                using var followed = await client.GetAsync(response.Headers.Location);
                status = followed.StatusCode;
            }

            Assert.True(status == HttpStatusCode.OK, $"{role} is offered {link}, which answers {(int)status}.");
        }
    }

    [Theory]
    [InlineData("/admin/collection-windows")]
    [InlineData("/admin/users")]
    [InlineData("/admin/api-clients")]
    [InlineData("/admin/frameworks")]
    public async Task Navigation_AdminPage_IsTheOnlyCurrentItem(string url)
    {
        using var admin = await App.SignedInAsync(Roles.Admin);

        var current = (await Pages.GetAsync(admin, url)).QuerySelectorAll("#navigation [aria-current=true]").Select(a => a.GetAttribute("href")).ToList();

        Assert.Equal([url], current);
    }

    [Fact]
    public async Task Navigation_NobodySignedIn_OffersAreasAndSignIn()
    {
        using var anonymous = App.CreateHttpClient();

        var links = (await Pages.GetAsync(anonymous, "/")).QuerySelectorAll("#navigation a").Select(a => a.GetAttribute("href")).ToList();

        Assert.Equal(["/areas", "/account/sign-in"], links);
    }

    [Theory]
    // Nothing is published in this app, so there are no indicator figures to link to yet: only maturity, for those who may see it.
    [InlineData(Roles.Official, null, 1)]
    [InlineData(Roles.Preparer, "E06000009", 1)]
    [InlineData(Roles.Preparer, "E10000016", 0)]
    public async Task AreaPage_SignedIn_LinksToTheAreasPagesThePersonMayOpen(string role, string? authority, int links)
    {
        using var client = await App.SignedInAsync(role, authority);

        var offered = (await Pages.GetAsync(client, $"/areas/{ReturnFiles.Blackpool}")).QuerySelectorAll("[data-field=area-links] a").Select(a => a.GetAttribute("href")!).ToList();

        Assert.Equal(links, offered.Count);
        foreach (var link in offered)
        {
            using var response = await client.GetAsync(link);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role} of {authority} is offered {link}, which answers {(int)response.StatusCode}.");
        }
    }
}
