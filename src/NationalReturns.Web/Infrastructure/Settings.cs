using Microsoft.Extensions.Options;
using NationalReturns.Web.Data;
using NationalReturns.Web.Data.ReferenceData;
using NationalReturns.Web.Features.Indicators;
using NationalReturns.Web.Features.Notifications;
using NationalReturns.Web.Features.SelfAssessments;

namespace NationalReturns.Web.Infrastructure;

/// <summary>
/// Every setting the service reads, one options class per concern, each knowing its keys and defaults (see
/// docs/operations.md). All are validated before the app touches its database, so a wrong value stops start-up with a
/// message naming the setting, rather than surfacing on the first request that happens to read it.
/// </summary>
public static class Settings
{
    public static WebApplicationBuilder AddSettings(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        Bind<DatabaseOptions>(builder, DatabaseOptions.Section).Configure(o => DatabaseOptions.AddConnectionString(o, configuration));
        Bind<ReferenceDataOptions>(builder, ReferenceDataOptions.Section);
        Bind<DemoOptions>(builder, DemoOptions.Section);
        Bind<IndicatorOptions>(builder, IndicatorOptions.Section);
        Bind<ReadinessOptions>(builder, ReadinessOptions.Section);
        Bind<SessionsOptions>(builder, SessionsOptions.Section);
        var production = builder.Environment.IsProduction();
        Bind<SiteOptions>(builder, SiteOptions.Section).Validate(
            o => !production || o.HasAbsoluteBaseUrl,
            "Site:BaseUrl must be set in Production: set Site__BaseUrl to the service's public address (such as https://returns.example.gov.uk); invitation and password-reset emails link to it.");
        Bind<NetworkOptions>(builder, NetworkOptions.Section);
        Bind<RateLimitOptions>(builder, RateLimitOptions.Section);
        Bind<JobsOptions>(builder, JobsOptions.Section);
        Bind<EmailOptions>(builder, EmailOptions.Section);
        Bind<TelemetryOptions>(builder, TelemetryOptions.Section).Configure(o => TelemetryOptions.AddStandardEndpoint(o, configuration));
        return builder;
    }

    /// <summary>
    /// Validates every setting now: the host would at start, but the database is prepared (migrated, loaded) before
    /// the host starts, and that should not happen under settings that are wrong.
    /// </summary>
    public static void ValidateSettings(this WebApplication app) => app.Services.GetRequiredService<IStartupValidator>().Validate();

    private static OptionsBuilder<T> Bind<T>(WebApplicationBuilder builder, string section)
        where T : class =>
        builder.Services.AddOptions<T>().Bind(builder.Configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();
}
