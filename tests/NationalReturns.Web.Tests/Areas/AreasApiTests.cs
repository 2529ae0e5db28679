using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NationalReturns.Web.Tests.Infrastructure;

namespace NationalReturns.Web.Tests.Areas;

public class AreasApiTests(WebApp app) : WebAppTest(app)
{
    private static readonly string[] AuthorityTypes = ["unitary", "metropolitan", "london-borough", "county"];

    [Fact]
    public async Task List_ReturnsAll153WithCodesTypeRegionAndNeighbours()
    {
        using var client = App.CreateHttpClient();
        var areas = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/areas");

        Assert.NotNull(areas);
        Assert.Equal(153, areas.Length);
        Assert.Equal(153, areas.Select(a => a.GetProperty("code").GetString()).Distinct().Count());
        Assert.All(areas, a =>
        {
            Assert.Matches("^E(06|08|09|10)\\d{6}$", a.GetProperty("code").GetString());
            Assert.Matches("^\\d{3}$", a.GetProperty("dfeCode").GetString());
            Assert.Contains(a.GetProperty("type").GetString(), AuthorityTypes);
            Assert.False(string.IsNullOrEmpty(a.GetProperty("name").GetString()));
            Assert.False(string.IsNullOrEmpty(a.GetProperty("region").GetString()));
            Assert.Equal(10, a.GetProperty("neighbours").GetArrayLength());
        });
        Assert.Equal(9, areas.Select(a => a.GetProperty("region").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task Get_Blackpool_ReturnsItWithNeighboursInRankOrder()
    {
        using var client = App.CreateHttpClient();
        var area = await client.GetFromJsonAsync<JsonElement>("/api/v1/areas/E06000009");

        Assert.Equal("Blackpool", area.GetProperty("name").GetString());
        Assert.Equal("890", area.GetProperty("dfeCode").GetString());
        Assert.Equal("unitary", area.GetProperty("type").GetString());
        Assert.Equal("North West", area.GetProperty("region").GetString());
        Assert.Equal("E06000001", area.GetProperty("neighbours")[0].GetString());
    }

    [Fact]
    public async Task Get_SuccessorAuthority_NamesItsPredecessor()
    {
        using var client = App.CreateHttpClient();
        var area = await client.GetFromJsonAsync<JsonElement>("/api/v1/areas/E06000063");

        Assert.Equal(["E10000006"], area.GetProperty("predecessors").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task Get_UnknownCode_Returns404ProblemJson()
    {
        using var client = App.CreateHttpClient();
        var response = await client.GetAsync("/api/v1/areas/E99999999");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("E99999999", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
