using System.Net;
using Microsoft.AspNetCore.Hosting;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;

namespace NationalReturns.Web.Tests.Account;

public class SignInTests(WebApp app) : WebAppTest(app)
{
    [Fact]
    public async Task SignIn_RightPassword_SetsASecureSessionCookieAndShowsWhoIsSignedIn()
    {
        await App.CreateAccountAsync("sam@test.gov.uk", Roles.Preparer, "E06000009");
        using var client = App.CreateHttpClient();

        using var response = await WebApp.SignInAsync(client, "sam@test.gov.uk", WebApp.TestPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("nr-session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Sign out (Test Preparer)", await client.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WrongPasswordOrUnknownEmail_SaysTheSameAndDoesNotSignIn()
    {
        await App.CreateAccountAsync("sam@test.gov.uk", Roles.Preparer, "E06000009");
        using var client = App.CreateHttpClient();

        using var wrong = await WebApp.SignInAsync(client, "sam@test.gov.uk", "not the password at all");
        using var unknown = await WebApp.SignInAsync(client, "nobody@test.gov.uk", "not the password at all");

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Enter a correct email address and password", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Enter a correct email address and password", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/returns")).StatusCode);
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksTheAccountEvenAgainstTheRightOne()
    {
        await App.CreateAccountAsync("sam@test.gov.uk", Roles.Preparer, "E06000009");
        using var client = App.CreateHttpClient();
        for (var i = 0; i < AccessSetup.MaxFailedSignIns; i++)
        {
            using var _ = await WebApp.SignInAsync(client, "sam@test.gov.uk", $"guess number {i} for the password");
        }

        using var right = await WebApp.SignInAsync(client, "sam@test.gov.uk", WebApp.TestPassword);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("locked after too many failed attempts", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_ReturnUrlToAnotherSite_StaysOnThisOne()
    {
        await App.CreateAccountAsync("sam@test.gov.uk", Roles.Preparer, "E06000009");
        using var client = App.CreateHttpClient();
        var token = await WebApp.AntiforgeryTokenAsync(client, "/account/sign-in");

        using var response = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Email"] = "sam@test.gov.uk",
            ["Password"] = WebApp.TestPassword,
            ["ReturnUrl"] = "https://evil.example/steal",
        }));

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignIn_MoreAttemptsThanTheLimitFromOneAddress_AreSlowedWithAPlainMessage()
    {
        // An instance of its own with a low limit, on the same database.
        await using var limited = App.WithWebHostBuilder(b => b.UseSetting("RateLimits:SignInsPerMinute", "3"));
        using var client = limited.CreateClient(new() { AllowAutoRedirect = false });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await WebApp.SignInAsync(client, $"guess{i}@test.gov.uk", "not the password at all");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Contains("Wait a minute and try again", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}
