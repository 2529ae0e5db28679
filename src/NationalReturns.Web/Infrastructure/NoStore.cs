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

public static class NoStore
{
    /// <summary>
    /// What a signed-in person is shown stays out of caches, so the back button after signing out on a shared
    /// computer shows nothing. (The antiforgery token in every page's sign-out form used to say this; an action
    /// can still say otherwise, as the chart data does to be revalidated by its ETag.)
    /// </summary>
    public static void UseNoStoreWhenSignedIn(this WebApplication app) =>
        app.Use((context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true)
            {
                context.Response.Headers.CacheControl = "no-cache, no-store";
                context.Response.Headers.Pragma = "no-cache";
            }

            return next(context);
        });
}
