using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace NationalReturns.Benchmarks;

/// <summary>
/// Issue 13: what looking the session up in PostgreSQL adds to every signed-in request, and whether a wrong
/// password for a real account takes as long as one for an address with no account.
/// </summary>
/// <remarks>
/// The session check is measured on a request whose answer is the same with or without a cookie (the API's 401
/// for a request without a token), so the only difference between the three series is the cookie handler's work:
/// none without a cookie, one lookup that finds the session, one lookup that finds it has ended. The series are
/// interleaved so that drift in the machine's load falls on all three alike.
/// </remarks>
public static partial class SessionChecks
{
    private const string Password = "demo-password-2026";
    private const string Probe = "/api/v1/returns/E06000009/2025-26-Q2";

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    public static async Task RunAsync(Uri app)
    {
        var invariant = CultureInfo.InvariantCulture;
        var signedIn = NewClient(app, out var jar);
        await SignInAsync(signedIn, "preparer.blackpool@demo.gov.uk", Password, "198.51.100.1");
        var live = jar.GetCookieHeader(app);

        var ending = NewClient(app, out var endingJar);
        await SignInAsync(ending, "preparer.blackpool@demo.gov.uk", Password, "198.51.100.2");
        var ended = endingJar.GetCookieHeader(app);
        var signOutToken = AntiforgeryToken().Match(await ending.GetStringAsync("/account")).Groups[1].Value;
        (await ending.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = signOutToken }))).Dispose();

        using var raw = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app };
        async Task<double> TimeAsync(string? cookie)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Probe);
            if (cookie is not null)
            {
                request.Headers.Add("Cookie", cookie);
            }

            var timer = Stopwatch.StartNew();
            using var response = await raw.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            timer.Stop();
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                throw new InvalidOperationException($"The probe answered {(int)response.StatusCode}, not 401.");
            }

            return timer.Elapsed.TotalMilliseconds;
        }

        // Warm-up: JIT, the connection pool, the plan cache.
        for (var i = 0; i < 200; i++)
        {
            await TimeAsync(null);
            await TimeAsync(live);
            await TimeAsync(ended);
        }

        const int Rounds = 3_000;
        var none = new List<double>(Rounds);
        var found = new List<double>(Rounds);
        var gone = new List<double>(Rounds);
        for (var i = 0; i < Rounds; i++)
        {
            none.Add(await TimeAsync(null));
            found.Add(await TimeAsync(live));
            gone.Add(await TimeAsync(ended));
        }

        double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
        double P95(List<double> xs) => xs.Order().ElementAt((int)(xs.Count * 0.95));
        Console.WriteLine(string.Create(invariant, $"  The same 401 over {Rounds:N0} interleaved rounds, median (95th percentile):"));
        Console.WriteLine(string.Create(invariant, $"    no cookie (reference):              {Median(none),6:0.000} ms ({P95(none):0.000})"));
        Console.WriteLine(string.Create(invariant, $"    live session, looked up:            {Median(found),6:0.000} ms ({P95(found):0.000})"));
        Console.WriteLine(string.Create(invariant, $"    ended session, looked up, refused:  {Median(gone),6:0.000} ms ({P95(gone):0.000})"));
        Console.WriteLine(string.Create(invariant, $"    per-request cost of the session check: {Median(found) - Median(none):0.000} ms median"));

        var page = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            var timer = Stopwatch.StartNew();
            using var response = await signedIn.GetAsync("/your-returns");
            await response.Content.ReadAsByteArrayAsync();
            page.Add(timer.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine(string.Create(invariant, $"    beside a signed-in page (/your-returns): {Median(page):0.0} ms median, so the check is {100 * (Median(found) - Median(none)) / Median(page):0.0}% of it"));

        // Wrong passwords from a new device each time, so the throttle never answers first.
        var known = new List<double>();
        var unknown = new List<double>();
        var guesser = NewClient(app, out _);
        for (var i = 0; i < 3; i++)
        {
            await SignInAsync(guesser, "nobody.warm@demo.gov.uk", "warming up the hasher", $"198.18.1.{i + 1}", expectFailure: true);
        }

        for (var i = 0; i < 40; i++)
        {
            known.Add(await SignInAsync(guesser, "preparer.kent@demo.gov.uk", $"wrong guess {i}", $"203.0.113.{i + 1}", expectFailure: true));
            unknown.Add(await SignInAsync(guesser, $"nobody.{i}@demo.gov.uk", $"wrong guess {i}", $"198.18.0.{i + 1}", expectFailure: true));
        }

        Console.WriteLine(string.Create(invariant, $"  Wrong password over 40 interleaved attempts each, median: real account {Median(known):0.0} ms, no account {Median(unknown):0.0} ms (difference {Median(known) - Median(unknown):+0.0;-0.0} ms)"));
    }

    internal static HttpClient NewClient(Uri app, out CookieContainer jar)
    {
        jar = new CookieContainer();
        return new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = jar }) { BaseAddress = app };
    }

    /// <summary>Signs in from <paramref name="device"/> (the app trusts the loopback as its proxy) and times the post alone.</summary>
    internal static async Task<double> SignInAsync(HttpClient client, string email, string password, string device, bool expectFailure = false)
    {
        var token = AntiforgeryToken().Match(await client.GetStringAsync("/account/sign-in")).Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Email"] = email, ["Password"] = password }),
        };
        request.Headers.Add("X-Forwarded-For", device);
        var timer = Stopwatch.StartNew();
        using var response = await client.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        timer.Stop();
        if ((response.StatusCode == HttpStatusCode.Redirect) == expectFailure)
        {
            throw new InvalidOperationException($"Signing in as {email} answered {(int)response.StatusCode}; run the app in Development with the loopback as a known proxy.");
        }

        return timer.Elapsed.TotalMilliseconds;
    }
}
