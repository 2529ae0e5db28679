using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace NationalReturns.Web.Features.Notifications;

/// <summary>How email leaves the service: over SMTP when <c>Email:Smtp:Host</c> is set, otherwise as .eml files in a pickup folder.</summary>
public sealed class EmailOptions : IValidatableObject
{
    public const string Section = "Email";

    public const string DefaultFrom = "supporting.families.returns@localhost";

    public string From { get; set; } = DefaultFrom;

    /// <summary>Relative to the app's content root; unset, the system's temporary folder.</summary>
    public string? PickupFolder { get; set; }

    public SmtpOptions Smtp { get; set; } = new();

    public sealed class SmtpOptions
    {
        public string? Host { get; set; }

        public int Port { get; set; } = 587;

        public bool EnableSsl { get; set; } = true;

        public string? UserName { get; set; }

        public string? Password { get; set; }
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!System.Net.Mail.MailAddress.TryCreate(From, out _))
        {
            yield return new($"Email:From must be an email address, such as supporting.families@example.gov.uk (it is \"{From}\").", [nameof(From)]);
        }

        if (Smtp.Port is < 1 or > 65535)
        {
            yield return new(string.Create(CultureInfo.InvariantCulture, $"Email:Smtp:Port must be a port number from 1 to 65535 (it is {Smtp.Port}); leave it unset for 587."), [nameof(Smtp)]);
        }
    }
}
