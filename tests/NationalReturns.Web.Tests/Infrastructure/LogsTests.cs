using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Tests.Infrastructure;

/// <summary>The app as it runs outside development, as a process of its own: what it writes to standard output.</summary>
public sealed class LogsTests
{
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Logs_OutsideDevelopment_AreJsonOneLineARequestWithTraceIdsAndNothingPersonal()
    {
        // The app built beside these tests, in the same configuration (Debug or Release).
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var app = TestEnvironment.PathInRepository("src", "NationalReturns.Web", "bin", configuration, "net10.0", "NationalReturns.Web.dll");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [app, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(app)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Staging";
        start.Environment["ConnectionStrings__Default"] = TestEnvironment.ConnectionStringFor("nr_logs_tests");
        start.Environment["Jobs__Enabled"] = "false";
        start.Environment["Site__BaseUrl"] = $"http://127.0.0.1:{port}";
        var lines = new List<string>();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (lines)
                {
                    lines.Add(e.Data);
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var ready = false;
            for (var tries = 0; tries < 300 && !ready && !process.HasExited; tries++)
            {
                try
                {
                    ready = (await client.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(200);
                }
            }

            Assert.True(ready, "The app did not become ready: " + string.Join("\n", lines.TakeLast(20)));
            var email = $"someone-private-{Guid.NewGuid():N}@example.gov.uk";
            var page = await client.GetStringAsync($"/account/sign-in?returnUrl=%2Freturns%3Fsearch%3D{Uri.EscapeDataString(email)}");
            var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
            using var refused = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Email"] = email,
                ["Password"] = "not-the-password",
            }));
            using var missing = await client.GetAsync("/no-such-page");
            await Task.Delay(500);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        List<string> written;
        lock (lines)
        {
            written = [.. lines];
        }

        var entries = written.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var requests = entries.Where(e => e.GetProperty("Category").GetString() == Logs.RequestCategory).ToList();
        string Message(JsonElement e) => e.GetProperty("Message").GetString()!;
        Assert.Single(requests, r => Message(r).StartsWith("GET /account/sign-in answered 200 in ", StringComparison.Ordinal));
        Assert.Single(requests, r => Message(r).StartsWith("POST /account/sign-in answered 200 in ", StringComparison.Ordinal));
        Assert.Single(requests, r => Message(r).StartsWith("GET /no-such-page answered 404 in ", StringComparison.Ordinal));
        Assert.All(requests, r =>
        {
            var scopes = r.GetProperty("Scopes").EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object).ToList();
            Assert.Contains(scopes, s => s.TryGetProperty("TraceId", out var t) && t.GetString()!.Length == 32);
            Assert.Contains(scopes, s => s.TryGetProperty("RequestId", out _));
        });
        Assert.DoesNotContain(written, l => l.Contains("someone-private", StringComparison.Ordinal) || l.Contains("not-the-password", StringComparison.Ordinal));
        Assert.DoesNotContain(written, l => l.Contains("returnUrl", StringComparison.Ordinal));
    }
}
