using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NationalReturns.Web.Features.Notifications;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;
using NationalReturns.Web.Tests.Returns;

namespace NationalReturns.Web.Tests.Account;

/// <summary>Invitations, resets, sessions that end when they should, limits per client and what the network says.</summary>
public partial class AccountSecurityTests(WebApp app) : WebAppTest(app)
{
    private const string Camden = "E09000007";

    [GeneratedRegex(@"https?://[^/\s]+(/account/set-password\?\S+)")]
    private static partial Regex Link();

    /// <summary>The path and query of the set-password link in an email body.</summary>
    public static string LinkIn(string body) =>
        Link().Match(body) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException($"No set-password link in: {body}");

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formPage, string url, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await WebApp.AntiforgeryTokenAsync(client, formPage);
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    /// <summary>Follows a set-password link and submits the form it shows, with the hidden fields it holds.</summary>
    private static async Task<HttpResponseMessage> SetPasswordAsync(HttpClient client, string link, string password, string? confirm = null)
    {
        var form = await Pages.ParseAsync(await client.GetStringAsync(link));
        string Hidden(string name) => form.QuerySelector($"input[name={name}]")!.GetAttribute("value")!;
        return await client.PostAsync("/account/set-password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Hidden("__RequestVerificationToken"),
            ["user"] = Hidden("user"),
            ["purpose"] = Hidden("purpose"),
            ["token"] = Hidden("token"),
            ["password"] = password,
            ["confirm"] = confirm ?? password,
        }));
    }

    private async Task<string> InviteAsync(string email, string role, string? authority)
    {
        using var admin = await App.SignedInAsync(Roles.Admin);
        using var added = await PostFormAsync(admin, "/admin/users", "/admin/users",
            new() { ["email"] = email, ["name"] = "Jo Smith", ["role"] = role, ["authority"] = authority ?? "" });
        Assert.Contains($"{email} added", WebUtility.HtmlDecode(await added.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        return (await App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.To == email))).Body;
    }

    /// <summary>A client keeping cookies in a jar the test can read, as a browser's cookie store.</summary>
    private HttpClient ClientWithJar(out CookieContainer jar)
    {
        jar = new CookieContainer();
        return new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = jar }) { BaseAddress = App.BaseAddress };
    }

    /// <summary>A client that sends a copy of someone's cookies, as whoever captured them would.</summary>
    private HttpClient Copying(CookieContainer jar)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = App.BaseAddress };
        client.DefaultRequestHeaders.Add("Cookie", jar.GetCookieHeader(App.BaseAddress));
        return client;
    }

    private Task<string> UserIdAsync(string email) => App.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    private static async Task<bool> SignedInAsync(HttpClient client, string page = "/account")
    {
        using var response = await client.GetAsync(page);
        return response.StatusCode == HttpStatusCode.OK;
    }

    [Fact]
    public async Task Invitation_FollowedOnce_SetsThePasswordSignsInAndThenTheLinkIsGone()
    {
        var body = await InviteAsync("jo@camden.gov.uk", Roles.Preparer, Camden);
        var link = LinkIn(body);
        using var jo = App.CreateHttpClient();

        using var tooShort = await SetPasswordAsync(jo, link, "short one");
        using var set = await SetPasswordAsync(jo, link, "harbour pencil thistle");
        using var again = await jo.GetAsync(link);
        using var stranger = App.CreateHttpClient();

        Assert.Equal(HttpStatusCode.OK, tooShort.StatusCode);
        Assert.Contains("at least 12 characters", (await Pages.ParseAsync(tooShort)).QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("/your-returns", set.Headers.Location!.OriginalString);
        Assert.True(await SignedInAsync(jo, "/your-returns"));
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        var expired = await Pages.ParseAsync(again);
        Assert.NotNull(expired.QuerySelector("[data-testid=link-expired]"));
        Assert.NotNull(expired.QuerySelector("form[action='/account/forgot-password']"));
        Assert.Equal(HttpStatusCode.Redirect, (await WebApp.SignInAsync(stranger, "jo@camden.gov.uk", "harbour pencil thistle")).StatusCode);
    }

    [Fact]
    public async Task Invitation_PostedAgainWithTheSpentToken_Is410AndDoesNotChangeThePassword()
    {
        var link = LinkIn(await InviteAsync("jo@camden.gov.uk", Roles.Preparer, Camden));
        using var jo = App.CreateHttpClient();
        var form = await Pages.ParseAsync(await jo.GetStringAsync(link));
        var fields = form.QuerySelectorAll("form[action='/account/set-password'] input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value")!);
        using var set = await jo.PostAsync("/account/set-password", new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["password"] = "harbour pencil thistle", ["confirm"] = "harbour pencil thistle" }));

        // Someone who copied the form before it was sent tries the same token with their own password.
        using var attacker = App.CreateHttpClient();
        fields["__RequestVerificationToken"] = await WebApp.AntiforgeryTokenAsync(attacker, "/account/forgot-password");
        using var replay = await attacker.PostAsync("/account/set-password", new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["password"] = "attacker chosen phrase", ["confirm"] = "attacker chosen phrase" }));

        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, replay.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await WebApp.SignInAsync(App.CreateHttpClient(), "jo@camden.gov.uk", "attacker chosen phrase")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await WebApp.SignInAsync(App.CreateHttpClient(), "jo@camden.gov.uk", "harbour pencil thistle")).StatusCode);
    }

    [Fact]
    public async Task Invitation_NeverUsed_APersonAsksForANewLinkFromTheExpiredPageAndSetsTheirPassword()
    {
        var invitation = LinkIn(await InviteAsync("jo@camden.gov.uk", Roles.Preparer, Camden));
        using var jo = App.CreateHttpClient();
        using var expired = await jo.GetAsync("/account/set-password?user=x&purpose=invitation&token=made-up");
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);

        // The expired page's own form asks for a new link.
        var form = (await Pages.ParseAsync(expired)).QuerySelector("form[action='/account/forgot-password']")!;
        using var asked = await jo.PostAsync("/account/forgot-password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["email"] = "jo@camden.gov.uk",
        }));
        var reset = await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.To == "jo@camden.gov.uk").OrderByDescending(m => m.Id).FirstAsync());
        using var set = await SetPasswordAsync(jo, LinkIn(reset.Body), "harbour pencil thistle");

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("/account/set-password?user=", reset.Body, StringComparison.Ordinal);
        Assert.Equal("/your-returns", set.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Gone, (await App.CreateHttpClient().GetAsync(invitation)).StatusCode);
    }

    [Fact]
    public async Task Outbox_AfterDelivery_KeepsNoLinkAndNoEmailEverHoldsAPassword()
    {
        var pickup = Path.Combine(Path.GetTempPath(), $"nr-mail-{Guid.NewGuid():N}");
        await using var mail = App.WithWebHostBuilder(b => b.UseSetting("Email:PickupFolder", pickup));
        var invitation = await InviteAsync("jo@camden.gov.uk", Roles.Preparer, Camden);
        await App.CreateAccountAsync("sam@test.gov.uk", Roles.Preparer, "E06000009");
        using (var forgot = await PostFormAsync(App.CreateHttpClient(), "/account/forgot-password", "/account/forgot-password", new() { ["email"] = "sam@test.gov.uk" }))
        {
            Assert.Equal(HttpStatusCode.OK, forgot.StatusCode);
        }

        var reset = (await App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.To == "sam@test.gov.uk"))).Body;

        await using (var scope = mail.Services.CreateAsyncScope())
        {
            Assert.Equal("2 sent, 0 failed", await scope.ServiceProvider.GetRequiredService<DeliverOutbox.Handler>().HandleAsync(CancellationToken.None));
        }

        // Jo sets a password from the emailed link after it has gone.
        using var jo = App.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SetPasswordAsync(jo, LinkIn(invitation), "harbour pencil thistle")).StatusCode);

        var emails = Directory.GetFiles(pickup, "*.eml").Select(f => Decode(File.ReadAllText(f))).ToList();
        var outbox = await App.WithDbAsync(db => db.OutboxMessages.ToListAsync());
        var stored = string.Join("\n", outbox.Select(m => m.Subject + "\n" + m.Body));
        Directory.Delete(pickup, recursive: true);

        Assert.Equal(2, emails.Count);
        Assert.Contains(emails, e => e.Contains(LinkIn(invitation), StringComparison.Ordinal));
        Assert.Contains(emails, e => e.Contains(LinkIn(reset), StringComparison.Ordinal));
        Assert.All(outbox, m => Assert.Equal(Outbox.NotKept, m.Body));
        Assert.DoesNotContain("token=", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("harbour pencil thistle", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(WebApp.TestPassword, stored, StringComparison.Ordinal);
        Assert.All(emails, e => Assert.DoesNotMatch(@"(?i)password (is|:)\s*\S", e));
        Assert.All(emails, e => Assert.DoesNotContain("harbour pencil thistle", e, StringComparison.Ordinal));
    }

    /// <summary>The body of a pickup-folder .eml: quoted-printable soft breaks and '=' escapes undone.</summary>
    private static string Decode(string eml) => eml.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=3D", "=", StringComparison.Ordinal);

    [Fact]
    public async Task ForgotPassword_UnknownAddress_IsIndistinguishableFromAKnownOne()
    {
        await App.CreateAccountAsync("sam@test.gov.uk", Roles.Preparer, "E06000009");

        async Task<(HttpStatusCode Status, string Page, string Cookies)> AskAsync(string email)
        {
            using var client = App.CreateHttpClient();
            using var response = await PostFormAsync(client, "/account/forgot-password", "/account/forgot-password", new() { ["email"] = email });
            var html = await response.Content.ReadAsStringAsync();
            // What differs by design: the address itself, and the per-request antiforgery and CSP values.
            html = Regex.Replace(html.Replace(email, "ADDRESS", StringComparison.Ordinal), "value=\"[^\"]{40,}\"", "value=\"TOKEN\"");
            var cookies = string.Join(",", response.Headers.TryGetValues("Set-Cookie", out var set) ? set.Select(c => c.Split('=')[0]).Order() : []);
            return (response.StatusCode, html, cookies);
        }

        var known = await AskAsync("sam@test.gov.uk");
        var unknown = await AskAsync("nobody@test.gov.uk");

        Assert.Equal(HttpStatusCode.OK, known.Status);
        Assert.Equal(known, unknown);
        Assert.Contains("We have sent an email to ADDRESS", known.Page, StringComparison.Ordinal);
        var sent = await App.WithDbAsync(db => db.OutboxMessages.OrderBy(m => m.Id).ToListAsync());
        Assert.Equal(["sam@test.gov.uk", "nobody@test.gov.uk"], sent.Select(m => m.To));
        Assert.Equal(HttpStatusCode.OK, (await App.CreateHttpClient().GetAsync(LinkIn(sent[0].Body))).StatusCode);
        Assert.DoesNotContain("set-password", sent[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgotPassword_AskedAgainAndAgain_SendsAFewEmailsAnHourAndSaysTheSameEachTime()
    {
        var email = $"flooded-{Guid.NewGuid():N}@test.gov.uk";
        await App.CreateAccountAsync(email, Roles.Preparer, "E06000009");
        var pages = new List<string?>();
        for (var i = 0; i < Features.Account.Passwords.Handler.ResetEmailsPerHour + 3; i++)
        {
            using var response = await PostFormAsync(App.CreateHttpClient(), "/account/forgot-password", "/account/forgot-password", new() { ["email"] = email });
            pages.Add((await Pages.ParseAsync(response)).QuerySelector("[data-testid=reset-sent]")?.TextContent);
        }

        Assert.All(pages, p => Assert.Equal(pages[0], p));
        Assert.NotNull(pages[0]);
        Assert.Equal(Features.Account.Passwords.Handler.ResetEmailsPerHour, await App.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.To == email)));
        Assert.Equal(3, await App.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "password-reset-held-back")));
    }

    [Fact]
    public async Task PasswordReset_LinkSetsANewPassword_EndsOtherSessionsAndTheOldPasswordStops()
    {
        await App.CreateAccountAsync("sam@test.gov.uk", Roles.Preparer, "E06000009");
        using var elsewhere = App.CreateHttpClient();
        await WebApp.SignInAsync(elsewhere, "sam@test.gov.uk", WebApp.TestPassword);
        Assert.True(await SignedInAsync(elsewhere));
        using (var _ = await PostFormAsync(App.CreateHttpClient(), "/account/forgot-password", "/account/forgot-password", new() { ["email"] = "sam@test.gov.uk" }))
        {
        }

        var link = LinkIn((await App.WithDbAsync(db => db.OutboxMessages.SingleAsync())).Body);
        using var sam = App.CreateHttpClient();
        using var set = await SetPasswordAsync(sam, link, "a brand new pass phrase");

        Assert.Equal("/your-returns", set.Headers.Location!.OriginalString);
        Assert.True(await SignedInAsync(sam));
        Assert.False(await SignedInAsync(elsewhere));
        Assert.Equal(HttpStatusCode.OK, (await WebApp.SignInAsync(App.CreateHttpClient(), "sam@test.gov.uk", WebApp.TestPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await App.CreateHttpClient().GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task SignOut_CookieCapturedBefore_IsRefusedAfter()
    {
        await App.CreateAccountAsync("sam@test.gov.uk", Roles.Preparer, "E06000009");
        using var sam = ClientWithJar(out var jar);
        await WebApp.SignInAsync(sam, "sam@test.gov.uk", WebApp.TestPassword);
        using var thief = Copying(jar);
        Assert.True(await SignedInAsync(thief, "/your-returns"));

        using var signOut = await PostFormAsync(sam, "/your-returns", "/account/sign-out", []);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        using var after = await thief.GetAsync("/your-returns");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/sign-in", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var samId = await UserIdAsync("sam@test.gov.uk");
        Assert.Equal(0, await App.WithDbAsync(db => db.SignInSessions.CountAsync(s => s.UserId == samId)));
    }

    [Fact]
    public async Task RoleChange_ByAnAdmin_TakesEffectOnTheNextRequest()
    {
        await App.CreateAccountAsync("sam@test.gov.uk", Roles.Preparer, "E06000009");
        using var sam = App.CreateHttpClient();
        await WebApp.SignInAsync(sam, "sam@test.gov.uk", WebApp.TestPassword);
        Assert.True(await SignedInAsync(sam, "/returns/E06000009/2025-26-Q2"));
        using var admin = await App.SignedInAsync(Roles.Admin);

        using var changed = await PostFormAsync(admin, "/admin/users", $"/admin/users/{await UserIdAsync("sam@test.gov.uk")}", new() { ["role"] = Roles.Official, ["authority"] = "" });

        using var next = await sam.GetAsync("/returns/E06000009/2025-26-Q2");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/account/sign-in", next.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        // Signed in again, Sam is an official: indicators, not Blackpool's unpublished return.
        using var again = await WebApp.SignInAsync(sam, "sam@test.gov.uk", WebApp.TestPassword);
        Assert.Equal("/indicators", again.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, (await sam.GetAsync("/returns/E06000009/2025-26-Q2")).StatusCode);
    }

    [Fact]
    public async Task Disabling_ByAnAdmin_EndsTheSessionAtOnce()
    {
        await App.CreateAccountAsync("sam@test.gov.uk", Roles.Preparer, "E06000009");
        using var sam = App.CreateHttpClient();
        await WebApp.SignInAsync(sam, "sam@test.gov.uk", WebApp.TestPassword);
        Assert.True(await SignedInAsync(sam));
        using var admin = await App.SignedInAsync(Roles.Admin);

        using var disabled = await PostFormAsync(admin, "/admin/users", $"/admin/users/{await UserIdAsync("sam@test.gov.uk")}/disable", []);

        Assert.False(await SignedInAsync(sam));
        Assert.Equal(HttpStatusCode.OK, (await WebApp.SignInAsync(sam, "sam@test.gov.uk", WebApp.TestPassword)).StatusCode);
    }

    [Fact]
    public async Task ChangePassword_SignedIn_KeepsThisPersonSignedInOnANewSessionAndEndsEveryOther()
    {
        await App.CreateAccountAsync("sam@test.gov.uk", Roles.Preparer, "E06000009");
        using var here = ClientWithJar(out var jar);
        using var there = App.CreateHttpClient();
        await WebApp.SignInAsync(here, "sam@test.gov.uk", WebApp.TestPassword);
        await WebApp.SignInAsync(there, "sam@test.gov.uk", WebApp.TestPassword);
        using var copy = Copying(jar);

        using var wrong = await PostFormAsync(here, "/account/change-password", "/account/change-password",
            new() { ["current"] = "not my password at all", ["password"] = "a brand new pass phrase", ["confirm"] = "a brand new pass phrase" });
        using var changed = await PostFormAsync(here, "/account/change-password", "/account/change-password",
            new() { ["current"] = WebApp.TestPassword, ["password"] = "a brand new pass phrase", ["confirm"] = "a brand new pass phrase" });

        Assert.Contains("Your current password is not right", (await Pages.ParseAsync(wrong)).QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/account?changed=true", changed.Headers.Location!.OriginalString);
        Assert.NotNull((await Pages.ParseAsync(await here.GetStringAsync("/account?changed=true"))).QuerySelector("[data-testid=password-changed]"));
        // The cookie this browser held before the change is not the one it holds now: a copy of the old one is refused.
        Assert.False(await SignedInAsync(copy));
        Assert.False(await SignedInAsync(there));
        Assert.Equal(1, await App.WithDbAsync(db => db.SignInSessions.CountAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await WebApp.SignInAsync(App.CreateHttpClient(), "sam@test.gov.uk", "a brand new pass phrase")).StatusCode);
    }

    [Fact]
    public async Task SignIn_OnABrowserStillHoldingSomeoneElsesSession_StartsANewOne()
    {
        await App.CreateAccountAsync("sam@test.gov.uk", Roles.Preparer, "E06000009");
        await App.CreateAccountAsync("kim@test.gov.uk", Roles.Approver, "E06000009");
        using var shared = ClientWithJar(out var jar);
        await WebApp.SignInAsync(shared, "sam@test.gov.uk", WebApp.TestPassword);
        var samsCookie = jar.GetCookieHeader(App.BaseAddress);

        using var kim = await WebApp.SignInAsync(shared, "kim@test.gov.uk", WebApp.TestPassword);

        Assert.Equal(HttpStatusCode.Redirect, kim.StatusCode);
        Assert.NotEqual(samsCookie, jar.GetCookieHeader(App.BaseAddress));
        Assert.Contains("Sign out (Test Approver)", await shared.GetStringAsync("/account"), StringComparison.Ordinal);
        var kimId = await UserIdAsync("kim@test.gov.uk");
        Assert.Equal(1, await App.WithDbAsync(db => db.SignInSessions.CountAsync(s => s.UserId == kimId)));
    }

    private static async Task<HttpClient> TokenClientAsync(WebApplicationFactory<Program> app, string authority)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var issued = await scope.ServiceProvider.GetRequiredService<Features.Admin.ApiClients.Handler>().IssueAsync(authority, "Case system", "test", CancellationToken.None);
        var (token, error) = (issued.Token, issued.Refusal?.Message);
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new("Bearer", token ?? throw new InvalidOperationException(error));
        return client;
    }

    private static MultipartFormDataContent NotAWorkbook() => new() { { new ByteArrayContent([1, 2, 3]), "file", "return.xlsx" } };

    [Fact]
    public async Task Uploads_OneClientUsesUpItsLimit_OtherClientsPeopleAndAnonymousRequestsAreUnaffected()
    {
        await using var limited = App.WithWebHostBuilder(b => b.UseSetting("RateLimits:UploadsPerMinute", "3"));
        using var kent = await TokenClientAsync(limited, ReturnFiles.Kent);
        using var camden = await TokenClientAsync(limited, Camden);
        await App.CreateAccountAsync("jo@camden.gov.uk", Roles.Preparer, Camden);
        using var jo = limited.CreateClient(new() { AllowAutoRedirect = false });
        await WebApp.SignInAsync(jo, "jo@camden.gov.uk", WebApp.TestPassword);
        using var anonymous = limited.CreateClient(new() { AllowAutoRedirect = false });
        var kentUploads = $"/api/v1/returns/{ReturnFiles.Kent}/{ReturnFiles.Period.UrlSegment}";

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await kent.PostAsync(kentUploads, NotAWorkbook());
            statuses.Add(response.StatusCode);
        }

        using var camdenUpload = await camden.PostAsync($"/api/v1/returns/{Camden}/{ReturnFiles.Period.UrlSegment}", NotAWorkbook());
        using var joUpload = await ReturnFiles.UploadAsync(jo, Camden, ReturnFiles.Period, [1, 2, 3]);
        using var anonymousUpload = await anonymous.PostAsync(kentUploads, NotAWorkbook());

        Assert.Equal([HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, camdenUpload.StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, joUpload.StatusCode);
        Assert.True(joUpload.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.OK, $"Jo's upload answered {(int)joUpload.StatusCode}");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousUpload.StatusCode);
    }

    [Fact]
    public async Task Api_NoTokenOrAnUnknownOrRevokedOne_Is401ProblemSayingWhich()
    {
        using var none = App.CreateHttpClient();
        using var unknown = App.CreateHttpClient();
        unknown.DefaultRequestHeaders.Authorization = new("Bearer", "nr_0123456789abcdef0123456789abcdef");
        using var revoked = await App.ApiClientAsync(ReturnFiles.Blackpool);
        var clientId = await App.WithDbAsync(db => db.ApiClients.Select(c => c.Id).SingleAsync());
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Features.Admin.ApiClients.Handler>().RevokeAsync(clientId, "test", CancellationToken.None);
        }

        const string url = "/api/v1/returns/E06000009/2025-26-Q2";
        foreach (var (client, expected) in new[] { (none, "No token"), (unknown, "The token is revoked or unknown"), (revoked, "The token is revoked or unknown") })
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(401, problem.GetProperty("status").GetInt32());
            Assert.StartsWith(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Downloads_OfUnpublishedData_AreNeverCached()
    {
        var profile = await ReturnFiles.ProfileAsync(App, ReturnFiles.Blackpool);
        using var preparer = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        using var national = await App.SignedInAsync(Roles.NationalTeam);
        using var api = await App.ApiClientAsync(ReturnFiles.Blackpool);
        var (url, _) = await ReturnFiles.UploadAndReadFeedbackAsync(preparer, ReturnFiles.Blackpool, ReturnFiles.Period,
            ReturnFiles.FilledTemplate(profile, ReturnFiles.Demo(profile)));
        var version = url.Split('/')[^1];
        var returnPath = $"/returns/{ReturnFiles.Blackpool}/{ReturnFiles.Period.UrlSegment}";

        var downloads = new (HttpClient Client, string Url)[]
        {
            (preparer, $"{returnPath}/template"),
            (preparer, $"{returnPath}/versions/{version}/issues.csv"),
            (preparer, $"{returnPath}/versions/{version}/marked.xlsx"),
            (national, "/returns/tracker.xlsx"),
            (api, $"/api/v1/returns/{ReturnFiles.Blackpool}/{ReturnFiles.Period.UrlSegment}"),
        };
        foreach (var (client, download) in downloads)
        {
            using var response = await client.GetAsync(download);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{download} answered {(int)response.StatusCode}");
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{download} may be cached: {response.Headers.CacheControl}");
        }
    }

    [Fact]
    public async Task ForwardedFor_FromTheTrustedProxy_IsWhoTheAuditAndTheThrottleSee()
    {
        await App.CreateAccountAsync("sam@test.gov.uk", Roles.Preparer, "E06000009");
        using var sam = App.CreateHttpClient();
        sam.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.10");

        await WebApp.SignInAsync(sam, "sam@test.gov.uk", WebApp.TestPassword);

        Assert.Equal("203.0.113.10", await App.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == "sign-in").Select(e => e.From).SingleAsync()));
    }

    /// <summary>The app on Kestrel (so requests have a real remote address) trusting a proxy that is not the loopback.</summary>
    private sealed class BehindAnotherProxy() : WebApp("nr_web_tests")
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Network:KnownProxies:0", "10.9.9.9");
        }
    }

    [Fact]
    public async Task ForwardedFor_FromAnAddressThatIsNotAKnownProxy_IsIgnored()
    {
        await App.CreateAccountAsync("sam@test.gov.uk", Roles.Preparer, "E06000009");
        await using var elsewhere = new BehindAnotherProxy();
        await elsewhere.InitializeAsync();
        using var sam = elsewhere.CreateHttpClient();
        sam.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.10");

        using var signedIn = await WebApp.SignInAsync(sam, "sam@test.gov.uk", WebApp.TestPassword);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("127.0.0.1", await App.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == "sign-in").Select(e => e.From).SingleAsync()));
    }

    [Fact]
    public async Task Https_ForwardedByTheProxy_GetsHstsAndRedirectsOnTheRealAddress()
    {
        using var client = App.CreateHttpClient();

        async Task<HttpResponseMessage> GetAsync(string path, bool https)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = "returns.example.gov.uk";
            if (https)
            {
                request.Headers.Add("X-Forwarded-Proto", "https");
            }

            return await client.SendAsync(request);
        }

        using var secure = await GetAsync("/", https: true);
        using var plain = await GetAsync("/", https: false);
        using var challenged = await GetAsync("/your-returns", https: true);

        Assert.Contains("max-age=31536000", secure.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal(HttpStatusCode.Redirect, challenged.StatusCode);
        Assert.StartsWith("https://returns.example.gov.uk/account/sign-in", challenged.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
