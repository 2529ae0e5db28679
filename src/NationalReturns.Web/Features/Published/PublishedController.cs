using Microsoft.AspNetCore.Mvc;
using NationalReturns.Domain.Periods;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Published;

/// <summary>Published figures only: what officials may see. Revised figures are marked R.</summary>
[Route("published")]
public sealed class PublishedController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? period, [FromServices] ListPublishedFigures.Handler handler, CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Official) && !ReturnAccess.CanSeeAllReturns(User))
        {
            return Forbid();
        }

        if (period is not null && !ReturnPeriod.TryParse(period, out _))
        {
            return NotFound();
        }

        return View(await handler.HandleAsync(ReturnPeriod.TryParse(period, out var quarter) ? quarter : null, ReturnAccess.CanSeeAllReturns(User), ct));
    }
}
