using Microsoft.AspNetCore.Mvc;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Audit;

[Route("audit")]
public sealed class AuditController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] ListAuditEvents.Filter filter, [FromServices] ListAuditEvents.Handler handler, CancellationToken ct) =>
        User.IsInRole(Roles.NationalTeam) || User.IsInRole(Roles.Admin) ? View(await handler.HandleAsync(filter, ct)) : Forbid();
}
