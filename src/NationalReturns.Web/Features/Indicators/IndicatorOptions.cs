using System.ComponentModel.DataAnnotations;
using System.Globalization;
using NationalReturns.Domain.Indicators;

namespace NationalReturns.Web.Features.Indicators;

/// <summary>Disclosure control and when a quarter's England figures stop being provisional (see the indicator methodology).</summary>
public sealed class IndicatorOptions : IValidatableObject
{
    public const string Section = "Indicators";

    /// <summary>Counts from 1 to this are shown as <c>c</c> to officials and in downloads.</summary>
    public int DisclosureLimit { get; set; } = IndicatorCalculator.DefaultDisclosureLimit;

    /// <summary>The share of authorities a quarter's England figures must include to be complete.</summary>
    public double CompleteCoverage { get; set; } = Coverage.DefaultCompleteShare;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DisclosureLimit is < 1 or > 100)
        {
            yield return new(string.Create(CultureInfo.InvariantCulture, $"Indicators:DisclosureLimit must be between 1 and 100 (it is {DisclosureLimit}); leave it unset for {IndicatorCalculator.DefaultDisclosureLimit}."),
                [nameof(DisclosureLimit)]);
        }

        if (!(CompleteCoverage is > 0 and <= 1))
        {
            yield return new(string.Create(CultureInfo.InvariantCulture, $"Indicators:CompleteCoverage must be a share above 0 and at most 1, such as 0.95 (it is {CompleteCoverage})."),
                [nameof(CompleteCoverage)]);
        }
    }
}
