using Microsoft.AspNetCore.Mvc;

namespace NationalReturns.Web.Infrastructure;

/// <summary>
/// Declares a problem document (RFC 9457, <c>application/problem+json</c>) an API action answers itself, and when,
/// for the API description (<c>/openapi/v1.json</c>). Refusals made before the action runs (no token, another
/// authority's token, a code or quarter that cannot exist, an upload over the limit) are added to the description
/// from the filters that make them, so an action declares only its own.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = true)]
public sealed class ProducesProblemAttribute : ProducesResponseTypeAttribute
{
    public const string ContentType = "application/problem+json";

    public ProducesProblemAttribute(int statusCode, string description)
        : base(typeof(ProblemDetails), statusCode, ContentType)
    {
        Description = description;
    }
}
