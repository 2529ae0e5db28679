using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using NationalReturns.Domain.Areas;
using NationalReturns.Domain.Returns;
using NationalReturns.Web.Tests.Returns;

namespace NationalReturns.Benchmarks;

/// <summary>
/// Issue 12's hostile and careless files, each uploaded through the API of a running app and then downloaded as
/// a marked workbook, as the national team would: status codes, the upload (the guarded reader's pass over the
/// file, the reference) beside the marked workbook's first build and its later downloads, and the app's memory
/// before, at its peak and after.
/// </summary>
public static partial class HostileUploads
{
    private const string Token = "nr_demo-blackpool-local-only-3e7a9c5b2f1d";

    public static async Task RunAsync(Uri app, int processId)
    {
        var invariant = CultureInfo.InvariantCulture;
        var blackpool = new AuthorityProfile("E06000009", "890", "Blackpool", AuthorityType.Unitary)
        {
            Districts = [],
        };
        using var api = new HttpClient { BaseAddress = app, Timeout = TimeSpan.FromMinutes(5) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var site = await SignedInAsync(app);
        var period = HostileFiles.Period.UrlSegment;
        var (startRss, _) = Memory(processId);
        Console.WriteLine(string.Create(invariant, $"App memory at the start: {startRss:0} MB resident"));
        Console.WriteLine("  file                          size     upload  marked(1st)  marked(2nd)  marked size  statuses     app MB after (peak)");
        var fiveHundreds = 0;
        foreach (var kind in HostileFiles.Kinds)
        {
            var content = HostileFiles.Make(kind, blackpool);
            var timer = Stopwatch.StartNew();
            using var uploaded = await api.PostAsync($"/api/v1/returns/E06000009/{period}", new MultipartFormDataContent { { new ByteArrayContent(content), "file", $"{kind}.xlsx" } });
            var uploadMs = timer.Elapsed.TotalMilliseconds;
            var body = await uploaded.Content.ReadAsStringAsync();
            var version = uploaded.StatusCode == HttpStatusCode.Created ? JsonDocument.Parse(body).RootElement.GetProperty("version").GetInt32() : 0;
            double firstMs = 0, secondMs = 0;
            long markedBytes = 0;
            var markedStatus = 0;
            if (version > 0)
            {
                var url = $"/returns/E06000009/{period}/versions/{version}/marked.xlsx";
                timer.Restart();
                using var first = await site.GetAsync(url);
                markedBytes = (await first.Content.ReadAsByteArrayAsync()).LongLength;
                firstMs = timer.Elapsed.TotalMilliseconds;
                timer.Restart();
                using var second = await site.GetAsync(url);
                await second.Content.ReadAsByteArrayAsync();
                secondMs = timer.Elapsed.TotalMilliseconds;
                markedStatus = (int)first.StatusCode;
                if (kind == "merged-areas")
                {
                    var page = await site.GetByteArrayAsync($"/returns/E06000009/{period}/versions/{version}");
                    Console.WriteLine(string.Create(invariant, $"  (the feedback page of the {kind} upload is {page.Length / 1024.0:0} KB)"));
                }
            }

            fiveHundreds += (int)uploaded.StatusCode >= 500 || markedStatus >= 500 ? 1 : 0;
            var (rss, peak) = Memory(processId);
            Console.WriteLine(string.Create(invariant,
                $"  {kind,-28} {content.Length / 1024.0,6:0} KB {uploadMs,7:0} ms {firstMs,8:0} ms {secondMs,9:0} ms {markedBytes / 1024.0,9:0} KB   {(int)uploaded.StatusCode} / {(markedStatus == 0 ? "-" : markedStatus.ToString(invariant))}   {rss,6:0} ({peak:0})"));
        }

        await Task.Delay(TimeSpan.FromSeconds(5));
        var (endRss, endPeak) = Memory(processId);
        Console.WriteLine(string.Create(invariant, $"App memory 5 s after the last: {endRss:0} MB resident (started at {startRss:0} MB; peak {endPeak:0} MB); 5xx answers: {fiveHundreds}"));
    }

    /// <summary>Resident and peak resident memory of the app, from /proc.</summary>
    private static (double Rss, double Peak) Memory(int processId)
    {
        var status = File.ReadAllLines($"/proc/{processId}/status");
        double Field(string name) => double.Parse(status.Single(l => l.StartsWith(name, StringComparison.Ordinal)).Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
        return (Field("VmRSS"), Field("VmHWM"));
    }

    private static async Task<HttpClient> SignedInAsync(Uri app)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = app, Timeout = TimeSpan.FromMinutes(5) };
        var page = await client.GetStringAsync("/account/sign-in");
        using var signedIn = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TokenOf().Match(page).Groups[1].Value,
            ["Email"] = "preparer.blackpool@demo.gov.uk",
            ["Password"] = "demo-password-2026",
        }));
        return signedIn.StatusCode == HttpStatusCode.Redirect ? client : throw new InvalidOperationException("Could not sign in as the demo preparer: run the app in Development.");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenOf();
}
