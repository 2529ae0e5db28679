using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using NationalReturns.Domain.Areas;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Returns;
using NationalReturns.Domain.Returns.Demo;
using NationalReturns.Web.Features.Returns;
using NationalReturns.Web.Infrastructure.Spreadsheets;

// Usage:
//   NationalReturns.Benchmarks                 read benchmarks (50,000 family rows), each measurement in its own process
//   NationalReturns.Benchmarks upload <url>    HTTP upload to feedback page against a running app (2,000 families)
//   NationalReturns.Benchmarks bare|validate <file>   one measurement (used by the first form)
//   NationalReturns.Benchmarks rebuild <connection>   full indicator rebuild: 153 authorities x 20 quarters x 12 indicators
//   NationalReturns.Benchmarks hostile <url> <pid>    issue 12's hostile files uploaded and marked against a running app
//   NationalReturns.Benchmarks sessions <url>         issue 13: the session check's cost per request; sign-in timing, known and unknown
//   NationalReturns.Benchmarks dashboards-seed <connection>   20 published quarters and their indicators, kept for the next command
//   NationalReturns.Benchmarks dashboards <url> <webroot> <period>   issue 15: each dashboard view under hey beside a static file
//   NationalReturns.Benchmarks packs <url> <webroot> <period> <connection>   issue 16: pack build times and a stored pack served beside a static file
//   NationalReturns.Benchmarks dashboards-clear <connection>  empties the returns again, as the upload benchmarks expect
//   NationalReturns.Benchmarks figures <url> <webroot> [upload-only]   issue 18: a 50,000-family upload and its figures page beside a static file
var invariant = CultureInfo.InvariantCulture;
var period = new ReturnPeriod(2025, 2);
var county = new AuthorityProfile("E10000016", "886", "Kent", AuthorityType.County)
{
    Districts = Enumerable.Range(1, 12).Select(i => new District($"E070001{i:00}", $"District {i}")).ToList(),
};
var denominators = new AreaDenominators(350_000, 160_000, 40_000, 680_000);

switch (args.FirstOrDefault())
{
    case "bare":
        Measure(() => BarePass(args[1]));
        return;
    case "validate":
        Measure(() => ReadAndValidate(args[1]));
        return;
    case "upload":
        await UploadAsync(new Uri(args[1]));
        return;
    case "rebuild":
        await IndicatorRebuild.RunAsync(args[1]);
        return;
    case "hostile":
        await NationalReturns.Benchmarks.HostileUploads.RunAsync(new Uri(args[1]), int.Parse(args[2], invariant));
        return;
    case "dashboards-seed":
        await IndicatorRebuild.SeedAndRebuildAsync(args[1]);
        break;
    case "dashboards":
        await NationalReturns.Benchmarks.DashboardLoad.RunAsync(new Uri(args[1]), args[2], args[3]);
        break;
    case "packs":
        await NationalReturns.Benchmarks.PackLoad.RunAsync(new Uri(args[1]), args[2], args[3], args[4]);
        break;
    case "dashboards-clear":
        await IndicatorRebuild.ClearAsync(args[1]);
        break;
    case "figures":
        await NationalReturns.Benchmarks.FiguresLoad.RunAsync(new Uri(args[1]), args[2], args.ElementAtOrDefault(3) == "upload-only");
        return;
    case "sessions":
        await NationalReturns.Benchmarks.SessionChecks.RunAsync(new Uri(args[1]));
        return;
    default:
        ReadBenchmarks();
        return;
}

void ReadBenchmarks()
{
    const int Families = 50_000;
    var file = Path.Combine(Path.GetTempPath(), $"nr-bench-{Families}.xlsx");
    var draft = DemoReturns.Generate(county, period, denominators, familyCount: Families);
    File.WriteAllBytes(file, XlsxWriter.Write(new DraftWorkbook(draft)));
    Console.WriteLine(string.Create(invariant, $"Return with {Families:N0} family rows: {new FileInfo(file).Length / 1024.0 / 1024.0:0.0} MB ({draft.Spec.Sheet("Families").Fields.Count} columns)"));
    Console.WriteLine("Each figure is the median of 5 runs, each in a fresh process (peak = peak working set of that process).");
    var bare = Runs("bare", file);
    var full = Runs("validate", file);
    Console.WriteLine(string.Create(invariant, $"  bare streaming pass (every cell read, nothing done): {bare.Ms,7:0} ms  peak {bare.PeakMb,4:0} MB"));
    Console.WriteLine(string.Create(invariant, $"  read and validate (the upload path's work):          {full.Ms,7:0} ms  peak {full.PeakMb,4:0} MB  issues {full.Issues}"));
    Console.WriteLine(string.Create(invariant, $"  ratio to the bare pass: {full.Ms / bare.Ms:0.00}x (target at most 2x); peak under 300 MB: {(full.PeakMb < 300 ? "yes" : "NO")}"));
    File.Delete(file);
}

(double Ms, double PeakMb, string Issues) Runs(string mode, string file)
{
    var results = new List<(double Ms, double PeakMb, string Issues)>();
    for (var i = 0; i < 5; i++)
    {
        // Started as "dotnet NationalReturns.Benchmarks.dll" or as its own executable.
        var self = Environment.ProcessPath!;
        string[] arguments = Path.GetFileNameWithoutExtension(self) == "dotnet" ? [System.Reflection.Assembly.GetEntryAssembly()!.Location, mode, file] : [mode, file];
        var start = new ProcessStartInfo(self, arguments) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var line = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        var parts = line.Split(' ');
        results.Add((double.Parse(parts[0], invariant), double.Parse(parts[1], invariant), parts.Length > 2 ? parts[2] : ""));
    }

    var ordered = results.OrderBy(r => r.Ms).ToList();
    return (ordered[2].Ms, results.Select(r => r.PeakMb).Order().ElementAt(2), ordered[2].Issues);
}

void Measure(Func<int> work)
{
    var timer = Stopwatch.StartNew();
    var result = work();
    timer.Stop();
    using var self = Process.GetCurrentProcess();
    self.Refresh();
    Console.WriteLine(string.Create(invariant, $"{timer.Elapsed.TotalMilliseconds:0.0} {self.PeakWorkingSet64 / 1024.0 / 1024.0:0.0} {result}"));
}

static int BarePass(string file)
{
    using var stream = File.OpenRead(file);
    using var workbook = XlsxWorkbook.Open(stream);
    var cells = 0;
    foreach (var sheet in workbook.SheetNames)
    {
        foreach (var row in workbook.ReadRows(sheet))
        {
            foreach (var cell in row.Cells)
            {
                cells += cell.Text.Length > 0 || cell.Number is not null ? 1 : 0;
            }
        }
    }

    return cells;
}

int ReadAndValidate(string file)
{
    using var stream = File.OpenRead(file);
    var verdict = SpreadsheetInspection.Inspect(stream);
    if (verdict.Kind != SpreadsheetKind.Xlsx)
    {
        throw new InvalidOperationException(verdict.Message);
    }

    using var workbook = XlsxWorkbook.Open(stream);
    var source = new XlsxWorkbookSource(workbook);
    var spec = ReturnSpecifications.Find(ReturnReader.ReadTemplateVersion(source))!;
    var content = ReturnReader.Read(spec, source);
    var context = new ReturnContext(period, county, new DateOnly(2025, 11, 3)) { Denominators = denominators };
    return ReturnValidator.Validate(content, context).Count;
}

async Task UploadAsync(Uri app)
{
    const int Families = 2_000;
    var blackpool = new AuthorityProfile("E06000009", "890", "Blackpool", AuthorityType.Unitary);
    var draft = DemoReturns.Generate(blackpool, period, new AreaDenominators(28_923, 13_000, 3_100, 64_000), familyCount: Families);
    var content = ReturnTemplate.Write(draft.Spec, blackpool, period, values: draft);
    Console.WriteLine(string.Create(invariant, $"Typical return: {Families:N0} families, the service's own template, {content.Length / 1024.0:0} KB"));
    using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = app };
    // Sign in as the local demo's Blackpool preparer, as a person uploading through the site would be.
    var signInPage = await client.GetStringAsync("/account/sign-in");
    var signInToken = Regex.Match(signInPage, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
    using var signedIn = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = signInToken,
        ["Email"] = "preparer.blackpool@demo.gov.uk",
        ["Password"] = "demo-password-2026",
    }));
    if (signedIn.StatusCode != HttpStatusCode.Redirect)
    {
        throw new InvalidOperationException("Could not sign in as the demo preparer: run the app in Development.");
    }

    var times = new List<double>();
    for (var i = 0; i < 12; i++)
    {
        var form = await client.GetStringAsync($"/returns/E06000009/{period.UrlSegment}/upload");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var timer = Stopwatch.StartNew();
        using var body = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        body.Add(file, "file", "blackpool.xlsx");
        using var posted = await client.PostAsync($"/returns/E06000009/{period.UrlSegment}/upload", body);
        var page = await client.GetStringAsync(posted.Headers.Location);
        timer.Stop();
        if (posted.StatusCode != HttpStatusCode.Redirect || !page.Contains("Version", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Upload answered {(int)posted.StatusCode}.");
        }

        // The first two warm the app up (JIT, connection pool); they are not counted.
        if (i >= 2)
        {
            times.Add(timer.Elapsed.TotalMilliseconds);
        }
    }

    times.Sort();
    Console.WriteLine(string.Create(invariant, $"  HTTP upload to feedback page over {times.Count} runs: median {times[times.Count / 2]:0} ms, slowest {times[^1]:0} ms (target under 1,000 ms)"));
}
