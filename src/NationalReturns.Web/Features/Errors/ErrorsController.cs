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
    public IActionResult Show(int status)
    {
        var originalPath = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path
            ?? "";
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
