using System.Text.Json;
using Microsoft.Playwright;
using NationalReturns.Web.Tests.Infrastructure;

namespace NationalReturns.Web.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright (no browser download), with axe-core from
/// wwwroot-assets/node_modules for accessibility checks. .dev/test installs both. A class fixture: started
/// once for a test class (each test's pages get a context of their own, so no cookies are shared).
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _instance;

    public IBrowser Instance => _instance ?? throw new InvalidOperationException("The browser has not been started.");

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("NR_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"No Chromium at {executable}. Run the tests with .dev/test, which installs Debian's chromium, or set NR_CHROMIUM.");
        }

        _playwright = await Playwright.CreateAsync();
        _instance = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>Signs a new account with the role in through the sign-in page, as a person would.</summary>
    public static async Task SignInAsync(IPage page, WebApp app, string role, string? authority = null)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.gov.uk";
        await app.CreateAccountAsync(email, role, authority);
        await page.GotoAsync("/account/sign-in");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(WebApp.TestPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal));
    }

    /// <summary>A full-page screenshot in tests/screenshots, for review.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(TestEnvironment.PathInRepository("tests", "screenshots"));
        await page.ScreenshotAsync(new() { Path = TestEnvironment.PathInRepository("tests", "screenshots", $"{name}.png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        if (_instance is not null)
        {
            await _instance.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    private static readonly Lazy<string> AxeScript = new(() =>
    {
        var path = TestEnvironment.PathInRepository("wwwroot-assets", "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new InvalidOperationException($"axe-core is not installed at {path}: run `npm ci` in wwwroot-assets (.dev/test does).");
    });

    /// <summary>Runs axe-core against the page for WCAG 2.2 A and AA and returns each violation as text.</summary>
    public static async Task<IReadOnlyList<string>> AccessibilityViolationsAsync(IPage page)
    {
        // Evaluated through the DevTools protocol, which our content security policy does not govern;
        // a <script> tag would be refused, as it should be.
        await page.EvaluateAsync(AxeScript.Value);
        var json = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa'] } }))" +
            ".violations.map(v => v.id + ': ' + v.help + ' (' + v.nodes.map(n => n.target.join(' ')).join(', ') + ')')");
        return json.EnumerateArray().Select(v => v.GetString()!).ToList();
    }
}
