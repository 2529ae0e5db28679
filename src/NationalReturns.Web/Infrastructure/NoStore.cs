using Microsoft.AspNetCore.Mvc.Filters;

namespace NationalReturns.Web.Infrastructure;

/// <summary>
/// Downloads of unpublished data (templates with last quarter's figures, issues, marked workbooks, the tracker)
/// must not stay in a browser's or a proxy's cache. Set before the action runs, so it holds for responses
/// streamed by the action itself.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class NoStoreAttribute : ActionFilterAttribute
{
    public override void OnActionExecuting(ActionExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.HttpContext.Response.Headers.CacheControl = "no-store";
        context.HttpContext.Response.Headers.Pragma = "no-cache";
    }
}
