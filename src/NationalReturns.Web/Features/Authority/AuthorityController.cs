using Microsoft.AspNetCore.Mvc;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Authority;

/// <summary>An authority's own home: its returns by quarter and what to do next.</summary>
[Route("your-returns")]
public sealed class AuthorityController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] ShowAuthorityReturns.Handler handler, CancellationToken ct) =>
        ReturnAccess.AuthorityOf(User) is { } code && (User.IsInRole(Roles.Preparer) || User.IsInRole(Roles.Approver))
            ? View(await handler.HandleAsync(code, User.IsInRole(Roles.Preparer), ct))
            : Forbid();
}
