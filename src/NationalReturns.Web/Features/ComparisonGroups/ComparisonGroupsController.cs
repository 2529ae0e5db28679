using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using NationalReturns.Domain.Indicators;
using NationalReturns.Web.Features.Benchmarking;

namespace NationalReturns.Web.Features.ComparisonGroups;

/// <summary>Everyone signed in may keep their own comparison groups; nobody sees or deletes another person's.</summary>
[Route("comparison-groups")]
public sealed class ComparisonGroupsController : Controller
{
    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A signed-in person has no id.");

    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] ListComparisonGroups.Handler list, CancellationToken ct) =>
        View("Groups", await list.HandleAsync(UserId, ct));

    [HttpPost("")]
    public async Task<IActionResult> Save([FromForm] string? name, [FromForm] List<string>? codes, [FromServices] SaveComparisonGroup.Handler save,
        [FromServices] ListComparisonGroups.Handler list, CancellationToken ct)
    {
        var mistakes = await save.HandleAsync(new SaveComparisonGroup.Command(UserId, name, codes ?? []), ct);
        if (mistakes.Count == 0)
        {
            return Redirect("/comparison-groups");
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        var model = await list.HandleAsync(UserId, ct);
        return View("Groups", model with { Name = name, Chosen = (codes ?? []).ToHashSet(StringComparer.Ordinal), Mistakes = mistakes });
    }

    [HttpPost("{id:int}/delete")]
    public async Task<IActionResult> Delete(int id, [FromServices] DeleteComparisonGroup.Handler delete, CancellationToken ct) =>
        await delete.HandleAsync(UserId, id, ct) ? Redirect("/comparison-groups") : NotFound();

    /// <summary>A group's chosen view of an indicator (the form beside each group): every authority, the funnel plot or the map.</summary>
    [HttpGet("open")]
    public IActionResult Open(string? group, string? indicator, string? view) =>
        group is { Length: > 0 } && group.StartsWith("areas-", StringComparison.Ordinal) && group.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.')
        && IndicatorCatalogue.Find(indicator ?? "") is { } found && view is "compare" or "funnel" or "map"
            ? Redirect($"/indicators/{found.Id}/{view}?group={group}")
            : NotFound();
}
