using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace NationalReturns.Web.Infrastructure;

/// <summary>How long a session the database confirmed is taken as confirmed in this instance's memory (ADR 8's addendum).</summary>
public sealed class SessionsOptions : IValidatableObject
{
    public const string Section = "Sessions";

    /// <summary>Seconds; 0 looks every request up.</summary>
    public double RecheckSeconds { get; set; } = 1;

    public TimeSpan Recheck => TimeSpan.FromSeconds(RecheckSeconds);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // An hour is far past any sensible value: a session ended on another instance would go on working that long here.
        if (!(RecheckSeconds is >= 0 and <= 3600))
        {
            yield return new(string.Create(CultureInfo.InvariantCulture, $"Sessions:RecheckSeconds must be from 0 to 3600 seconds (it is {RecheckSeconds}); leave it unset for 1."),
                [nameof(RecheckSeconds)]);
        }
    }
}
