using System.Net;
using NationalReturns.Web.Tests.Infrastructure;

namespace NationalReturns.Web.Tests.Account;

/// <summary>The footer's help, accessibility, cookies and privacy pages exist for everyone, signed in or not, and say what is true of the service.</summary>
public class HelpPagesTests(WebApp app) : WebAppTest(app)
{
    [Fact]
    public async Task Footer_EveryPage_LinksToPagesThatOpenWithoutSigningIn()
    {
        using var anonymous = App.CreateHttpClient();

        var home = await Pages.GetAsync(anonymous, "/");
        var links = home.QuerySelectorAll("[data-field=footer-links] a").Select(a => a.GetAttribute("href")!).ToList();

        Assert.Equal(["/help", "/accessibility", "/cookies", "/privacy"], links);
        foreach (var link in links)
        {
            using var response = await anonymous.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(string.IsNullOrWhiteSpace((await Pages.ParseAsync(response)).QuerySelector("h1")?.Text()));
        }

        Assert.Equal("/help#feedback", home.QuerySelector(".govuk-phase-banner__text a")?.GetAttribute("href"));
    }

    [Fact]
    public async Task Cookies_ListsExactlyTheCookiesTheServiceSets()
    {
        // Sign in and open a form, so every cookie the service sets has been set, then compare the jar with the page.
        var jar = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = jar }) { BaseAddress = App.BaseAddress };
        var email = $"cookies-{Guid.NewGuid():N}@test.gov.uk";
        await App.CreateAccountAsync(email, NationalReturns.Web.Infrastructure.Roles.NationalTeam, null);
        using (await WebApp.SignInAsync(client, email, WebApp.TestPassword))
        {
        }

        var page = await Pages.GetAsync(client, "/cookies");
        await Pages.GetAsync(client, "/account/change-password");

        var listed = page.QuerySelectorAll("[data-table=cookies] [data-cookie]").Select(r => r.GetAttribute("data-cookie")!).Order().ToList();
        var set = jar.GetCookies(App.BaseAddress).Select(c => c.Name).Distinct().Order().ToList();
        Assert.Equal(set, listed);
    }
}
