using Microsoft.AspNetCore.Mvc;
using NationalReturns.Domain.Areas;
using NationalReturns.Domain.Indicators;
using NationalReturns.Domain.Periods;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Packs;

/// <summary>
/// Benchmarking packs: Excel workbooks of the dashboards' figures for an area, a region or England, and a ZIP of
/// every area's. Officials, the national team and admins may download every pack; an authority's staff their own
/// area's. Every download is audited (<see cref="DownloadPack"/>).
/// </summary>
[Route("packs")]
public sealed class PacksController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(ReturnPeriod? period, [FromServices] ListPacks.Handler handler, CancellationToken ct) =>
        await handler.HandleAsync(period, User, ct) is { } model ? View(model) : NotFound();

    [HttpGet("areas/{onsCode}.xlsx")]
    [Requires(Need.NationalFiguresOrOwnAuthority)]
    public Task<IActionResult> Area(OnsCode onsCode, ReturnPeriod? period, [FromServices] DownloadPack.Handler handler, CancellationToken ct) =>
        Send(handler, new DownloadPack.Query("area", onsCode.Value, period), ct);

    [HttpGet("regions/{regionCode}.xlsx")]
    [Requires(Need.NationalFigures)]
    public Task<IActionResult> Region(string regionCode, ReturnPeriod? period, [FromServices] DownloadPack.Handler handler, CancellationToken ct) =>
        Send(handler, new DownloadPack.Query("region", regionCode, period), ct);

    [HttpGet("england.xlsx")]
    [Requires(Need.NationalFigures)]
    public Task<IActionResult> England(ReturnPeriod? period, [FromServices] DownloadPack.Handler handler, CancellationToken ct) =>
        Send(handler, new DownloadPack.Query("england", IndicatorTable.EnglandCode, period), ct);

    [HttpGet("areas.zip")]
    [Requires(Need.NationalFigures)]
    public Task<IActionResult> Areas(ReturnPeriod? period, [FromServices] DownloadPack.Handler handler, CancellationToken ct) =>
        Send(handler, new DownloadPack.Query(DownloadPack.AreasZip, IndicatorTable.EnglandCode, period), ct);

    private async Task<IActionResult> Send(DownloadPack.Handler handler, DownloadPack.Query query, CancellationToken ct) =>
        await handler.HandleAsync(query, ct) is { } file ? new StoredFile(file) : NotFound();

    /// <summary>
    /// The stored bytes written to the response as they are (with the validators a browser re-asks with); MVC's own
    /// file result first copies them through a stream and a rented buffer, a fifth of a stored pack's time (issue 16).
    /// </summary>
    private sealed class StoredFile(DownloadPack.File file) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) =>
            TypedResults.File(file.Content, file.ContentType, file.Name, lastModified: file.BuiltAt,
                entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{file.BuiltAt.UtcTicks:x}\"")).ExecuteAsync(context.HttpContext);
    }
}
