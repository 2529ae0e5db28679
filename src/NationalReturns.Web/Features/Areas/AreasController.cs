using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NationalReturns.Domain.Areas;

namespace NationalReturns.Web.Features.Areas;

[Route("areas")]
[AllowAnonymous]
public sealed class AreasController(ListAreas.Handler listAreas, ShowArea.Handler showArea) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await listAreas.ByRegionAsync(ct));

    [HttpGet("{onsCode}")]
    public async Task<IActionResult> Show(OnsCode onsCode, CancellationToken ct)
    {
        var area = await showArea.HandleAsync(onsCode, ct);
        return area is null ? NotFound() : View(area);
    }
}
