using Microsoft.AspNetCore.Mvc;
using NationalReturns.Domain.Periods;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Published;

/// <summary>Published figures only: what officials may see. Revised figures are marked R.</summary>
[Route("published")]
public sealed class PublishedController : Controller
{
    [HttpGet("")]
    [Requires(Need.NationalFigures)]
    public async Task<IActionResult> Index(ReturnPeriod? period, [FromServices] ListPublishedFigures.Handler handler, CancellationToken ct) =>
        View(await handler.HandleAsync(period, AuthorityAccess.SeesEveryAuthority(User), ct));

    [HttpGet("/published.csv")]
    [Requires(Need.NationalFigures)]
    public async Task<IActionResult> Csv(ReturnPeriod? period, [FromServices] ListPublishedFigures.Handler handler, CancellationToken ct)
    {
        var model = await handler.HandleAsync(period, AuthorityAccess.SeesEveryAuthority(User), ct);
        return File(System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(ListPublishedFigures.Csv(model))).ToArray(),
            "text/csv; charset=utf-8", $"published-{model.Period.UrlSegment}.csv");
    }
}
