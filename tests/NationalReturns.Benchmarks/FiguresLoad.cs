using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using NationalReturns.Domain.Areas;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Returns;
using NationalReturns.Domain.Returns.Demo;
using NationalReturns.Web.Infrastructure.Spreadsheets;

namespace NationalReturns.Benchmarks;

/// <summary>
/// Issue 18: a 50,000-family return uploaded through the page (which now keeps every row for the figures page), and
/// that version's figures page: the first page, one need's families, and a deep page, each beside a static file of
/// the first page's size served by the same app. Target: every page under 1 second.
/// </summary>
public static partial class FiguresLoad
{
    private const int Families = 50_000;
    private const int Uploads = 6;
    private const int Requests = 9;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    /// <param name="uploadOnly">Only the upload, so it can be measured against a build from before rows were kept.</param>
    public static async Task RunAsync(Uri app, string webRoot, bool uploadOnly)
    {
        var invariant = CultureInfo.InvariantCulture;
        var period = new ReturnPeriod(2025, 2);
        var blackpool = new AuthorityProfile("E06000009", "890", "Blackpool", AuthorityType.Unitary);
        var draft = DemoReturns.Generate(blackpool, period, new AreaDenominators(28_923, 13_000, 3_100, 64_000), familyCount: Families);
        var content = XlsxWriter.Write(new DraftWorkbook(draft));
        Console.WriteLine(string.Create(invariant, $"  a return of {Families:N0} families: {content.Length / 1024.0 / 1024.0:0.0} MB"));

        var client = SessionChecks.NewClient(app, out _);
        client.Timeout = TimeSpan.FromMinutes(5);
        await SessionChecks.SignInAsync(client, "preparer.blackpool@demo.gov.uk", "demo-password-2026", "198.51.100.30");
        var times = new List<double>();
        var version = "";
        for (var i = 0; i < Uploads; i++)
        {
            var form = await client.GetStringAsync($"/returns/E06000009/{period.UrlSegment}/upload");
            using var body = new MultipartFormDataContent { { new StringContent(AntiforgeryToken().Match(form).Groups[1].Value), "__RequestVerificationToken" } };
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            body.Add(file, "file", "blackpool-50000.xlsx");
            var timer = Stopwatch.StartNew();
            using var posted = await client.PostAsync($"/returns/E06000009/{period.UrlSegment}/upload", body);
            timer.Stop();
            if (posted.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"Upload answered {(int)posted.StatusCode}.");
            }

            version = posted.Headers.Location!.OriginalString.Split('/')[^1];
            // The first warms the app up (JIT, connection pool); it is not counted.
            if (i > 0)
            {
                times.Add(timer.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        Console.WriteLine(string.Create(invariant, $"  upload of the {Families:N0}-family return to its redirect, over {times.Count} runs: median {times[times.Count / 2]:0} ms, slowest {times[^1]:0} ms"));
        if (uploadOnly)
        {
            return;
        }

        var figures = $"/returns/E06000009/{period.UrlSegment}/versions/{version}/figures";
        var first = await MedianAsync(client, figures);
        var filtered = await MedianAsync(client, figures + "?need=housing");
        var deep = await MedianAsync(client, figures + "?page=400");
        var folder = Path.Combine(webRoot, "assets", "bench-static");
        Directory.CreateDirectory(folder);
        try
        {
            var name = $"f{first.Bytes}.html";
            await File.WriteAllBytesAsync(Path.Combine(folder, name), new byte[first.Bytes]);
            var reference = await MedianAsync(client, $"/assets/bench-static/{name}");
            Console.WriteLine(string.Create(invariant, $"  figures page, median of {Requests} requests each (target under 1,000 ms); static file of {first.Bytes / 1024.0:0} KB from the same app: {reference.Ms:0.0} ms"));
            Console.WriteLine(string.Create(invariant, $"    first page:                 {first.Ms,7:0.0} ms  ({first.Bytes / 1024.0:0} KB)"));
            Console.WriteLine(string.Create(invariant, $"    one need (housing):         {filtered.Ms,7:0.0} ms  ({filtered.Bytes / 1024.0:0} KB)"));
            Console.WriteLine(string.Create(invariant, $"    page 400 of 500:            {deep.Ms,7:0.0} ms  ({deep.Bytes / 1024.0:0} KB)"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>One request to warm the path, then the median of <see cref="Requests"/>, one at a time.</summary>
    private static async Task<(double Ms, int Bytes)> MedianAsync(HttpClient client, string path)
    {
        var times = new List<double>();
        var bytes = 0;
        for (var i = 0; i <= Requests; i++)
        {
            var timer = Stopwatch.StartNew();
            using var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsByteArrayAsync();
            timer.Stop();
            response.EnsureSuccessStatusCode();
            bytes = body.Length;
            if (i > 0)
            {
                times.Add(timer.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        return (times[times.Count / 2], bytes);
    }
}
