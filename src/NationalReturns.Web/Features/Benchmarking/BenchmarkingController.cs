using Microsoft.AspNetCore.Mvc;
using NationalReturns.Domain.Areas;
using NationalReturns.Domain.Periods;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Benchmarking;

/// <summary>
/// The dashboards, for everyone signed in: an area's dashboard, and the national views of one indicator (compare,
/// funnel plot, map, distribution) and of them all (overview). Small counts are withheld as on every other page.
/// </summary>
public sealed class BenchmarkingController : Controller
{
    /// <summary>How long a rendered view is kept after its last use; a new edition stops it being used at once.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(30);

    [HttpGet("areas/{onsCode}/dashboard")]
    public async Task<IActionResult> Dashboard(OnsCode onsCode, ReturnPeriod? period, [FromServices] ShowDashboard.Handler handler, CancellationToken ct)
    {
        // Scores are the national team's, officials' and the authority's own: shown only to them.
        var seesScores = AuthorityAccess.SeesNationalFigures(User) || AuthorityAccess.CanSee(User, onsCode.Value);
        if (await handler.HandleAsync(new ShowDashboard.Query(onsCode.Value, period, Viewer.Of(User), seesScores), ct) is not { } model)
        {
            return NotFound();
        }

        return Kept(View(model), model.Edition, seesScores ? "scores" : "");
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
            ({ } model, _) => Kept(view, model),
            (_, CompareAreas.Failure.UnknownGroup) => ProblemPage("That comparison group does not exist. Choose a region, an authority type or an authority's neighbours from the list."),
            _ => NotFound(),
        };

    /// <summary>
    /// The page, kept (<see cref="KeptPage"/>) under the edition its figures come from, whose small counts the viewer
    /// sees, everything in the URL and the person's access. A publication makes a new edition, so nothing rendered
    /// before it is sent after.
    /// </summary>
    private KeptPage Kept(ViewResult view, long edition, string also = "") =>
        new(view, $"{edition}|{Viewer.Of(User).Key}|{also}|{Request.Path}{Request.QueryString}|{KeptPage.AccessKey(User)}");

    private KeptPage Kept(string view, object model) => Kept(View(view, model), model switch
    {
        CompareAreas.Model m => m.Frame.Edition,
        ShowFunnelPlot.Model m => m.Frame.Edition,
        ShowMap.Model m => m.Frame.Edition,
        ShowDistribution.Model m => m.Frame.Edition,
        ShowOverview.Model m => m.Edition,
        _ => throw new ArgumentException($"{model.GetType().Name} has no edition to keep its page under.", nameof(model)),
    });

    private ViewResult ProblemPage(string message)
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return View("GroupNotFound", message);
    }
}
