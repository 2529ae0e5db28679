using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace NationalReturns.Benchmarks;

/// <summary>
/// Issue 16: how long one area's pack takes to build, how long every pack for a quarter takes (153 areas, the
/// regions, England and the ZIP), and how fast a stored pack is served beside a static file of the same bytes.
/// Targets: under 500 ms, under 60 s, close to static-file speed.
/// </summary>
public static class PackLoad
{
    private static readonly string[] Sample = ["E06000009", "E08000001", "E10000016", "E09000002", "E06000001", "E08000025", "E10000030", "E06000052", "E09000033", "E08000035", "E06000018"];

    public static async Task RunAsync(Uri app, string webRoot, string period, string connectionString)
    {
        var invariant = CultureInfo.InvariantCulture;
        await ClearAsync(connectionString);
        var client = SessionChecks.NewClient(app, out var jar);
        await SessionChecks.SignInAsync(client, "national@demo.gov.uk", "demo-password-2026", "198.51.100.8");
        var cookie = jar.GetCookieHeader(app);

        // One area's pack, built on request: the first warms the code, the next ten are measured. They are built for the
        // quarter before, so none of the quarter's packs is already kept in the app's memory when every pack is built.
        var earlier = NationalReturns.Domain.Periods.ReturnPeriod.Parse(period).Previous.UrlSegment;
        var walls = new List<double>();
        foreach (var code in Sample)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync($"/packs/areas/{code}.xlsx?period={earlier}");
            _ = await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            walls.Add(watch.Elapsed.TotalMilliseconds);
        }

        var builds = await BuildTimesAsync(connectionString, earlier);
        var measured = Sample.Skip(1).Select(c => builds[c]).Order().ToList();
        Console.WriteLine(string.Create(invariant, $"  one area's pack built: median {measured[measured.Count / 2]} ms, slowest {measured[^1]} ms (of {measured.Count}; target under 500 ms); the request, build and all: median {walls.Skip(1).Order().ElementAt(5):0} ms"));

        // Every pack for the quarter from nothing: the ZIP builds the areas' (as the job does), then regions and England.
        await ClearAsync(connectionString);
        var all = Stopwatch.StartNew();
        using (var zip = await client.GetAsync($"/packs/areas.zip?period={period}"))
        {
            zip.EnsureSuccessStatusCode();
            var zipped = await zip.Content.ReadAsByteArrayAsync();
            Console.WriteLine(string.Create(invariant, $"  the areas' ZIP: {zipped.Length / 1024.0 / 1024.0:0.0} MB"));
        }

        using (var list = await client.GetAsync($"/packs?period={period}"))
        {
            var html = await list.Content.ReadAsStringAsync();
            foreach (var href in System.Text.RegularExpressions.Regex.Matches(html, "href=\"(/packs/(regions/[^\"]+|england)\\.xlsx[^\"]*)\"").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)))
            {
                using var pack = await client.GetAsync(href);
                pack.EnsureSuccessStatusCode();
            }
        }

        var count = await CountAsync(connectionString, period);
        Console.WriteLine(string.Create(invariant, $"  every pack for {period} ({count} stored: areas, regions, England, the ZIP) built in {all.Elapsed.TotalSeconds:0.0} s (target under 60 s)"));

        // A stored pack served, beside a static file of the same bytes.
        var path = $"/packs/areas/E06000009.xlsx?period={period}";
        var bytes = await client.GetByteArrayAsync(path);
        var folder = Path.Combine(webRoot, "assets", "bench-static");
        Directory.CreateDirectory(folder);
        try
        {
            var name = $"p{bytes.Length}.xlsx";
            await File.WriteAllBytesAsync(Path.Combine(folder, name), bytes);
            _ = (DashboardLoad.Hey(new Uri(app, $"/assets/bench-static/{name}"), null), DashboardLoad.Hey(new Uri(app, path), cookie));
            var rounds = Enumerable.Range(0, 3).Select(_ => (Static: DashboardLoad.Hey(new Uri(app, $"/assets/bench-static/{name}"), null), Pack: DashboardLoad.Hey(new Uri(app, path), cookie))).ToList();
            static double Median(IEnumerable<double> xs) => xs.Order().ElementAt(1);
            var (rate, p95) = (Median(rounds.Select(r => r.Pack.Rate)), Median(rounds.Select(r => r.Pack.P95Ms)));
            var (staticRate, staticP95) = (Median(rounds.Select(r => r.Static.Rate)), Median(rounds.Select(r => r.Static.P95Ms)));
            Console.WriteLine(string.Create(invariant, $"  a stored area pack ({bytes.Length:N0} bytes, each download audited): {rate:N0} req/s, p95 {p95:0.0} ms | static file {staticRate:N0} req/s, p95 {staticP95:0.0} ms | {rate / staticRate:0.00}x"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task ClearAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("DELETE FROM stored_packs", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<Dictionary<string, int>> BuildTimesAsync(string connectionString, string period)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT code, build_milliseconds FROM stored_packs WHERE kind = 'area' AND period = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = period });
        var times = new Dictionary<string, int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            times[reader.GetString(0)] = reader.GetInt32(1);
        }

        return times;
    }

    private static async Task<long> CountAsync(string connectionString, string period)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM stored_packs WHERE period = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = period });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
