using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
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
        Assert.Equal("Sign out (Test Preparer)", (await Pages.GetAsync(client, "/")).QuerySelector("[data-field=signed-in-as]")!.Text());
    }

    [Fact]
    public async Task SignIn_WrongPasswordOrUnknownEmail_SaysTheSameAndDoesNotSignIn()
    {
        await App.CreateAccountAsync("sam@test.gov.uk", Roles.Preparer, "E06000009");
        using var client = App.CreateHttpClient();

        using var wrong = await WebApp.SignInAsync(client, "sam@test.gov.uk", "not the password at all");
        using var unknown = await WebApp.SignInAsync(client, "nobody@test.gov.uk", "not the password at all");

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal(["Enter a correct email address and password"], (await Pages.ParseAsync(wrong)).ErrorMessages());
        Assert.Equal(["Enter a correct email address and password"], (await Pages.ParseAsync(unknown)).ErrorMessages());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/returns")).StatusCode);
    }

    /// <summary>A client whose requests the trusted proxy (the loopback, in tests) says come from <paramref name="address"/>.</summary>
    private HttpClient From(string address)
    {
        var client = App.CreateHttpClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    [Fact]
    public async Task SignIn_StrangerGuessesFiveTimes_IsSlowedButTheOwnerSignsInFromTheirOwnDevice()
    {
        await App.CreateAccountAsync("sam@test.gov.uk", Roles.Preparer, "E06000009");
        using var stranger = From("203.0.113.66");
        for (var i = 0; i < AccessSetup.MaxFailedSignIns; i++)
        {
            using var _ = await WebApp.SignInAsync(stranger, "sam@test.gov.uk", $"guess number {i} for the password");
        }

        using var strangerRight = await WebApp.SignInAsync(stranger, "sam@test.gov.uk", WebApp.TestPassword);
        using var owner = From("198.51.100.7");
        using var ownerRight = await WebApp.SignInAsync(owner, "sam@test.gov.uk", WebApp.TestPassword);

        // Even the right password waits on the guessing device: the wait is per device and address, not per account.
        Assert.Equal(HttpStatusCode.OK, strangerRight.StatusCode);
        Assert.Contains("Wait 1 minute and try again", (await Pages.ParseAsync(strangerRight)).QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, ownerRight.StatusCode);
        Assert.Equal("/your-returns", ownerRight.Headers.Location!.OriginalString);
        Assert.Null(await App.WithDbAsync(db => db.Users.Where(u => u.Email == "sam@test.gov.uk").Select(u => u.LockoutEnd).SingleAsync()));
    }

    [Fact]
    public async Task SignIn_GuessingAtAKnownOrUnknownAddress_GetsTheSameAnswersInTheSameOrder()
    {
        await App.CreateAccountAsync("sam@test.gov.uk", Roles.Preparer, "E06000009");
        using var guesser = From("203.0.113.67");

        async Task<List<string>> AnswersAsync(string email)
        {
            var answers = new List<string>();
            for (var i = 0; i <= AccessSetup.MaxFailedSignIns; i++)
            {
                using var response = await WebApp.SignInAsync(guesser, email, $"guess number {i} for the password");
                answers.Add($"{(int)response.StatusCode} {(await Pages.ParseAsync(response)).QuerySelector(".govuk-error-summary")?.TextContent.Trim()}");
            }

            return answers;
        }

        var known = await AnswersAsync("sam@test.gov.uk");
        var unknown = await AnswersAsync("nobody-here@test.gov.uk");

        Assert.Equal(known, unknown);
        Assert.Contains("Enter a correct email address and password", known[0], StringComparison.Ordinal);
        Assert.Contains("Wait 1 minute", known[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Preparer, "E06000009", "/your-returns")]
    [InlineData(Roles.Approver, "E06000009", "/your-returns")]
    [InlineData(Roles.NationalTeam, null, "/returns")]
    [InlineData(Roles.Official, null, "/indicators")]
    [InlineData(Roles.Admin, null, "/admin/users")]
    public async Task SignIn_EachRole_GoesToWhereTheirWorkIs(string role, string? authority, string start)
    {
        await App.CreateAccountAsync("sam@test.gov.uk", role, authority);
        using var client = App.CreateHttpClient();

        using var response = await WebApp.SignInAsync(client, "sam@test.gov.uk", WebApp.TestPassword);

        Assert.Equal(start, response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(start)).StatusCode);
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

        Assert.Equal("/your-returns", response.Headers.Location!.OriginalString);
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
                Assert.Equal("You have tried this too many times in a short while. Wait a minute and try again.", (await Pages.ParseAsync(response)).QuerySelector("[data-testid=problem-detail]")!.Text());
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}
