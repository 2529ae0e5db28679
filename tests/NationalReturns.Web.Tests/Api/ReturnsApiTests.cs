using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NationalReturns.Web.Features.Admin;
using NationalReturns.Web.Tests.Infrastructure;
using NationalReturns.Web.Tests.Returns;

namespace NationalReturns.Web.Tests.Api;

public class ReturnsApiTests(WebApp app) : WebAppTest(app)
{
    private const string BlackpoolReturn = "/api/v1/returns/E06000009/2025-26-Q2";

    private async Task<string> IssueTokenAsync(string authority)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var issued = await scope.ServiceProvider.GetRequiredService<ApiClients.Handler>().IssueAsync(authority, "Case system", "test", CancellationToken.None);
        var (token, error) = (issued.Token, issued.Refusal?.Message);
        return token ?? throw new InvalidOperationException(error);
    }

    private HttpClient Client(string token)
    {
        var client = App.CreateHttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static MultipartFormDataContent File(byte[] content) =>
        new() { { new ByteArrayContent(content), "file", "return.xlsx" } };

    [Fact]
    public async Task Post_WorkbookWithProblems_ReturnsVersionCountsAndEveryIssue()
    {
        using var client = Client(await IssueTokenAsync("E06000009"));
        var fixture = await System.IO.File.ReadAllBytesAsync(ReturnFiles.FixturePath("blackpool-2025-26-Q2.xlsx"));

        using var response = await client.PostAsync(BlackpoolReturn, File(fixture));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, json.GetProperty("version").GetInt32());
        Assert.Equal("Draft", json.GetProperty("status").GetString());
        Assert.True(json.GetProperty("readable").GetBoolean());
        var stored = await App.WithDbAsync(db => db.ReturnIssues.OrderBy(i => i.Sequence).ToListAsync());
        var issues = json.GetProperty("issues").EnumerateArray().ToList();
        Assert.Equal(stored.Count, issues.Count);
        Assert.Equal(stored.Count(i => i.Severity == Domain.Returns.Severity.Error), json.GetProperty("errors").GetInt32());
        Assert.Equal(stored.Select(i => $"{i.Code} {i.Sheet}!{i.Cell}"), issues.Select(i => $"{i.GetProperty("code").GetString()} {i.GetProperty("sheet").GetString()}!{i.GetProperty("cell").GetString()}"));

        var status = await client.GetFromJsonAsync<JsonElement>(BlackpoolReturn);
        Assert.Equal(issues.Count, status.GetProperty("issues").GetArrayLength());
        Assert.Equal("Draft", status.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Token_ForAnotherAuthority_IsForbiddenAndStoresNothing()
    {
        using var kent = Client(await IssueTokenAsync("E10000016"));

        Assert.Equal(HttpStatusCode.Forbidden, (await kent.PostAsync(BlackpoolReturn, File([1, 2, 3]))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await kent.GetAsync(BlackpoolReturn)).StatusCode);
        Assert.Equal(0, await App.WithDbAsync(db => db.UploadedFiles.CountAsync()));
    }

    [Fact]
    public async Task Token_MissingWrongOrRevoked_IsUnauthorised()
    {
        var token = await IssueTokenAsync("E06000009");
        using var none = App.CreateHttpClient();
        using var wrong = Client("nr_not-a-real-token");
        using var valid = Client(token);
        Assert.Equal(HttpStatusCode.OK, (await valid.GetAsync(BlackpoolReturn)).StatusCode);

        await App.WithDbAsync(db => db.ApiClients.ExecuteUpdateAsync(s => s.SetProperty(c => c.RevokedAt, DateTimeOffset.UtcNow)));

        Assert.Equal(HttpStatusCode.Unauthorized, (await none.GetAsync(BlackpoolReturn)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync(BlackpoolReturn)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await valid.GetAsync(BlackpoolReturn)).StatusCode);
    }

    [Fact]
    public async Task Api_SignedInPersonWithACookie_CannotUseIt()
    {
        using var preparer = await App.SignedInAsync(Web.Infrastructure.Roles.Preparer, "E06000009");

        Assert.Equal(HttpStatusCode.Unauthorized, (await preparer.GetAsync(BlackpoolReturn)).StatusCode);
        var posted = await preparer.PostAsync(BlackpoolReturn, File([1, 2, 3]));
        Assert.True(posted.StatusCode == HttpStatusCode.Unauthorized, await posted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Token_IsStoredOnlyAsAHash()
    {
        var token = await IssueTokenAsync("E06000009");

        var stored = await App.WithDbAsync(db => db.ApiClients.SingleAsync());

        Assert.NotEqual(token, stored.TokenHash);
        Assert.Equal(64, stored.TokenHash.Length);
        Assert.DoesNotContain(token, stored.TokenHash, StringComparison.Ordinal);
        Assert.Equal(token[..10], stored.TokenPrefix);
    }

    [Fact]
    public async Task AdminPage_IssuesATokenShownOnce()
    {
        using var admin = await App.SignedInAsync(Web.Infrastructure.Roles.Admin);
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await WebApp.AntiforgeryTokenAsync(admin, "/admin/api-clients"),
            ["authority"] = "E06000009",
            ["name"] = "Liquidlogic export",
        });

        var token = (await Pages.ParseAsync(await admin.PostAsync("/admin/api-clients", form))).QuerySelector("code[data-field=token]")!.Text();

        Assert.StartsWith("nr_", token, StringComparison.Ordinal);
        using var client = Client(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(BlackpoolReturn)).StatusCode);
        Assert.DoesNotContain(token, await admin.GetStringAsync("/admin/api-clients"), StringComparison.Ordinal);
    }
}
