using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NationalReturns.Web.Data;
using Npgsql;
using Respawn;
using Respawn.Graph;

namespace NationalReturns.Web.Tests.Infrastructure;

/// <summary>
/// The real app on Kestrel (so a browser can reach it too) over a real PostgreSQL database that it
/// migrates and loads itself. Respawn empties every table except the reference tables between tests.
/// </summary>
public class WebApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private Respawner? _respawner;

    public WebApp()
        : this("nr_web_tests")
    {
    }

    protected WebApp(string database)
    {
        UseKestrel(0);
        ConnectionString = TestEnvironment.ConnectionStringFor(database);
    }

    public string ConnectionString { get; }

    /// <summary>The app's clock: a fixed day every run (see <see cref="TestClock"/>).</summary>
    public TestClock Clock { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        // The shared app runs no scheduled jobs; the scheduling tests start their own instances.
        builder.UseSetting("Jobs:Enabled", "false");
        // Every test signs in from 127.0.0.1; the limits have a test of their own.
        builder.UseSetting("RateLimits:SignInsPerMinute", "100000");
        builder.UseSetting("RateLimits:UploadsPerMinute", "100000");
        // Links in emails point here; tests follow their paths on their own client.
        builder.UseSetting("Site:BaseUrl", "http://localhost");
        // Tests stand in for a load balancer on the loopback: X-Forwarded-For says which device a request is from.
        builder.UseSetting("Network:KnownProxies:0", "127.0.0.1");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public virtual async Task InitializeAsync()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseAddress = new Uri(addresses.Addresses.First());

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        // The roles are made at start-up like reference data, so they stay too. So does the data protection key
        // ring: it belongs to the deployment, not to a test, and an instance started on this database after a reset
        // (a second app, a restart) would otherwise make a new key and refuse the cookies this one issued.
        string[] kept = ["__EFMigrationsHistory", "roles", NationalReturnsDbContext.KeyTable, .. NationalReturnsDbContext.ReferenceTables];

        // Respawn refuses a schema with nothing to reset, which is true until tests have tables to write to.
        await using var count = new NpgsqlCommand(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND NOT (table_name = ANY(@kept))",
            connection);
        count.Parameters.AddWithValue("kept", kept);
        if ((long)(await count.ExecuteScalarAsync())! == 0)
        {
            return;
        }

        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            TablesToIgnore = kept.Select(t => new Table(t)).ToArray(),
        });
    }

    /// <summary>Empties the tables tests write to, keeping reference data.</summary>
    public async Task ResetAsync()
    {
        if (_respawner is null)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await _respawner.ResetAsync(connection);

        // The dashboards keep the indicator table in memory; emptying it under them is a change like a rebuild.
        Services.GetRequiredService<Features.Benchmarking.BenchmarkingData>().Changed();
    }

    /// <summary>A real HTTP client over the loopback, keeping cookies (for antiforgery) and not following redirects.</summary>
    public HttpClient CreateHttpClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = BaseAddress };

    public const string TestPassword = "correct horse battery staple";

    /// <summary>A client holding a new API token for the authority, as a council's own system would.</summary>
    public async Task<HttpClient> ApiClientAsync(string authority)
    {
        await using var scope = Services.CreateAsyncScope();
        var issued = await scope.ServiceProvider.GetRequiredService<Features.Admin.ApiClients.Handler>().IssueAsync(authority, "Case system", "test", CancellationToken.None);
        var (token, error) = (issued.Token, issued.Refusal?.Message);
        var client = CreateHttpClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token ?? throw new InvalidOperationException(error));
        return client;
    }

    /// <summary>A new account with the role (and authority), signed in through the real sign-in form.</summary>
    public async Task<HttpClient> SignedInAsync(string role, string? authority = null)
    {
        var email = $"{role.ToLowerInvariant()}-{authority ?? "national"}-{Guid.NewGuid():N}@test.gov.uk";
        await CreateAccountAsync(email, role, authority);
        var client = CreateHttpClient();
        using var response = await SignInAsync(client, email, TestPassword);
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {role} failed with {(int)response.StatusCode}.");
        }

        return client;
    }

    public async Task CreateAccountAsync(string email, string role, string? authority)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var user = new UserAccount { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Test {role}", AuthorityCode = authority };
        var created = await users.CreateAsync(user, TestPassword);
        if (!created.Succeeded || !(await users.AddToRoleAsync(user, role)).Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        }
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password)
    {
        var token = await AntiforgeryTokenAsync(client, "/account/sign-in");
        return await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Email"] = email,
            ["Password"] = password,
        }));
    }

    /// <summary>The antiforgery token of the form on the page at <paramref name="url"/>; the client keeps its cookie.</summary>
    /// <summary>
    /// The token in the page's first form; a page with no form of its own (the sign-out button carries none) gives
    /// the one the sign-in page issues to whoever asks, for the same person.
    /// </summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string url) =>
        (await Pages.GetAsync(client, url)).QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
        ?? (await Pages.GetAsync(client, "/account/sign-in")).QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
        ?? "";

    public async Task<T> WithDbAsync<T>(Func<NationalReturnsDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<NationalReturnsDbContext>());
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

[CollectionDefinition(Name)]
public sealed class SharedWebApp : ICollectionFixture<WebApp>
{
    public const string Name = "web app";
}

/// <summary>Base for tests that share the app: each starts from reference data only.</summary>
[Collection(SharedWebApp.Name)]
public abstract class WebAppTest(WebApp app) : IAsyncLifetime
{
    protected WebApp App { get; } = app;

    public Task InitializeAsync() => App.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
