using System.ComponentModel.DataAnnotations;

namespace NationalReturns.Web.Infrastructure;

/// <summary>
/// The service's own public address, which emailed links point to (never taken from the request, whose Host header
/// anyone can forge), and where people write for help.
/// </summary>
public sealed class SiteOptions : IValidatableObject
{
    public const string Section = "Site";

    /// <summary>Such as https://returns.example.gov.uk; required in Production (checked where the options are registered).</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The help pages' contact address; unset, the address emails come from.</summary>
    public string? SupportEmail { get; set; }

    public bool HasAbsoluteBaseUrl => Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    /// <summary>The address without a trailing slash, or empty where none is set (outside Production).</summary>
    public string Root => BaseUrl?.TrimEnd('/') ?? "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(BaseUrl) && !HasAbsoluteBaseUrl)
        {
            yield return new($"Site:BaseUrl must be an absolute http or https address, such as https://returns.example.gov.uk (it is \"{BaseUrl}\").", [nameof(BaseUrl)]);
        }

        if (SupportEmail is not null && !System.Net.Mail.MailAddress.TryCreate(SupportEmail, out _))
        {
            yield return new($"Site:SupportEmail must be an email address (it is \"{SupportEmail}\"); leave it unset to use Email:From.", [nameof(SupportEmail)]);
        }
    }
}
