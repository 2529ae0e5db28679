using Microsoft.AspNetCore.Mvc;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Audit;

[Route("audit")]
public sealed class AuditController : Controller
{
    [HttpGet("")]
    [Requires(Need.Audit)]
    public async Task<IActionResult> Index([FromQuery] ListAuditEvents.Filter filter, [FromServices] ListAuditEvents.Handler handler, CancellationToken ct) =>
        View(await handler.HandleAsync(filter, ct));
}
