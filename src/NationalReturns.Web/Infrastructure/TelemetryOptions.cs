using System.ComponentModel.DataAnnotations;

namespace NationalReturns.Web.Infrastructure;

/// <summary>Where traces and metrics are exported over OTLP; unset, they feed only the in-process profiler.</summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string Section = "Telemetry";

    /// <summary>The standard OpenTelemetry variable, used when <c>Telemetry:OtlpEndpoint</c> is not set.</summary>
    public const string StandardEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public string? OtlpEndpoint { get; set; }

    /// <summary>Null when unset, or when not an address (start-up then stops with the validation's message).</summary>
    public Uri? Endpoint => Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var endpoint) ? endpoint : null;

    /// <summary>Bound here because the exporters are added while the builder configures services.</summary>
    public static TelemetryOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<TelemetryOptions>() ?? new();
        AddStandardEndpoint(options, configuration);
        return options;
    }

    public static void AddStandardEndpoint(TelemetryOptions options, IConfiguration configuration) =>
        options.OtlpEndpoint ??= configuration[StandardEndpointVariable];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (OtlpEndpoint is { Length: > 0 } && !Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out _))
        {
            yield return new($"Telemetry:OtlpEndpoint (or {StandardEndpointVariable}) must be an absolute address, such as http://collector:4317 (it is \"{OtlpEndpoint}\").", [nameof(OtlpEndpoint)]);
        }
    }
}
