using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;

namespace NationalReturns.Web.Tests.Account;

/// <summary>
/// What every signed-in request does, made cheaper without being made weaker: the security stamp checked when it
/// is due, the session cookie opened once a minute, the sign-out button without a token, nothing kept in caches.
/// </summary>
public class SignedInRequestTests(WebApp app) : WebAppTest(app)
{
    private static bool SentToSignIn(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/sign-in", StringComparison.Ordinal);

    private static HttpRequestMessage SignOut(string header, string value)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/account/sign-out") { Content = new FormUrlEncodedContent([]) };
        request.Headers.Add(header, value);
        return request;
    }

    [Fact]
    public async Task SecurityStamp_ChangedWithoutEndingSessions_IsRefusedOnceTheCheckIsDue()
    {
        using var client = await App.SignedInAsync(Roles.Official);
        var userId = await App.WithDbAsync(db => db.SignInSessions.OrderByDescending(s => s.CreatedAt).Select(s => s.UserId).FirstAsync());
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            await users.UpdateSecurityStampAsync((await users.FindByIdAsync(userId))!);
        }

        // Checked a moment ago at sign-in: not due, so not asked.
        using var before = await client.GetAsync("/account");
        using (App.Clock.GoTo(App.Clock.GetUtcNow().AddMinutes(2)))
        {
            using var after = await client.GetAsync("/account");

            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
            Assert.True(SentToSignIn(after), $"answered {(int)after.StatusCode}");
        }
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Origin", "https://forms.example.com")]
    public async Task SignOut_PostedFromAnotherSite_IsRefusedAndTheSessionStays(string header, string value)
    {
        using var client = await App.SignedInAsync(Roles.Official);

        using var refused = await client.SendAsync(SignOut(header, value));
        using var after = await client.GetAsync("/account");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("another site", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task SignOut_FromTheServicesOwnPage_NeedsNoTokenAndEndsTheSession()
    {
        using var client = await App.SignedInAsync(Roles.Official);
        var page = await Pages.GetAsync(client, "/areas");

        using var signedOut = await client.SendAsync(SignOut("Sec-Fetch-Site", "same-origin"));
        using var after = await client.GetAsync("/account");

        Assert.Null(page.QuerySelector("form[action='/account/sign-out'] input[name=__RequestVerificationToken]"));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.True(SentToSignIn(after), $"answered {(int)after.StatusCode}");
        Assert.Equal(0, await App.WithDbAsync(db => db.SignInSessions.CountAsync()));
    }

    [Fact]
    public async Task SignedInPage_Always_IsKeptOutOfCaches()
    {
        using var client = await App.SignedInAsync(Roles.Official);

        using var signedIn = await client.GetAsync("/areas");
        using var stranger = App.CreateHttpClient();
        using var anonymous = await stranger.GetAsync("/help");

        Assert.Contains("no-store", signedIn.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.False(anonymous.Headers.CacheControl?.NoStore ?? false);
    }

    [Fact]
    public void SessionCookie_AlteredAfterTheRealOneWasOpened_IsStillRefused()
    {
        var protector = SessionCookieProtector.For(new EphemeralDataProtectionProvider(), "Identity.Application", TimeProvider.System);
        var cookie = protector.Protect([1, 2, 3, 4]);
        var altered = (byte[])cookie.Clone();
        altered[^5] ^= 0x40;

        var opened = protector.Unprotect(cookie);
        opened[0] = 99;
        var openedAgain = protector.Unprotect(cookie);

        // What a caller does with what it was given does not change what is remembered.
        Assert.Equal([1, 2, 3, 4], openedAgain);
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(altered));
    }
}
