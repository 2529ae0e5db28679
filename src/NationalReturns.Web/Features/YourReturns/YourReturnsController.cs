using Microsoft.AspNetCore.Mvc;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.YourReturns;

/// <summary>An authority's own home: its returns by quarter and what to do next.</summary>
[Route("your-returns")]
public sealed class YourReturnsController : Controller
{
    [HttpGet("")]
    [Requires(Need.AuthorityStaff)]
    public async Task<IActionResult> Index([FromServices] ShowYourReturns.Handler handler, CancellationToken ct) =>
        View(await handler.HandleAsync(AuthorityAccess.StaffAuthority(User)!, User.IsInRole(Roles.Preparer), ct));
}
