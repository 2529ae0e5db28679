using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace NationalReturns.Benchmarks;

/// <summary>
/// Issue 15: each dashboard view under load, signed in as an official, with a real HTTP load tool (hey, from
/// Debian) at 32 connections, beside a static file of the same size served by the same app in the same run.
/// Target: p95 under 50 ms and at least half the static file's throughput.
/// </summary>
public static partial class DashboardLoad
{
    private const int Connections = 32;
    private const int Requests = 3_000;
    private const int Rounds = 3;

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex Throughput();

    [GeneratedRegex(@"95% in ([\d.]+) secs")]
    private static partial Regex Percentile95();

    [GeneratedRegex(@"\[(\d{3})\]\s+(\d+) responses")]
    private static partial Regex Statuses();

    public static async Task RunAsync(Uri app, string webRoot, string period)
    {
        var invariant = CultureInfo.InvariantCulture;
        var client = SessionChecks.NewClient(app, out var jar);
        await SessionChecks.SignInAsync(client, "official@demo.gov.uk", "demo-password-2026", "198.51.100.7");
        var cookie = jar.GetCookieHeader(app);
        string[] paths =
        [
            $"/areas/E06000009/dashboard?period={period}",
            $"/api/v1/charts/areas/E06000009/summary?period={period}",
            $"/api/v1/charts/areas/E06000009/spine?period={period}",
            $"/api/v1/charts/areas/E06000009/trend/CARE-START?period={period}",
            $"/indicators/CARE-START/compare?period={period}",
            $"/api/v1/charts/indicators/CARE-START/compare?period={period}",
            $"/indicators/CARE-START/funnel?period={period}",
            $"/indicators/overview?period={period}",
            $"/indicators/CARE-START/map?period={period}",
            $"/indicators/CARE-START/distribution",
        ];

        var folder = Path.Combine(webRoot, "assets", "bench-static");
        Directory.CreateDirectory(folder);
        try
        {
            Console.WriteLine(string.Create(invariant, $"  hey, {Requests:N0} requests at {Connections} connections, signed in as an official, beside a static file of the same size; medians of {Rounds} alternating rounds after one not counted:"));
            Console.WriteLine("  view                                                            bytes   req/s   p95 ms | static req/s  p95 ms | share of static");
            foreach (var path in paths)
            {
                using var first = await client.GetAsync(path);
                var body = await first.Content.ReadAsByteArrayAsync();
                if (!first.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{path} answered {(int)first.StatusCode}.");
                }

                // Same bytes, so the static file is as compressible and as large as the page.
                var name = $"s{body.Length}.html";
                await File.WriteAllBytesAsync(Path.Combine(folder, name), body);
                // A round of each first, not counted: the view's code is compiled by tiers as it runs, as the static
                // file's path already has been by the views before it.
                _ = (Hey(new Uri(app, $"/assets/bench-static/{name}"), null), Hey(new Uri(app, path), cookie));
                // Three rounds, the static file and the view alternately, medians of each: the machine's load drifts,
                // and it should fall on both alike.
                var rounds = Enumerable.Range(0, Rounds).Select(_ => (Static: Hey(new Uri(app, $"/assets/bench-static/{name}"), null), View: Hey(new Uri(app, path), cookie))).ToList();
                static double Median(IEnumerable<double> xs) => xs.Order().ElementAt(Rounds / 2);
                var (staticRate, staticP95) = (Median(rounds.Select(r => r.Static.Rate)), Median(rounds.Select(r => r.Static.P95Ms)));
                var (rate, p95) = (Median(rounds.Select(r => r.View.Rate)), Median(rounds.Select(r => r.View.P95Ms)));
                Console.WriteLine(string.Create(invariant, $"  {path,-62} {body.Length,7:N0} {rate,7:N0} {p95,8:0.0} | {staticRate,12:N0} {staticP95,7:0.0} | {rate / staticRate,5:0.00}x{(p95 < 50 && rate >= staticRate / 2 ? "" : "  (misses the target)")}"));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static (double Rate, double P95Ms) Hey(Uri url, string? cookie)
    {
        var start = new ProcessStartInfo("hey") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-n", Requests.ToString(CultureInfo.InvariantCulture), "-c", Connections.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        if (cookie is not null)
        {
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add($"Cookie: {cookie}");
        }

        start.ArgumentList.Add(url.ToString());
        using var process = Process.Start(start) ?? throw new InvalidOperationException("hey did not start: install it (apt-get install hey).");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var bad = Statuses().Matches(output).Where(m => m.Groups[1].Value != "200").Select(m => $"{m.Groups[2].Value} × {m.Groups[1].Value}").ToList();
        if (bad.Count > 0 || !Throughput().IsMatch(output))
        {
            throw new InvalidOperationException($"hey against {url} saw {string.Join(", ", bad)}:\n{output}");
        }

        return (double.Parse(Throughput().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
            double.Parse(Percentile95().Match(output).Groups[1].Value, CultureInfo.InvariantCulture) * 1000);
    }
}
