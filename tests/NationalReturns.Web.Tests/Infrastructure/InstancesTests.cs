using System.Net;
using System.Xml.Linq;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Returns;
using Npgsql;

namespace NationalReturns.Web.Tests.Infrastructure;

/// <summary>The app on Kestrel over a database of its own, deployed at <paramref name="contentRoot"/> when one is given.</summary>
public sealed class Instance(string database, string? contentRoot = null) : WebApp(database)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (contentRoot is not null)
        {
            builder.UseContentRoot(contentRoot);
        }
    }
}

/// <summary>
/// Two instances on one new database, as behind a load balancer: A, and B deployed at another path, as on another
/// machine. The path matters: data protection names the application after it unless told a name, and a different
/// name seals with different keys, so only a shared name lets B open what A sealed.
/// </summary>
public sealed class TwoInstances : IAsyncLifetime
{
    public string Database { get; } = $"nr_instances_{Guid.NewGuid():N}";

    private readonly string _elsewhere = Path.Combine(Path.GetTempPath(), $"nr-instance-b-{Guid.NewGuid():N}");

    public Instance A { get; private set; } = null!;

    public Instance B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        A = new Instance(Database);
        await A.InitializeAsync();
        // The same files at another path: only the path differs from A.
        Directory.CreateSymbolicLink(_elsewhere, A.Services.GetRequiredService<IWebHostEnvironment>().ContentRootPath);
        B = new Instance(Database, _elsewhere);
        await B.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
        Directory.Delete(_elsewhere);
        await TestEnvironment.DropDatabaseAsync(Database);
    }
}

/// <summary>Running on more than one machine: whatever one instance issued or built, another honours or serves.</summary>
public sealed class InstancesTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private const string SessionCookie = "nr-session";

    /// <summary>A browser's client for one instance; clients given the same cookies are one browser, as cookies ignore the port.</summary>
    private static HttpClient On(WebApp instance, CookieContainer cookies) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies }) { BaseAddress = instance.BaseAddress };

    private static async Task<string> NewAccountAsync(WebApp instance, string role, string? authority = null)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.gov.uk";
        await instance.CreateAccountAsync(email, role, authority);
        return email;
    }

    private static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string token, string email) =>
        await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Email"] = email,
            ["Password"] = WebApp.TestPassword,
        }));

    /// <summary>The key a protected payload was sealed with: it follows a 4-byte header (data protection's format).</summary>
    private static Guid SealedWith(string cookie) => new(WebEncoders.Base64UrlDecode(cookie).AsSpan(4, 16));

    private static async Task<List<Guid>> StoredKeysAsync(WebApp instance) =>
        (await instance.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync()))
            .Select(xml => Guid.Parse(XElement.Parse(xml).Attribute("id")!.Value)).ToList();

    [Fact]
    public async Task SignIn_FormFromOneInstancePostedToTheOther_IsSignedInOnBoth()
    {
        var email = await NewAccountAsync(instances.A, Roles.Official);
        var cookies = new CookieContainer();
        using var onA = On(instances.A, cookies);
        using var onB = On(instances.B, cookies);
        using var before = await onB.GetAsync("/account");

        // The form and its antiforgery cookie come from A; the post goes to B, which must open both.
        var token = await WebApp.AntiforgeryTokenAsync(onA, "/account/sign-in");
        using var signedIn = await PostSignInAsync(onB, token, email);
        using var accountOnA = await onA.GetAsync("/account");
        using var accountOnB = await onB.GetAsync("/account");

        Assert.Equal(HttpStatusCode.Redirect, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode); // refused, the form would be shown again (400 for a token B could not open)
        Assert.Equal(HttpStatusCode.OK, accountOnA.StatusCode);
        Assert.Contains(email, await accountOnA.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, accountOnB.StatusCode);
        Assert.Contains(email, await accountOnB.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // One key ring, in the database: the cookie B issued is sealed with the one key stored there. (On one
        // machine the instances could also share keys through a folder in the user's home; this says they do not.)
        var key = Assert.Single(await StoredKeysAsync(instances.A));
        Assert.Equal(key, SealedWith(cookies.GetCookies(instances.B.BaseAddress)[SessionCookie]!.Value));
    }

    [Fact]
    public async Task Restart_NewInstanceAfterTheOldIsGone_AcceptsTheOldCookie()
    {
        var cookies = new CookieContainer();
        string email;
        await using (var old = new Instance(instances.Database))
        {
            await old.InitializeAsync();
            email = await NewAccountAsync(old, Roles.NationalTeam);
            using var client = On(old, cookies);
            using var signedIn = await WebApp.SignInAsync(client, email, WebApp.TestPassword);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        var cookie = cookies.GetCookies(instances.A.BaseAddress)[SessionCookie]!.Value;
        await using var restarted = new Instance(instances.Database);
        await restarted.InitializeAsync();
        using var again = On(restarted, cookies);
        using var account = await again.GetAsync("/account");

        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        Assert.Contains(email, await account.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(SealedWith(cookie), Assert.Single(await StoredKeysAsync(restarted)));
    }

    [Fact]
    public async Task Pack_BuiltByOneInstance_IsServedByTheOtherFromStorage()
    {
        using var preparer = await instances.A.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        var profile = await ReturnFiles.ProfileAsync(instances.A, ReturnFiles.Blackpool);
        await ReturnFiles.UploadAndReadFeedbackAsync(preparer, ReturnFiles.Blackpool, ReturnFiles.Period, ReturnFiles.FilledTemplate(profile, ReturnFiles.Demo(profile)));
        await ReturnFiles.PublishAsync(instances.A, ReturnFiles.Blackpool);
        var email = await NewAccountAsync(instances.A, Roles.Official);
        var cookies = new CookieContainer();
        using var onA = On(instances.A, cookies);
        using var onB = On(instances.B, cookies);
        using (var signedIn = await WebApp.SignInAsync(onA, email, WebApp.TestPassword))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        var url = $"/packs/areas/{ReturnFiles.Blackpool}.xlsx?period={ReturnFiles.Period.UrlSegment}";
        var segment = ReturnFiles.Period.UrlSegment;
        Task<List<DateTimeOffset>> BuiltAsync() => instances.A.WithDbAsync(db =>
            db.StoredPacks.Where(p => p.Kind == "area" && p.Code == ReturnFiles.Blackpool && p.Period == segment).Select(p => p.BuiltAt).ToListAsync());

        using var fromA = await onA.GetAsync(url);
        var builtByA = await BuiltAsync();
        using var fromB = await onB.GetAsync(url);
        var afterB = await BuiltAsync();

        Assert.Equal(HttpStatusCode.OK, fromA.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fromB.StatusCode);
        Assert.Equal(await fromA.Content.ReadAsByteArrayAsync(), await fromB.Content.ReadAsByteArrayAsync());
        // B found A's pack current and sent it: had it built its own, the row would say when.
        Assert.Equal(builtByA, afterB);
        Assert.Single(afterB);
    }
}
