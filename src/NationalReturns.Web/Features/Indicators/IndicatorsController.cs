using Microsoft.AspNetCore.Mvc;
using NationalReturns.Domain.Areas;
using NationalReturns.Domain.Indicators;
using NationalReturns.Domain.Periods;

namespace NationalReturns.Web.Features.Indicators;

/// <summary>
/// The population indicators from published returns, for everyone signed in: the catalogue and
/// methodology, one indicator across areas, and one area across indicators and quarters.
/// </summary>
[Route("indicators")]
public sealed class IndicatorsController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] ListIndicators.Handler handler, CancellationToken ct) =>
        View(await handler.HandleAsync(IndicatorViewer.FullAccessTo(User, download: false), ct));

    [HttpGet("methodology")]
    public IActionResult Methodology() => View(IndicatorCatalogue.All);

    [HttpGet("{id}")]
    public async Task<IActionResult> Show(string id, ReturnPeriod? period, string? level, [FromServices] ShowIndicator.Handler handler, CancellationToken ct)
    {
        if (!IndicatorLevels.TryRead(level, out var areaLevel))
        {
            return NotFound();
        }

        var quarter = period;
        var model = await handler.HandleAsync(new ShowIndicator.Query(id, quarter, areaLevel, IndicatorViewer.FullAccessTo(User, download: false)), ct);
        return model is null || (quarter is { } q && !model.Periods.Contains(q)) ? NotFound() : View(model);
    }

    /// <summary>The same rows as the page, as CSV; small counts withheld except the viewer's own authority's.</summary>
    [HttpGet("{id}/download")]
    public async Task<IActionResult> Download(string id, ReturnPeriod? period, string? level, [FromServices] ShowIndicator.Handler handler, CancellationToken ct)
    {
        if (!IndicatorLevels.TryRead(level, out var areaLevel))
        {
            return NotFound();
        }

        var quarter = period;
        var model = await handler.HandleAsync(new ShowIndicator.Query(id, quarter, areaLevel, IndicatorViewer.FullAccessTo(User, download: true)), ct);
        if (model is null || (quarter is { } q && !model.Periods.Contains(q)))
        {
            return NotFound();
        }

        return File(System.Text.Encoding.UTF8.GetBytes(ShowIndicator.Csv(model)), "text/csv; charset=utf-8",
            $"{model.Indicator.Id.ToLowerInvariant()}-{model.Period.UrlSegment}-{IndicatorLevels.Name(model.Level)}.csv");
    }

    /// <summary>The area picker on the index page: to the area's dashboard.</summary>
    [HttpGet("areas")]
    public IActionResult ChooseArea(string? code) =>
        code is { Length: > 0 } && code.All(char.IsAsciiLetterOrDigit) ? Redirect($"/areas/{code}/dashboard") : Redirect("/indicators");

    [HttpGet("areas/{onsCode}")]
    public async Task<IActionResult> Area(OnsCode onsCode, ReturnPeriod? period, [FromServices] ShowAreaIndicators.Handler handler, CancellationToken ct) =>
        await handler.HandleAsync(onsCode, period, IndicatorViewer.FullAccessTo(User, download: false), ct) is { } model ? View(model) : NotFound();
}

/// <summary>The level names the URLs and the API use: la, region, england.</summary>
public static class IndicatorLevels
{
    /// <summary>The level asked for, or local authorities when none is.</summary>
    public static bool TryRead(string? text, out AreaLevel level)
    {
        level = AreaLevel.Authority;
        return text is null || TryParse(text, out level);
    }

    public static bool TryParse(string text, out AreaLevel level)
    {
        (var ok, level) = text.Trim().ToLowerInvariant() switch
        {
            "la" => (true, AreaLevel.Authority),
            "region" => (true, AreaLevel.Region),
            "england" => (true, AreaLevel.England),
            _ => (false, AreaLevel.Authority),
        };
        return ok;
    }

    public static string Name(AreaLevel level) => level switch
    {
        AreaLevel.Region => "region",
        AreaLevel.England => "england",
        _ => "la",
    };
}
