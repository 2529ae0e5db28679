using System.Net;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;

namespace NationalReturns.Web.Tests.Indicators;

/// <summary>A person's own comparison groups: saved, used on the national views, theirs alone.</summary>
[Collection(DemoQuarters.Name)]
public sealed class ComparisonGroupTests(DemoCollectionApp app)
{
    private static async Task<HttpResponseMessage> SaveAsync(HttpClient client, string? name, params string[] codes)
    {
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", await WebApp.AntiforgeryTokenAsync(client, "/comparison-groups")) };
        if (name is not null)
        {
            fields.Add(new("name", name));
        }

        fields.AddRange(codes.Select(c => new KeyValuePair<string, string>("codes", c)));
        return await client.PostAsync("/comparison-groups", new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task Save_ThreeCoastalTowns_ListedAndTheOverviewShowsOnlyThem()
    {
        using var official = await app.SignedInAsync(Roles.Official);

        using var saved = await SaveAsync(official, "Coastal towns", "E06000009", "E06000012", "E08000014");
        var page = await Pages.GetAsync(official, "/comparison-groups");
        var overview = page.QuerySelector("[data-table=groups] a[href^='/indicators/overview']")!.GetAttribute("href")!;
        var rows = (await Pages.GetAsync(official, overview)).QuerySelectorAll("[data-table=overview] tbody tr[data-code]").Select(r => r.GetAttribute("data-code")).ToList();
        using var open = await official.GetAsync("/comparison-groups/open?group=areas-E06000009.E06000012.E08000014&indicator=CARE-CLA&view=funnel");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("Coastal towns", page.QuerySelector("[data-table=groups] tbody th")!.Text());
        Assert.Equal(["E06000009", "E06000012", "E08000014"], rows.Order());
        Assert.Equal("/indicators/CARE-CLA/funnel?group=areas-E06000009.E06000012.E08000014", open.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData(null, new[] { "E06000009", "E06000012" }, "Enter a name for the group")]
    [InlineData("Too few", new[] { "E06000009" }, "Choose between 2 and 50 authorities (you chose 1)")]
    [InlineData("Made up", new[] { "E06000009", "E99999999" }, "Choose authorities from the list")]
    [InlineData("Ended", new[] { "E06000009", "E10000006" }, "Choose authorities from the list")]
    public async Task Save_Mistake_IsRefusedSayingWhatToDo(string? name, string[] codes, string message)
    {
        using var official = await app.SignedInAsync(Roles.Official);

        using var response = await SaveAsync(official, name, codes);
        var page = await Pages.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([message], page.ErrorMessages());
        Assert.NotNull(page.QuerySelector("[data-field=no-groups]"));
    }

    [Fact]
    public async Task Save_SameNameTwice_IsRefusedTheSecondTime()
    {
        using var official = await app.SignedInAsync(Roles.Official);

        using var first = await SaveAsync(official, "North", "E06000001", "E06000002");
        using var second = await SaveAsync(official, "north", "E06000003", "E06000004");

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(["You already have a group called ‘north’: choose another name, or delete that one first"], (await Pages.ParseAsync(second)).ErrorMessages());
    }

    [Fact]
    public async Task Delete_AnotherPersonsGroup_IsNotFoundAndTheGroupStays()
    {
        using var owner = await app.SignedInAsync(Roles.Official);
        using var other = await app.SignedInAsync(Roles.NationalTeam);
        using var saved = await SaveAsync(owner, "Mine", "E06000009", "E06000012");
        var id = (await Pages.GetAsync(owner, "/comparison-groups")).QuerySelector("[data-table=groups] tbody tr")!.GetAttribute("data-group");

        using var refused = await other.PostAsync($"/comparison-groups/{id}/delete", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await WebApp.AntiforgeryTokenAsync(other, "/comparison-groups"),
        }));
        var othersPage = await Pages.GetAsync(other, "/comparison-groups");
        var ownersPage = await Pages.GetAsync(owner, "/comparison-groups");
        using var deleted = await owner.PostAsync($"/comparison-groups/{id}/delete", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await WebApp.AntiforgeryTokenAsync(owner, "/comparison-groups"),
        }));

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.NotNull(othersPage.QuerySelector("[data-field=no-groups]"));
        Assert.Single(ownersPage.QuerySelectorAll("[data-table=groups] tbody tr"));
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.NotNull((await Pages.GetAsync(owner, "/comparison-groups")).QuerySelector("[data-field=no-groups]"));
    }
}
