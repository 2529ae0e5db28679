using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NationalReturns.Web.Features.Admin;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;

namespace NationalReturns.Web.Tests.Account;

/// <summary>
/// Every route the app has, for every kind of user: allowed, forbidden, or sent to sign in. The routes
/// come from the app's own route table, so a new route without a rule here fails the test.
/// </summary>
public partial class AuthorizationMatrixTests(WebApp app) : WebAppTest(app)
{
    public enum Who
    {
        Anonymous,
        BlackpoolPreparer,
        BlackpoolApprover,
        KentPreparer,
        NationalTeam,
        Official,
        Admin,
        BlackpoolApiClient,
        KentApiClient,
    }

    public enum Outcome
    {
        Allowed,
        Forbidden,
        SignIn,
        Unauthorised,
    }

    private static readonly Who[] Everyone = Enum.GetValues<Who>();
    private static readonly Who[] People = [Who.BlackpoolPreparer, Who.BlackpoolApprover, Who.KentPreparer, Who.NationalTeam, Who.Official, Who.Admin];
    private static readonly Who[] NotSignedIn = [Who.Anonymous, Who.BlackpoolApiClient, Who.KentApiClient];

    private static Dictionary<Who, Outcome> Public() => Everyone.ToDictionary(w => w, _ => Outcome.Allowed);

    /// <summary>A page for the people listed; other people are forbidden; no one signed in is sent to sign in.</summary>
    private static Dictionary<Who, Outcome> Page(params Who[] allowed) => Everyone.ToDictionary(w => w,
        w => NotSignedIn.Contains(w) ? Outcome.SignIn : allowed.Contains(w) ? Outcome.Allowed : Outcome.Forbidden);

    private static Dictionary<Who, Outcome> Api(params Who[] allowed) => Everyone.ToDictionary(w => w,
        w => allowed.Contains(w) ? Outcome.Allowed : w is Who.BlackpoolApiClient or Who.KentApiClient ? Outcome.Forbidden : Outcome.Unauthorised);

    /// <summary>Read-only chart data: people with their session, API clients with their token; nobody else.</summary>
    private static Dictionary<Who, Outcome> SessionOrToken() => Everyone.ToDictionary(w => w, w => w == Who.Anonymous ? Outcome.Unauthorised : Outcome.Allowed);

    private static readonly Who[] BlackpoolReaders = [Who.BlackpoolPreparer, Who.BlackpoolApprover, Who.NationalTeam, Who.Admin];

    /// <summary>The rules: "METHOD template" → who may.</summary>
    private static readonly Dictionary<string, Dictionary<Who, Outcome>> Rules = new()
    {
        ["GET /"] = Public(),
        ["GET areas"] = Public(),
        ["GET areas/{onsCode}"] = Public(),
        ["GET api/v1/areas"] = Public(),
        ["GET api/v1/areas/{code}"] = Public(),
        ["GET returns/specification"] = Public(),
        ["GET help"] = Public(),
        ["GET accessibility"] = Public(),
        ["GET cookies"] = Public(),
        ["GET privacy"] = Public(),
        ["GET account/sign-in"] = Public(),
        ["POST account/sign-in"] = Public(),
        ["GET errors/{status:int}"] = Public(),
        ["POST errors/{status:int}"] = Public(),
        ["POST account/sign-out"] = Page(People),
        ["GET account"] = Page(People),
        ["GET account/change-password"] = Page(People),
        ["POST account/change-password"] = Page(People),
        ["GET account/forgot-password"] = Public(),
        ["POST account/forgot-password"] = Public(),
        ["GET account/set-password"] = Public(),
        ["POST account/set-password"] = Public(),
        ["GET returns"] = Page(Who.BlackpoolPreparer, Who.BlackpoolApprover, Who.KentPreparer, Who.NationalTeam, Who.Admin),
        ["GET returns/tracker.xlsx"] = Page(Who.NationalTeam, Who.Admin),
        ["GET returns/publish"] = Page(Who.NationalTeam),
        ["POST returns/publish"] = Page(Who.NationalTeam),
        ["POST returns/reminders"] = Page(Who.NationalTeam),
        ["GET returns/{onsCode}/{period}"] = Page(BlackpoolReaders),
        ["GET returns/{onsCode}/{period}/template"] = Page(BlackpoolReaders),
        ["GET returns/{onsCode}/{period}/versions/{number:int}"] = Page(BlackpoolReaders),
        ["GET returns/{onsCode}/{period}/versions/{number:int}/issues.csv"] = Page(BlackpoolReaders),
        ["GET returns/{onsCode}/{period}/versions/{number:int}/marked.xlsx"] = Page(BlackpoolReaders),
        ["GET returns/{onsCode}/{period}/versions/{number:int}/figures"] = Page(BlackpoolReaders),
        ["GET returns/{onsCode}/{period}/versions/{number:int}/original"] = Page(BlackpoolReaders),
        ["GET returns/{onsCode}/{period}/compare"] = Page(BlackpoolReaders),
        ["GET returns/{onsCode}/{period}/upload"] = Page(Who.BlackpoolPreparer),
        ["POST returns/{onsCode}/{period}/upload"] = Page(Who.BlackpoolPreparer),
        ["POST returns/{onsCode}/{period}/versions/{number:int}/explanations"] = Page(Who.BlackpoolPreparer),
        ["POST returns/{onsCode}/{period}/actions/{move:regex(^(submit|certify|send-back|query|answer|accept|reopen)$)}"] = Page(Who.BlackpoolPreparer),
        ["GET returns/{onsCode}/{period}/done/{move:regex(^(submit|certify|send-back|query|answer|accept|reopen)$)}"] = Page(BlackpoolReaders),
        ["GET published"] = Page(Who.Official, Who.NationalTeam, Who.Admin),
        ["GET published.csv"] = Page(Who.Official, Who.NationalTeam, Who.Admin),
        ["GET your-returns"] = Page(Who.BlackpoolPreparer, Who.BlackpoolApprover, Who.KentPreparer),
        ["GET audit"] = Page(Who.NationalTeam, Who.Admin),
        ["GET admin/collection-windows"] = Page(Who.Admin),
        ["POST admin/collection-windows/{period}"] = Page(Who.Admin),
        ["GET admin/users"] = Page(Who.Admin),
        ["POST admin/users"] = Page(Who.Admin),
        ["POST admin/users/{id}"] = Page(Who.Admin),
        ["POST admin/users/{id}/disable"] = Page(Who.Admin),
        ["GET admin/api-clients"] = Page(Who.Admin),
        ["GET admin/profiler"] = Page(Who.Admin),
        ["GET admin/profiler/{traceId:length(32)}"] = Page(Who.Admin),
        ["POST admin/api-clients"] = Page(Who.Admin),
        ["POST admin/api-clients/{id:int}/revoke"] = Page(Who.Admin),
        ["GET indicators"] = Page(People),
        ["GET indicators/methodology"] = Page(People),
        ["GET indicators/{id}"] = Page(People),
        ["GET indicators/{id}/download"] = Page(People),
        ["GET indicators/areas"] = Page(People),
        ["GET indicators/areas/{onsCode}"] = Page(People),
        ["GET areas/{onsCode}/dashboard"] = Page(People),
        ["GET indicators/{id}/compare"] = Page(People),
        ["GET indicators/{id}/funnel"] = Page(People),
        ["GET indicators/{id}/map"] = Page(People),
        ["GET indicators/{id}/distribution"] = Page(People),
        ["GET indicators/overview"] = Page(People),
        ["GET packs"] = Page(People),
        ["GET packs/areas/{onsCode}.xlsx"] = Page(Who.BlackpoolPreparer, Who.BlackpoolApprover, Who.NationalTeam, Who.Official, Who.Admin),
        ["GET packs/regions/{regionCode}.xlsx"] = Page(Who.NationalTeam, Who.Official, Who.Admin),
        ["GET packs/england.xlsx"] = Page(Who.NationalTeam, Who.Official, Who.Admin),
        ["GET packs/areas.zip"] = Page(Who.NationalTeam, Who.Official, Who.Admin),
        ["GET comparison-groups"] = Page(People),
        ["POST comparison-groups"] = Page(People),
        ["POST comparison-groups/{id:int}/delete"] = Page(People),
        ["GET comparison-groups/open"] = Page(People),
        ["GET api/v1/charts/areas/{onsCode}/summary"] = SessionOrToken(),
        ["GET api/v1/charts/areas/{onsCode}/spine"] = SessionOrToken(),
        ["GET api/v1/charts/areas/{onsCode}/trend/{id}"] = SessionOrToken(),
        ["GET api/v1/charts/areas/{onsCode}/neighbours/{id}"] = SessionOrToken(),
        ["GET api/v1/charts/indicators/{id}/compare"] = SessionOrToken(),
        ["GET api/v1/charts/indicators/{id}/funnel"] = SessionOrToken(),
        ["GET api/v1/charts/indicators/{id}/map"] = SessionOrToken(),
        ["GET api/v1/charts/indicators/{id}/distribution"] = SessionOrToken(),
        ["GET api/v1/charts/overview"] = SessionOrToken(),
        ["GET self-assessments"] = Page(People),
        ["GET self-assessments/{onsCode}/{framework}/{year}"] = Page(BlackpoolReaders),
        ["GET self-assessments/{onsCode}/{framework}/{year}/template"] = Page(BlackpoolReaders),
        ["GET self-assessments/{onsCode}/{framework}/{year}/areas/{area}"] = Page(Who.BlackpoolPreparer),
        ["POST self-assessments/{onsCode}/{framework}/{year}/areas/{area}"] = Page(Who.BlackpoolPreparer),
        ["GET self-assessments/{onsCode}/{framework}/{year}/upload"] = Page(Who.BlackpoolPreparer),
        ["POST self-assessments/{onsCode}/{framework}/{year}/upload"] = Page(Who.BlackpoolPreparer),
        ["POST self-assessments/{onsCode}/{framework}/{year}/{move:regex(^(submit|sign-off|send-back)$)}"] = Page(Who.BlackpoolPreparer),
        ["GET self-assessments/{onsCode}/{framework}/{year}/moderate"] = Page(Who.NationalTeam),
        ["POST self-assessments/{onsCode}/{framework}/{year}/moderate"] = Page(Who.NationalTeam),
        ["GET self-assessments/scores"] = Page(Who.NationalTeam, Who.Official, Who.Admin),
        ["GET self-assessments/readiness"] = Page(Who.NationalTeam, Who.Official, Who.Admin),
        ["GET self-assessments/outcomes"] = Page(Who.NationalTeam, Who.Official, Who.Admin),
        ["GET self-assessments/authorities/{onsCode}"] = Page(Who.BlackpoolPreparer, Who.BlackpoolApprover, Who.NationalTeam, Who.Official, Who.Admin),
        ["GET admin/frameworks"] = Page(Who.Admin),
        ["POST admin/frameworks"] = Page(Who.Admin),
        ["GET api/v1/indicators"] = Api(Who.BlackpoolApiClient, Who.KentApiClient),
        ["GET api/v1/indicators/{id}"] = Api(Who.BlackpoolApiClient, Who.KentApiClient),
        ["GET api/v1/returns/{onsCode}/{period}"] = Api(Who.BlackpoolApiClient),
        ["POST api/v1/returns/{onsCode}/{period}"] = Api(Who.BlackpoolApiClient),
    };

    private List<(string Method, string Template)> Routes()
    {
        var sources = App.Services.GetRequiredService<EndpointDataSource>();
        return sources.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ControllerActionDescriptor>() is not null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, e.RoutePattern.RawText!.TrimStart('/'))))
            .Select(r => (Method: r.m, Template: r.Item2.Length == 0 ? "/" : r.Item2))
            .Distinct()
            .ToList();
    }

    [Fact]
    public void RouteTable_EveryRoute_HasARule()
    {
        var missing = Routes().Select(r => $"{r.Method} {r.Template}").Where(r => !Rules.ContainsKey(r)).ToList();

        Assert.True(missing.Count == 0, "Routes without an authorization rule: " + string.Join("; ", missing));
    }

    [Fact]
    public async Task EveryRoute_ForEveryKindOfUser_IsAllowedForbiddenOrSentToSignInAsTheRuleSays()
    {
        var clients = await ClientsAsync();
        var failures = new List<string>();
        // Signing out ends the session the next request needs, so it goes last.
        foreach (var (method, template) in Routes().OrderBy(r => r.Template == "account/sign-out"))
        {
            var url = Url(template);
            foreach (var who in Everyone)
            {
                var expected = Rules[$"{method} {template}"][who];
                using var response = await SendAsync(clients[who], method, url);
                var actual = Classify(response);
                if (actual != expected)
                {
                    failures.Add($"{method} {url} as {who}: expected {expected}, got {actual} ({(int)response.StatusCode})");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static Outcome Classify(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.Forbidden => Outcome.Forbidden,
        HttpStatusCode.Unauthorized => Outcome.Unauthorised,
        HttpStatusCode.Redirect when response.Headers.Location is { } location
            && (location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString).StartsWith("/account/sign-in", StringComparison.Ordinal)
            && response.RequestMessage!.RequestUri!.AbsolutePath != "/account/sign-in" => Outcome.SignIn,
        _ => Outcome.Allowed,
    };

    /// <summary>A real address for the template: Blackpool's return, a quarter, the first version, an action.</summary>
    private static string Url(string template)
    {
        var url = ParameterPattern().Replace(template, m => m.Groups[1].Value switch
        {
            "onsCode" or "code" => "E06000009",
            "regionCode" => "E12000002",
            "period" => "2025-26-Q2",
            "number" => "1",
            "move" => "submit",
            "framework" => "ehsg",
            "year" => "2025-26",
            "area" => "data",
            "status" => "404",
            "id" => "999999",
            "traceId" => "0123456789abcdef0123456789abcdef",
            var name => throw new InvalidOperationException($"The matrix does not know what to put in {{{name}}}: add it."),
        });
        return url == "/" ? url : "/" + url;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url)
    {
        if (method == "GET")
        {
            return await client.GetAsync(url);
        }

        // A valid antiforgery token for this client (the sign-in page issues one to whoever asks, signed in
        // or not), so what is tested is authorization, not forgery.
        var token = await WebApp.AntiforgeryTokenAsync(client, "/account/sign-in");
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        return await client.PostAsync(url, form);
    }

    private async Task<Dictionary<Who, HttpClient>> ClientsAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var apiClients = scope.ServiceProvider.GetRequiredService<ApiClients.Handler>();
        var blackpoolToken = (await apiClients.IssueAsync("E06000009", "Matrix", "test", CancellationToken.None)).Token!;
        var kentToken = (await apiClients.IssueAsync("E10000016", "Matrix", "test", CancellationToken.None)).Token!;
        HttpClient Api(string token)
        {
            var client = App.CreateHttpClient();
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            return client;
        }

        return new Dictionary<Who, HttpClient>
        {
            [Who.Anonymous] = App.CreateHttpClient(),
            [Who.BlackpoolPreparer] = await App.SignedInAsync(Roles.Preparer, "E06000009"),
            [Who.BlackpoolApprover] = await App.SignedInAsync(Roles.Approver, "E06000009"),
            [Who.KentPreparer] = await App.SignedInAsync(Roles.Preparer, "E10000016"),
            [Who.NationalTeam] = await App.SignedInAsync(Roles.NationalTeam),
            [Who.Official] = await App.SignedInAsync(Roles.Official),
            [Who.Admin] = await App.SignedInAsync(Roles.Admin),
            [Who.BlackpoolApiClient] = Api(blackpoolToken),
            [Who.KentApiClient] = Api(kentToken),
        };
    }

    [GeneratedRegex(@"\{([a-zA-Z]+)(:[^}]*)?\}")]
    private static partial Regex ParameterPattern();
}
