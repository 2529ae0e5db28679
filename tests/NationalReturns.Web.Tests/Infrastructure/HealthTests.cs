using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace NationalReturns.Web.Tests.Infrastructure;

public class HealthTests(WebApp app) : WebAppTest(app)
{
    [Fact]
    public async Task Healthz_DatabaseAnswers_IsHealthy()
    {
        using var client = App.CreateHttpClient();
        var response = await client.GetAsync("/healthz");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Healthz_DatabaseUnreachable_IsUnhealthy()
    {
        // A port nothing listens on: the app must say so rather than claim health.
        await using var unreachable = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("ConnectionStrings:Default", "Host=127.0.0.1;Port=1;Username=postgres;Database=none;Timeout=2");
            b.UseSetting("Database:PrepareOnStartup", "false");
            b.UseSetting("Jobs:Enabled", "false"); // the scheduler needs its database to start at all
        });
        using var client = unreachable.CreateClient();
        var response = await client.GetAsync("/healthz");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
    }
}
