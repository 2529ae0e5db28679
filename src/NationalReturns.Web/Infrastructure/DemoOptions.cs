namespace NationalReturns.Web.Infrastructure;

/// <summary>The local demo (on in appsettings.Development.json, never in production): its accounts and its made-up collection.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Create the demo accounts and API clients listed in the README.</summary>
    public bool SeedAccounts { get; set; }

    /// <summary>Load the demo collection in the background, then the indicators.</summary>
    public bool SeedReturns { get; set; }

    /// <summary>Bound here because whether the seeding job is registered at all is decided before the container exists.</summary>
    public static DemoOptions From(IConfiguration configuration) => configuration.GetSection(Section).Get<DemoOptions>() ?? new();
}
