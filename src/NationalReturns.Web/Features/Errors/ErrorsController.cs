using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace NationalReturns.Web.Features.Errors;

/// <summary>Re-executed by the status-code and exception middleware; never linked to directly.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
[AllowAnonymous]
[IgnoreAntiforgeryToken] // re-executed for failed POSTs too, and shows a page without changing anything
public sealed class ErrorsController : Controller
{
    [Route("errors/{status:int}")]
    public IActionResult Show()
    {
        // Read from the route, not bound: when the failed request's body cannot be read as a form, model binding
        // is skipped altogether and a bound status would be 0, an answer no browser can read.
        var status = int.TryParse(RouteData.Values["status"]?.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code)
            && code is >= 400 and < 600 ? code : StatusCodes.Status500InternalServerError;
        var originalPath = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path
            ?? "";

        // After an exception the handler has already chosen the status (a garbled form is 400, not 500).
        if (HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null && Response.StatusCode is >= 400 and < 600)
        {
            status = Response.StatusCode;
        }

        Response.StatusCode = status;
        var detail = HttpContext.Items[Infrastructure.UploadLimits.MessageItem] as string;
        if (originalPath.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
        {
            return Problem(statusCode: status, title: status == 404 ? "Not found" : "Something went wrong", detail: detail);
        }

        ViewData["Detail"] = detail;
        ViewData["Back"] = originalPath.EndsWith("/upload", StringComparison.OrdinalIgnoreCase) ? originalPath : null;

        return status switch
        {
            404 => View("NotFound"),
            >= 500 => View("ServerError"),
            _ => View("Problem", status),
        };
    }
}
