using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace NationalReturns.Web.Infrastructure;

/// <summary>Requests allowed a minute: sign-in and password posts per address, uploads per person or API client.</summary>
public sealed class RateLimitOptions : IValidatableObject
{
    public const string Section = "RateLimits";

    public int SignInsPerMinute { get; set; } = 20;

    public int UploadsPerMinute { get; set; } = 30;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SignInsPerMinute < 1)
        {
            yield return new(string.Create(CultureInfo.InvariantCulture, $"RateLimits:SignInsPerMinute must be at least 1 (it is {SignInsPerMinute}); leave it unset for 20."), [nameof(SignInsPerMinute)]);
        }

        if (UploadsPerMinute < 1)
        {
            yield return new(string.Create(CultureInfo.InvariantCulture, $"RateLimits:UploadsPerMinute must be at least 1 (it is {UploadsPerMinute}); leave it unset for 30."), [nameof(UploadsPerMinute)]);
        }
    }
}
