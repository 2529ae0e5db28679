using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using NationalReturns.Web.Features.Profiler;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Tests.Infrastructure;

/// <summary>The profiler on OpenTelemetry: each request's SQL, the badge, the pages, the Server-Timing header, and its bounds.</summary>
public sealed class ProfilerTests(WebApp app) : WebAppTest(app)
{
    /// <summary>The profile is stored when the request's span ends, just after its last byte is sent.</summary>
    private static async Task<AngleSharp.Dom.IDocument> TimelineAsync(HttpClient client, string href)
    {
        for (var tries = 0; ; tries++)
        {
            using var response = await client.GetAsync(href);
            if (response.StatusCode == HttpStatusCode.OK || tries == 50)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return await Pages.ParseAsync(await response.Content.ReadAsStringAsync());
            }

            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Page_ForAnAdmin_HasABadgeOpeningATimelineOfTheSqlItRan()
    {
        using var admin = await App.SignedInAsync(Roles.Admin);

        using var response = await admin.GetAsync("/admin/users");
        var page = await Pages.ParseAsync(await response.Content.ReadAsStringAsync());
        var badge = page.QuerySelector("[data-field=profiler-badge]");
        Assert.NotNull(badge);
        var statements = int.Parse(Regex.Match(badge!.TextContent, @"(\d+) SQL").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(statements > 0, badge.TextContent);
        var timing = string.Join(",", response.Headers.GetValues("Server-Timing"));
        Assert.Matches(@"app;dur=[\d.]+", timing);
        Assert.Matches(@"sql;dur=[\d.]+;desc=""[1-9]\d* SQL statements""", timing);

        var timeline = await TimelineAsync(admin, badge.GetAttribute("href")!);

        Assert.Equal("GET /admin/users", timeline.QuerySelector("[data-field=what]")!.TextContent);
        var sql = timeline.QuerySelectorAll("[data-field=sql]").Select(e => e.TextContent).ToList();
        Assert.True(sql.Count >= statements, $"{sql.Count} statements listed, {statements} counted by the badge");
        Assert.Contains(sql, s => s.StartsWith("SELECT u.id, u.email, u.display_name", StringComparison.Ordinal));
        Assert.Contains(timeline.QuerySelectorAll("[data-table=spans] tr[data-kind]"), r => r.GetAttribute("data-kind") == "Npgsql");
    }

    [Fact]
    public async Task SignIn_Profiled_KeepsTheStatementsButNeverTheirParameters()
    {
        var email = $"private-person-{Guid.NewGuid():N}@test.gov.uk";
        await App.CreateAccountAsync(email, Roles.Admin, null);
        using var admin = App.CreateHttpClient();
        using var signIn = await WebApp.SignInAsync(admin, email, WebApp.TestPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var list = await TimelineAsync(admin, "/admin/profiler");
        var post = list.QuerySelectorAll("[data-table=slowest] a").FirstOrDefault(a => a.TextContent == "POST /account/sign-in");
        Assert.NotNull(post);
        using var timeline = await admin.GetAsync(post!.GetAttribute("href"));
        var html = await timeline.Content.ReadAsStringAsync();

        Assert.Contains("WHERE u.normalized_email = @normalizedEmail", html, StringComparison.Ordinal);
        Assert.DoesNotContain("private-person", html, StringComparison.Ordinal);
        Assert.DoesNotContain(WebApp.TestPassword, html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.NationalTeam, null)]
    [InlineData(Roles.Official, null)]
    [InlineData(Roles.Preparer, "E06000009")]
    public async Task Profiler_ForAnyoneButAnAdmin_ShowsNoBadgeAndRefusesThePages(string role, string? authority)
    {
        using var person = await App.SignedInAsync(role, authority);
        using var admin = await App.SignedInAsync(Roles.Admin);
        var adminPage = await Pages.GetAsync(admin, "/account");
        var someone = adminPage.QuerySelector("[data-field=profiler-badge]")!.GetAttribute("href")!;

        var page = await Pages.GetAsync(person, "/account");
        using var list = await person.GetAsync("/admin/profiler");
        using var timeline = await person.GetAsync(someone);

        Assert.Null(page.QuerySelector("[data-field=profiler-badge]"));
        Assert.DoesNotContain("/admin/profiler", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, timeline.StatusCode);
    }

    [Theory]
    [InlineData("/assets/govuk-frontend.min.css", HttpStatusCode.OK)]
    [InlineData("/account/sign-in", HttpStatusCode.OK)]
    [InlineData("/no-such-page", HttpStatusCode.NotFound)]
    [InlineData("/admin/users", HttpStatusCode.Redirect)]
    [InlineData("/healthz", HttpStatusCode.OK)]
    public async Task AnyResponse_Always_CarriesServerTiming(string path, HttpStatusCode status)
    {
        using var client = App.CreateHttpClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Matches(@"^app;dur=[\d.]+;desc=""to first byte"", sql;dur=[\d.]+;desc=""\d+ SQL statements""$", string.Join(",", response.Headers.GetValues("Server-Timing")));
    }

    [Fact]
    public void Profiles_ManyLongRequests_KeepTheNewestWithinTheirBounds()
    {
        var profiles = new RequestProfiles(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Testing" });
        // Sources of this test's own, so neither the apps other tests run nor their telemetry see these spans.
        using var source = new ActivitySource($"Tests.Requests.{Guid.NewGuid():N}");
        using var npgsql = new ActivitySource($"Tests.Database.{Guid.NewGuid():N}");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => ReferenceEquals(s, source) || ReferenceEquals(s, npgsql),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = profiles.Processor.OnEnd,
        };
        ActivitySource.AddActivityListener(listener);
        var requests = RequestProfiles.Kept + 100;
        var steps = RequestProfiles.MostSpans + 50;

        for (var r = 0; r < requests; r++)
        {
            using var request = source.StartActivity("GET", ActivityKind.Server)!;
            request.SetTag("http.request.method", "GET");
            request.SetTag("url.path", $"/request/{r}");
            for (var s = 0; s < steps; s++)
            {
                using var statement = npgsql.StartActivity("national_returns", ActivityKind.Client)!;
                statement.SetTag("db.query.text", "SELECT name FROM authorities WHERE ons_code = $1");
            }
        }

        var recent = profiles.Recent();
        Assert.Equal(RequestProfiles.Kept, recent.Count);
        Assert.Equal($"GET /request/{requests - 1}", recent[0].What);
        Assert.Equal("GET /request/100", recent[^1].What);
        Assert.All(recent, p => Assert.Equal((RequestProfiles.MostSpans, 50, steps), (p.Spans.Count, p.SpansLeftOut, p.SqlCount)));

        var summary = ShowProfiles.Summarise(recent);
        var repeat = Assert.Single(summary.Repeats);
        Assert.Equal(("SELECT name FROM authorities WHERE ons_code = $1", RequestProfiles.MostSpans, RequestProfiles.Kept), (repeat.Sql, repeat.MostCalls, repeat.Requests));
    }
}
