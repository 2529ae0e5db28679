using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NationalReturns.Web.Data;
using NationalReturns.Web.Data.ReferenceData;
using NationalReturns.Web.Features.Indicators;
using NationalReturns.Web.Features.Notifications;
using NationalReturns.Web.Features.SelfAssessments;
using NationalReturns.Web.Infrastructure;
using Npgsql;

namespace NationalReturns.Web.Tests.Infrastructure;

/// <summary>Settings are bound to options classes and checked before the app starts; unset, they are what docs/operations.md says.</summary>
public sealed partial class SettingsTests : IAsyncLifetime
{
    // A database of its own, which the defaults' app migrates and loads itself (it prepares its database by default).
    private readonly string _database = $"nr_settings_{Guid.NewGuid():N}";

    private string ConnectionString => TestEnvironment.ConnectionStringFor(_database);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestEnvironment.DropDatabaseAsync(_database);

    /// <summary>
    /// The app with the given settings over a database that is never reached: validation comes before the database is
    /// prepared, so a wrong setting must stop it first (preparing is off and jobs are off, so a right one starts).
    /// </summary>
    private static WebApplicationFactory<Program> AppWith(string environment, params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment(environment);
            b.UseSetting("ConnectionStrings:Default", "Host=127.0.0.1;Port=1;Username=postgres;Database=none;Timeout=2");
            b.UseSetting("Database:PrepareOnStartup", "false");
            b.UseSetting("Jobs:Enabled", "false");
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });

    [Theory]
    [InlineData("Indicators:DisclosureLimit", "0", "Indicators:DisclosureLimit must be between 1 and 100 (it is 0)")]
    [InlineData("Indicators:CompleteCoverage", "1.5", "Indicators:CompleteCoverage must be a share above 0 and at most 1, such as 0.95 (it is 1.5)")]
    [InlineData("RateLimits:SignInsPerMinute", "-1", "RateLimits:SignInsPerMinute must be at least 1 (it is -1)")]
    [InlineData("RateLimits:UploadsPerMinute", "0", "RateLimits:UploadsPerMinute must be at least 1 (it is 0)")]
    [InlineData("Jobs:CheckinSeconds", "0", "Jobs:CheckinSeconds must be from 1 to 3600 (it is 0)")]
    [InlineData("Jobs:OutboxCron", "every minute", "Jobs:OutboxCron must be a Quartz cron expression with seconds")]
    [InlineData("Sessions:RecheckSeconds", "-1", "Sessions:RecheckSeconds must be from 0 to 3600 seconds (it is -1)")]
    [InlineData("Network:KnownProxies:0", "10.0.0.0/8", "Network:KnownProxies:0 must be an IP address, such as 10.0.0.5 (it is \"10.0.0.0/8\")")]
    [InlineData("Network:KnownNetworks:0", "10.0.0.5/99", "Network:KnownNetworks:0 must be a CIDR range")]
    [InlineData("Email:Smtp:Port", "70000", "Email:Smtp:Port must be a port number from 1 to 65535 (it is 70000)")]
    [InlineData("Site:BaseUrl", "/returns", "Site:BaseUrl must be an absolute http or https address")]
    [InlineData("Telemetry:OtlpEndpoint", "collector", "Telemetry:OtlpEndpoint (or OTEL_EXPORTER_OTLP_ENDPOINT) must be an absolute address")]
    [InlineData("SelfAssessments:Readiness:DataMaturityStage", " ", "SelfAssessments:Readiness:DataMaturityStage is empty")]
    public void Start_InvalidSetting_FailsNamingTheSetting(string key, string value, string message)
    {
        using var app = AppWith("Testing", (key, value));

        var refused = Assert.Throws<OptionsValidationException>(() => app.Services);

        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("returns.example.gov.uk")]
    public void Start_ProductionWithoutAbsoluteBaseUrl_FailsNamingSiteBaseUrl(string? baseUrl)
    {
        using var app = AppWith("Production", baseUrl is null ? [] : [("Site:BaseUrl", baseUrl)]);

        var refused = Assert.Throws<OptionsValidationException>(() => app.Services);

        Assert.Contains("Site:BaseUrl must be set in Production: set Site__BaseUrl", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_ValidSettings_Starts()
    {
        // The same app as the failures' with good values, so the failures are the values' and not the app's.
        using var app = AppWith(
            "Production",
            ("Site:BaseUrl", "https://returns.example.gov.uk"),
            ("Indicators:DisclosureLimit", "9"),
            ("Network:KnownProxies:0", "10.0.0.5"),
            ("Network:KnownNetworks:0", "10.0.0.0/8"));

        var settings = app.Services;

        Assert.Equal(9, settings.GetRequiredService<IOptions<IndicatorOptions>>().Value.DisclosureLimit);
        Assert.Equal("https://returns.example.gov.uk", settings.GetRequiredService<IOptions<SiteOptions>>().Value.Root);
        Assert.Equal([System.Net.IPAddress.Parse("10.0.0.5")], settings.GetRequiredService<IOptions<NetworkOptions>>().Value.Proxies);
    }

    [Fact]
    public void Start_NoSettings_UsesTheDefaultsOperationsDocumentLists()
    {
        // Nothing set but the database: it is migrated and loaded, and the scheduler runs, as by default.
        using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("ConnectionStrings:Default", ConnectionString);
        });
        var bound = Bound(app.Services);
        var documented = DocumentedDefaults();

        // Every documented setting with a default is one the app binds, and the other way round.
        Assert.Equal(documented.Keys.Order(StringComparer.Ordinal), bound.Keys.Order(StringComparer.Ordinal));
        Assert.All(documented, d => Assert.True(d.Value == bound[d.Key], $"{d.Key}: the docs say {d.Value ?? "none"}, the app has {bound[d.Key] ?? "none"}"));
    }

    /// <summary>Each setting's bound value as the docs write it (null where nothing is set).</summary>
    private static Dictionary<string, string?> Bound(IServiceProvider services)
    {
        T Of<T>()
            where T : class => services.GetRequiredService<IOptions<T>>().Value;
        static string Text(object value) => value is bool b ? (b ? "true" : "false") : Convert.ToString(value, CultureInfo.InvariantCulture)!;

        var (database, demo, indicators, readiness, site) = (Of<DatabaseOptions>(), Of<DemoOptions>(), Of<IndicatorOptions>(), Of<ReadinessOptions>(), Of<SiteOptions>());
        var (network, limits, jobs, email) = (Of<NetworkOptions>(), Of<RateLimitOptions>(), Of<JobsOptions>(), Of<EmailOptions>());
        return new(StringComparer.Ordinal)
        {
            ["Database__PrepareOnStartup"] = Text(database.PrepareOnStartup),
            ["ReferenceData__Folder"] = Path.GetFileName(Of<ReferenceDataOptions>().Folder),
            ["Demo__SeedAccounts"] = Text(demo.SeedAccounts),
            ["Demo__SeedReturns"] = Text(demo.SeedReturns),
            ["Indicators__DisclosureLimit"] = Text(indicators.DisclosureLimit),
            ["Indicators__CompleteCoverage"] = Text(indicators.CompleteCoverage),
            ["Sessions__RecheckSeconds"] = Text(Of<SessionsOptions>().RecheckSeconds),
            ["SelfAssessments__Readiness__EarlyHelpAreaLevel"] = readiness.EarlyHelpAreaLevel,
            ["SelfAssessments__Readiness__DataMaturityStage"] = readiness.DataMaturityStage,
            ["Site__BaseUrl"] = site.BaseUrl,
            ["Site__SupportEmail"] = site.SupportEmail,
            ["Network__KnownProxies__0"] = network.KnownProxies.FirstOrDefault(),
            ["Network__KnownNetworks__0"] = network.KnownNetworks.FirstOrDefault(),
            ["RateLimits__SignInsPerMinute"] = Text(limits.SignInsPerMinute),
            ["RateLimits__UploadsPerMinute"] = Text(limits.UploadsPerMinute),
            ["Jobs__Enabled"] = Text(jobs.Enabled),
            ["Jobs__InstanceId"] = jobs.InstanceId,
            ["Jobs__CheckinSeconds"] = Text(jobs.CheckinSeconds),
            ["Email__From"] = email.From,
            ["Email__PickupFolder"] = email.PickupFolder,
            ["Email__Smtp__Host"] = email.Smtp.Host,
            ["Telemetry__OtlpEndpoint"] = Of<TelemetryOptions>().OtlpEndpoint,
        };
    }

    /// <summary>
    /// docs/operations.md's Configuration table: each key and its default, the first value in backticks, or null where
    /// the default is "none". Keys the app does not bind (the environment, Kestrel's addresses), the database the test
    /// must set, and rows pointing elsewhere for their defaults are left out.
    /// </summary>
    private static Dictionary<string, string?> DocumentedDefaults()
    {
        var text = File.ReadAllText(TestEnvironment.PathInRepository("docs", "operations.md"));
        var start = text.IndexOf("| key | default |", StringComparison.Ordinal);
        var table = text[start..text.IndexOf("\n\n", start, StringComparison.Ordinal)];
        var defaults = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var row in table.Split('\n').Skip(2))
        {
            var cells = row.Split('|');
            var key = Ticked().Match(cells[1]).Groups[1].Value;
            var cell = cells[2].Trim();
            if (key.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || key == "ConnectionStrings__Default")
            {
                continue;
            }

            if (cell.StartsWith("none", StringComparison.Ordinal))
            {
                defaults[key] = null;
            }
            else if (Ticked().Match(cell) is { Success: true } value)
            {
                defaults[key] = value.Groups[1].Value;
            }
        }

        return defaults;
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Ticked();
}
