using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NationalReturns.Web.Features.ApiDescription;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;

namespace NationalReturns.Web.Tests.Api;

/// <summary>
/// The API description at /openapi/v1.json: the committed copy in docs/api is the same, it describes every API
/// route and nothing else, every operation has an example and the problem documents it can answer with, and its
/// reference page is the only page with a policy of its own.
/// </summary>
public partial class OpenApiDocumentTests(WebApp app) : WebAppTest(app)
{
    private const string UpdateVariable = "NR_UPDATE_OPENAPI";

    private static readonly string CommittedCopy = TestEnvironment.PathInRepository("docs", "api", "openapi-v1.json");

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private async Task<JsonObject> DocumentAsync()
    {
        using var client = App.CreateHttpClient();
        using var response = await client.GetAsync(ApiDescription.DocumentPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    [Fact]
    public async Task OpenApiDocument_Served_MatchesTheCommittedCopy()
    {
        var served = await DocumentAsync();
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(CommittedCopy)!);
            await File.WriteAllTextAsync(CommittedCopy, served.ToJsonString(Indented) + "\n");
        }

        Assert.True(File.Exists(CommittedCopy), $"There is no {CommittedCopy}. Write it with {UpdateVariable}=1 (see docs/api/README.md).");
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(CommittedCopy));

        // Compared as JSON, so the order of properties and the layout do not matter; what the API says does.
        Assert.True(JsonNode.DeepEquals(served, committed),
            $"The API's description has changed and docs/api/openapi-v1.json has not: first difference at {FirstDifference(served, committed, "")}. "
            + $"If the change is meant, run this test with {UpdateVariable}=1 to rewrite the copy, then review and commit it (docs/api/README.md).");
    }

    [Fact]
    public async Task OpenApiDocument_Served_ListsEveryApiRouteTheAppHasAndNothingElse()
    {
        var document = await DocumentAsync();

        var described = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(operation => $"{operation.Key.ToUpperInvariant()} {path.Key}"))
            .Order(StringComparer.Ordinal).ToList();
        var routes = ApiRoutes().Select(r => $"{r.Method} {r.Path}").Order(StringComparer.Ordinal).ToList();

        Assert.Contains("POST /api/v1/returns/{onsCode}/{period}", routes);
        Assert.Equal(routes, described);
        Assert.All(described, d => Assert.Contains(" /api/v1/", d, StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenApiDocument_EveryOperation_HasAnExampleAndTheProblemDocumentsItCanAnswerWith()
    {
        var document = await DocumentAsync();
        var schemes = document["components"]!["securitySchemes"]!.AsObject();
        Assert.Equal("bearer", schemes["apiToken"]!["scheme"]!.GetValue<string>());
        Assert.Equal("nr-session", schemes["session"]!["name"]!.GetValue<string>());

        foreach (var route in ApiRoutes())
        {
            var operation = document["paths"]![route.Path]![route.Method.ToLowerInvariant()]!.AsObject();
            var responses = operation["responses"]!.AsObject();
            var name = $"{route.Method} {route.Path}";

            var success = responses.Single(r => r.Key.StartsWith('2')).Value!;
            Assert.True(success["content"]?["application/json"]?["examples"]?.AsObject().Count > 0, $"{name} has no example answer.");

            // Every problem response is a problem document with an example of itself.
            foreach (var (status, response) in responses.Where(r => r.Key.StartsWith('4')))
            {
                var problem = response!["content"]?["application/problem+json"];
                Assert.True(problem is not null, $"{name}: {status} is not described as a problem document.");
                Assert.Equal("#/components/schemas/ProblemDetails", problem["schema"]!["$ref"]!.GetValue<string>());
                var examples = problem["examples"]?.AsObject().Select(e => e.Value!["value"]!).ToList() ?? [];
                Assert.True(examples.Count > 0, $"{name}: {status} has no example.");
                Assert.All(examples, e => Assert.Equal(int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), e["status"]!.GetValue<int>()));
            }

            // The refusals made before the action runs, from what makes them.
            var statuses = responses.Select(r => r.Key).ToHashSet();
            var anonymous = route.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            Assert.True(anonymous == !operation.ContainsKey("security"), $"{name}: security does not match whether it needs a sign-in.");
            Assert.True(anonymous || statuses.Contains("401"), $"{name} needs a token but does not say it answers 401.");
            Assert.True(route.Metadata.GetMetadata<RequiresAttribute>() is null || statuses.Contains("403"), $"{name} declares a need but does not say it answers 403.");
            Assert.True(route.Metadata.GetMetadata<UploadLimitAttribute>() is null || statuses.Contains("413"), $"{name} has an upload limit but does not say it answers 413.");
            Assert.True(route.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>() is null || statuses.Contains("429"), $"{name} is rate limited but does not say it answers 429.");

            foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
            {
                Assert.False(string.IsNullOrWhiteSpace(parameter!["description"]?.GetValue<string>()), $"{name}: the parameter {parameter["name"]} has no description.");
                Assert.NotNull(parameter["example"]);
            }
        }

        var upload = document["paths"]!["/api/v1/returns/{onsCode}/{period}"]!["post"]!["responses"]!.AsObject();
        Assert.Equal(["201", "400", "401", "403", "404", "409", "413", "422", "429"], upload.Select(r => r.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task OpenApiDocument_ChartExamples_HaveACellForEveryColumn()
    {
        var document = await DocumentAsync();

        var charts = document["paths"]!.AsObject().Where(p => p.Key.StartsWith("/api/v1/charts/", StringComparison.Ordinal))
            .Select(p => p.Value!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["examples"]!["answer"]!["value"]!).ToList();

        Assert.Equal(9, charts.Count);
        Assert.All(charts, chart =>
        {
            var columns = chart["columns"]!.AsArray().Count;
            Assert.NotEmpty(chart["rows"]!.AsArray());
            Assert.All(chart["rows"]!.AsArray(), row => Assert.Equal(columns, row!.AsArray().Count));
        });
    }

    [Fact]
    public async Task OpenApiDocument_AskedAgain_IsServedAsMadeTheFirstTime()
    {
        using var client = App.CreateHttpClient();

        using var first = await client.GetAsync(ApiDescription.DocumentPath);
        using var again = await client.GetAsync(ApiDescription.DocumentPath);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        // The output cache says how long it has held what it sends; a document generated anew has no Age.
        Assert.NotNull(again.Headers.Age);
    }

    [Fact]
    public async Task OpenApiDocumentAndReferencePage_Anonymous_AreServed()
    {
        using var client = App.CreateHttpClient();

        using var document = await client.GetAsync(ApiDescription.DocumentPath);
        using var page = await client.GetAsync(ApiDescription.ReferencePath + "/");
        using var script = await client.GetAsync(ApiDescription.ReferencePath + "/scalar.js");

        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Equal("application/json", document.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        // Scalar's own copy of its script, from this site: the page loads nothing from a CDN.
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        var html = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync());
        Assert.All(html.QuerySelectorAll("script[src]"), s => Assert.DoesNotContain("//", s.GetAttribute("src"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReferencePage_Served_RelaxesOnlyItsOwnScriptAndStylePolicy()
    {
        using var client = App.CreateHttpClient();
        using var home = await client.GetAsync("/");
        using var document = await client.GetAsync(ApiDescription.DocumentPath);
        using var script = await client.GetAsync(ApiDescription.ReferencePath + "/scalar.js");
        using var page = await client.GetAsync(ApiDescription.ReferencePath + "/");
        using var again = await client.GetAsync(ApiDescription.ReferencePath + "/");

        var site = Policy(home);
        Assert.Equal(WebSetup.ContentSecurityPolicy, home.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(site, Policy(document));
        Assert.Equal(site, Policy(script));

        var reference = Policy(page);
        Assert.Equal(site.Keys.Order(StringComparer.Ordinal), reference.Keys.Order(StringComparer.Ordinal));
        Assert.All(site.Keys.Except(["script-src", "style-src"]), d => Assert.Equal(site[d], reference[d]));
        Assert.Equal("'self' 'unsafe-inline'", reference["style-src"]);
        Assert.DoesNotContain("unsafe", reference["script-src"], StringComparison.Ordinal);

        // Every script on the page carries the nonce the policy names, and the nonce is new for each request.
        var nonce = NonceIn(reference["script-src"]);
        var html = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync());
        Assert.NotEmpty(html.Scripts);
        Assert.All(html.Scripts, s => Assert.Equal(nonce, s.GetAttribute("nonce")));
        Assert.NotEqual(nonce, NonceIn(Policy(again)["script-src"]));
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
    }

    [Fact]
    public void Endpoints_NotControllerActions_EachSayWhoMayUseThem()
    {
        // Controllers need a sign-in unless they say [AllowAnonymous] (SignInRequired); endpoints mapped outside MVC
        // (the health check, the API description and its reference page) are not covered by that convention, so
        // each must say for itself.
        var endpoints = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ControllerActionDescriptor>() is null).ToList();

        Assert.Contains(endpoints, e => e.RoutePattern.RawText == ApiDescription.DocumentPath.Replace("v1", "{documentName}", StringComparison.Ordinal));
        Assert.All(endpoints, e => Assert.True(e.Metadata.GetMetadata<IAllowAnonymous>() is not null || e.Metadata.GetMetadata<IAuthorizeData>() is not null,
            $"{e.RoutePattern.RawText} says neither who may use it nor that anyone may."));
    }

    /// <summary>Every API route the app's endpoint data sources expose, with its method and the path as OpenAPI writes it.</summary>
    private List<(string Method, string Path, EndpointMetadataCollection Metadata)> ApiRoutes() =>
        App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/v1/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (m, "/" + RouteConstraint().Replace(e.RoutePattern.RawText!.TrimStart('/'), "}"), e.Metadata)))
            .ToList();

    [GeneratedRegex(@"(:[^}]*)?\??}")]
    private static partial Regex RouteConstraint();

    private static Dictionary<string, string> Policy(HttpResponseMessage response) =>
        response.Headers.GetValues("Content-Security-Policy").Single().Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', 2)).ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "");

    private static string NonceIn(string sources) =>
        sources.Split(' ').Single(s => s.StartsWith("'nonce-", StringComparison.Ordinal))["'nonce-".Length..^1];

    /// <summary>Where two JSON documents first differ, as a JSON pointer, so the failure says where to look.</summary>
    private static string FirstDifference(JsonNode? served, JsonNode? committed, string pointer)
    {
        switch (served, committed)
        {
            case (JsonObject a, JsonObject b):
                foreach (var key in a.Select(p => p.Key).Union(b.Select(p => p.Key)))
                {
                    if (!a.ContainsKey(key) || !b.ContainsKey(key))
                    {
                        return $"{pointer}/{key} ({(a.ContainsKey(key) ? "not in the committed copy" : "no longer served")})";
                    }

                    if (!JsonNode.DeepEquals(a[key], b[key]))
                    {
                        return FirstDifference(a[key], b[key], $"{pointer}/{key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}");
                    }
                }

                break;
            case (JsonArray a, JsonArray b) when a.Count == b.Count:
                for (var i = 0; i < a.Count; i++)
                {
                    if (!JsonNode.DeepEquals(a[i], b[i]))
                    {
                        return FirstDifference(a[i], b[i], $"{pointer}/{i}");
                    }
                }

                break;
        }

        return pointer.Length == 0 ? "the whole document" : pointer;
    }
}
