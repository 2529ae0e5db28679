using Microsoft.AspNetCore.Mvc;
using NationalReturns.Domain.Areas;
using NationalReturns.Domain.Periods;
using NationalReturns.Web.Features.SelfAssessments;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Benchmarking;

/// <summary>
/// The dashboards, for everyone signed in: an area's dashboard, and the national views of one indicator (compare,
/// funnel plot, map, distribution) and of them all (overview). Small counts are withheld as on every other page.
/// </summary>
public sealed class BenchmarkingController : Controller
{
    [HttpGet("areas/{onsCode}/dashboard")]
    public async Task<IActionResult> Dashboard(OnsCode onsCode, ReturnPeriod? period, [FromServices] ShowDashboard.Handler handler,
        [FromServices] AssessmentScores.Handler scores, CancellationToken ct)
    {
        if (await handler.HandleAsync(new ShowDashboard.Query(onsCode.Value, period, Viewer.Of(User)), ct) is not { } model)
        {
            return NotFound();
        }

        // Scores are the national team's, officials' and the authority's own: shown only to them.
        ViewData["Scores"] = AuthorityAccess.SeesNationalFigures(User) || AuthorityAccess.CanSee(User, onsCode.Value)
            ? await scores.SignedOffAsync(null, null, onsCode.Value, ct)
            : null;
        return View(model);
    }

    [HttpGet("indicators/{id}/compare")]
    public async Task<IActionResult> Compare(string id, ReturnPeriod? period, string? group, [FromServices] CompareAreas.Handler handler, CancellationToken ct) =>
        Page(await handler.HandleAsync(new CompareAreas.Query(id, period, group, Viewer.Of(User)), ct));

    [HttpGet("indicators/{id}/funnel")]
    public async Task<IActionResult> Funnel(string id, ReturnPeriod? period, string? group, [FromServices] ShowFunnelPlot.Handler handler, CancellationToken ct) =>
        Page(await handler.HandleAsync(new CompareAreas.Query(id, period, group, Viewer.Of(User)), ct));

    [HttpGet("indicators/{id}/map")]
    public async Task<IActionResult> Map(string id, ReturnPeriod? period, string? group, string? colour, [FromServices] ShowMap.Handler handler, CancellationToken ct) =>
        ChartsApiController.TryColouring(colour, out var colouring)
            ? Page(await handler.HandleAsync(new CompareAreas.Query(id, period, group, Viewer.Of(User)), colouring, ct))
            : NotFound();

    [HttpGet("indicators/{id}/distribution")]
    public async Task<IActionResult> Distribution(string id, [FromServices] ShowDistribution.Handler handler, CancellationToken ct) =>
        Page(await handler.HandleAsync(new CompareAreas.Query(id, null, null, Viewer.Of(User)), ct));

    [HttpGet("indicators/overview")]
    public async Task<IActionResult> Overview(ReturnPeriod? period, string? group, string? sort, [FromServices] ShowOverview.Handler handler, CancellationToken ct) =>
        Page(await handler.HandleAsync(new ShowOverview.Query(period, group, sort, Viewer.Of(User)), ct));

    private IActionResult Page<T>((T? Model, CompareAreas.Failure Failure) outcome, [System.Runtime.CompilerServices.CallerMemberName] string view = "")
        where T : class => outcome switch
        {
            ({ } model, _) => View(view, model),
            (_, CompareAreas.Failure.UnknownGroup) => ProblemPage("That comparison group does not exist. Choose a region, an authority type or an authority's neighbours from the list."),
            _ => NotFound(),
        };

    private ViewResult ProblemPage(string message)
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return View("GroupNotFound", message);
    }
}
