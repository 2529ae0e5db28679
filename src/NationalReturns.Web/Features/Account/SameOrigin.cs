using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace NationalReturns.Web.Features.Account;

/// <summary>
/// Refuses a browser's request that says it came from another site: by Sec-Fetch-Site, which browsers set and pages
/// cannot, or failing that by Origin. A request carrying neither is not a browser's, so not a forgery of one.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SameOriginAttribute : ActionFilterAttribute
{
    public override void OnActionExecuting(ActionExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.HttpContext.Request;
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        var origin = request.Headers.Origin.ToString();
        var foreign = site.Length > 0
            ? site is not ("same-origin" or "none")
            : origin.Length > 0 && !(Uri.TryCreate(origin, UriKind.Absolute, out var from)
                && string.Equals(from.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
                && string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
        if (foreign)
        {
            context.Result = new ContentResult
            {
                StatusCode = StatusCodes.Status400BadRequest,
                ContentType = "text/plain; charset=utf-8",
                Content = "This request came from another site. To sign out, use the Sign out button on one of this service's pages.",
            };
        }
    }
}
