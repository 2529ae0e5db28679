using System.Net;
using Microsoft.EntityFrameworkCore;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;
using NationalReturns.Web.Tests.Returns;

namespace NationalReturns.Web.Tests.Account;

/// <summary>Who may reach which return page: authority staff their own authority's only, whatever they guess.</summary>
public class AccessTests(WebApp app) : WebAppTest(app)
{
    private const string KentReturn = "/returns/E10000016/2025-26-Q2";

    private static readonly string[] KentPages =
    [
        KentReturn,
        KentReturn + "/template",
        KentReturn + "/upload",
        KentReturn + "/versions/1",
        KentReturn + "/versions/1/issues.csv",
        KentReturn + "/versions/1/marked.xlsx",
    ];

    private async Task UploadKentReturnAsync()
    {
        using var kent = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Kent);
        var profile = await ReturnFiles.ProfileAsync(App, ReturnFiles.Kent);
        await ReturnFiles.UploadAndReadFeedbackAsync(kent, ReturnFiles.Kent, ReturnFiles.Period, ReturnFiles.FilledTemplate(profile, ReturnFiles.Demo(profile)));
    }

    [Fact]
    public async Task ReturnPages_Anonymous_AreSentToSignIn()
    {
        using var client = App.CreateHttpClient();

        foreach (var path in KentPages.Append("/returns"))
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/sign-in?ReturnUrl=", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ReturnPages_PreparerOfAnotherAuthority_IsForbiddenEverywhereEvenWhenTheReturnExists()
    {
        await UploadKentReturnAsync();
        using var blackpool = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);

        foreach (var path in KentPages)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await blackpool.GetAsync(path)).StatusCode);
        }

        var token = await ReturnFiles.TokenAsync(blackpool, "/returns/E06000009/2025-26-Q2/upload");
        using var upload = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent([1, 2, 3]), "file", "x.xlsx" } };
        Assert.Equal(HttpStatusCode.Forbidden, (await blackpool.PostAsync(KentReturn + "/upload", upload)).StatusCode);
        var explain = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["ruleCode"] = "CARE-004", ["text"] = "A sibling group of five came into care in August." });
        Assert.Equal(HttpStatusCode.Forbidden, (await blackpool.PostAsync(KentReturn + "/versions/1/explanations", explain)).StatusCode);
        Assert.Equal(1, await App.WithDbAsync(db => db.UploadedFiles.CountAsync()));
    }

    [Fact]
    public async Task ReturnPages_ApproverOfTheAuthority_SeesButCannotUploadOrExplain()
    {
        await UploadKentReturnAsync();
        using var approver = await App.SignedInAsync(Roles.Approver, ReturnFiles.Kent);

        Assert.Equal(HttpStatusCode.OK, (await approver.GetAsync(KentReturn)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await approver.GetAsync(KentReturn + "/versions/1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await approver.GetAsync(KentReturn + "/upload")).StatusCode);
    }

    [Fact]
    public async Task ReturnPages_Official_SeesNoUnpublishedReturn()
    {
        await UploadKentReturnAsync();
        using var official = await App.SignedInAsync(Roles.Official);

        foreach (var path in KentPages.Append("/returns"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await official.GetAsync(path)).StatusCode);
        }
    }

    [Fact]
    public async Task ReturnPages_NationalTeam_SeesEveryReturnButDoesNotUpload()
    {
        await UploadKentReturnAsync();
        using var national = await App.SignedInAsync(Roles.NationalTeam);

        Assert.Equal(HttpStatusCode.OK, (await national.GetAsync("/returns")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await national.GetAsync(KentReturn + "/versions/1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await national.GetAsync(KentReturn + "/versions/1/marked.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await national.GetAsync(KentReturn + "/upload")).StatusCode);
    }

    [Fact]
    public async Task ReturnsIndex_Preparer_GoesToTheirOwnReturn()
    {
        using var blackpool = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);

        using var response = await blackpool.GetAsync("/returns?period=2025-26-Q2");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/returns/E06000009/2025-26-Q2", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task PublicPages_Anonymous_AreOpen()
    {
        using var client = App.CreateHttpClient();

        foreach (var path in new[] { "/", "/areas", "/areas/E06000009", "/api/v1/areas", "/returns/specification", "/account/sign-in", "/healthz", "/readyz" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        }
    }
}
