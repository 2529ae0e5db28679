using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using NationalReturns.Domain.Areas;
using NationalReturns.Domain.Periods;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Benchmarking;

/// <summary>
/// Every chart's data, as the pages draw it and as JSON or CSV for anyone's own tools: the rows, a sentence
/// summarising them and the reference lines (<see cref="ChartData"/>). The pages call these with the person's
/// session; API clients with their token. Each answer is made once per edition and carries an ETag.
/// </summary>
[ApiController]
[ReadBySessionOrToken]
[Route("api/v1/charts")]
[Tags("Charts")]
[ProducesResponseType<ChartData>(StatusCodes.Status200OK, "application/json")]
[ProducesResponseType(StatusCodes.Status304NotModified)]
[ProducesProblem(StatusCodes.Status400BadRequest, "The format is not json or csv, or the comparison group or map colouring does not exist.")]
[ProducesProblem(StatusCodes.Status404NotFound, "There are no figures for the area, indicator or quarter asked for.")]
public sealed class ChartsApiController : ControllerBase
{
    [HttpGet("areas/{onsCode}/summary")]
    [EndpointSummary("An area's dashboard table")]
    [EndpointDescription("Every indicator for one authority and quarter: value, interval, England and region (each with how many authorities it is made from), neighbours' median, rank, quartile, comparisons and changes.")]
    public async Task<IActionResult> Summary(OnsCode onsCode, ReturnPeriod? period, string? format, [FromServices] ShowDashboard.Handler handler, CancellationToken ct) =>
        await handler.HandleAsync(new ShowDashboard.Query(onsCode.Value, period, Viewer.Of(User)), ct) is { } model
            ? Send(model.Table, format)
            : NoFigures($"{onsCode} has no indicator figures{For(period)}.");

    [HttpGet("areas/{onsCode}/spine")]
    [EndpointSummary("An area's spine chart")]
    [EndpointDescription("Each indicator's value for the authority against England, its region and the spread of every authority, oriented so that better is always to the right.")]
    public async Task<IActionResult> Spine(OnsCode onsCode, ReturnPeriod? period, string? format, [FromServices] ShowDashboard.Handler handler, CancellationToken ct) =>
        await handler.HandleAsync(new ShowDashboard.Query(onsCode.Value, period, Viewer.Of(User)), ct) is { } model
            ? Send(model.Spine, format)
            : NoFigures($"{onsCode} has no indicator figures{For(period)}.");

    [HttpGet("areas/{onsCode}/trend/{id}")]
    [EndpointSummary("An indicator's trend for an area")]
    [EndpointDescription("One indicator for one authority by quarter, with England, the region and the neighbours' median beside it.")]
    public async Task<IActionResult> Trend(OnsCode onsCode, string id, ReturnPeriod? period, string? format, [FromServices] ShowDashboard.Handler handler, CancellationToken ct) =>
        await RowAsync(handler, onsCode, id, period, ct) is { } row ? Send(row.Trend, format) : NoIndicator(onsCode, id, period);

    [HttpGet("areas/{onsCode}/neighbours/{id}")]
    [EndpointSummary("An area beside its statistical neighbours")]
    [EndpointDescription("One indicator for the authority and its ten statistical neighbours for a quarter, lowest value first, with England's value as a reference line.")]
    public async Task<IActionResult> Neighbours(OnsCode onsCode, string id, ReturnPeriod? period, string? format, [FromServices] ShowDashboard.Handler handler, CancellationToken ct) =>
        await RowAsync(handler, onsCode, id, period, ct) is { } row ? Send(row.NeighboursChart, format) : NoIndicator(onsCode, id, period);

    [HttpGet("indicators/{id}/compare")]
    [EndpointSummary("Every authority compared")]
    [EndpointDescription("One indicator for every authority as sorted bars with intervals and England's line; a comparison group (`group`) is picked out.")]
    public async Task<IActionResult> Compare(string id, ReturnPeriod? period, string? group, string? format, [FromServices] CompareAreas.Handler handler, CancellationToken ct) =>
        Send(await handler.HandleAsync(new CompareAreas.Query(id, period, group, Viewer.Of(User)), ct), m => m.Chart, id, period, format);

    [HttpGet("indicators/{id}/funnel")]
    [EndpointSummary("Funnel plot")]
    [EndpointDescription("Each authority's value against its size, with England's value and the 95% and 99.8% control limits as curves.")]
    public async Task<IActionResult> Funnel(string id, ReturnPeriod? period, string? group, string? format, [FromServices] ShowFunnelPlot.Handler handler, CancellationToken ct) =>
        Send(await handler.HandleAsync(new CompareAreas.Query(id, period, group, Viewer.Of(User)), ct), m => m.Chart, id, period, format);

    [HttpGet("indicators/{id}/map")]
    [EndpointSummary("Hex map")]
    [EndpointDescription("Each authority's hexagon (column and row) with its value, quartile and comparison with England.")]
    public async Task<IActionResult> Map(string id, ReturnPeriod? period, string? group, string? colour, string? format, [FromServices] ShowMap.Handler handler, CancellationToken ct) =>
        TryColouring(colour, out var colouring)
            ? Send(await handler.HandleAsync(new CompareAreas.Query(id, period, group, Viewer.Of(User)), colouring, ct), m => m.Chart, id, period, format)
            : RouteValuesFilter.Problem(StatusCodes.Status400BadRequest, $"The colour '{colour}' is not comparison or quartile.");

    [HttpGet("indicators/{id}/distribution")]
    [EndpointSummary("Distribution by quarter")]
    [EndpointDescription("How authorities' values spread in each quarter: lowest, quartiles, median, highest and England.")]
    public async Task<IActionResult> Distribution(string id, string? format, [FromServices] ShowDistribution.Handler handler, CancellationToken ct) =>
        Send(await handler.HandleAsync(new CompareAreas.Query(id, null, null, Viewer.Of(User)), ct), m => m.Chart, id, null, format);

    [HttpGet("overview")]
    [EndpointSummary("Every authority against every indicator")]
    [EndpointDescription("One row per authority for a quarter, each indicator's value and its comparison with England, filtered to a comparison group and sorted by an indicator.")]
    public async Task<IActionResult> Overview(ReturnPeriod? period, string? group, string? sort, string? format, [FromServices] ShowOverview.Handler handler, CancellationToken ct) =>
        Send(await handler.HandleAsync(new ShowOverview.Query(period, group, sort, Viewer.Of(User)), ct), m => m.Table, "any indicator", period, format);

    public static bool TryColouring(string? text, out ShowMap.Colouring colouring)
    {
        colouring = ShowMap.Colouring.Comparison;
        switch (text)
        {
            case null or "" or "comparison":
                return true;
            case "quartile":
                colouring = ShowMap.Colouring.Quartile;
                return true;
            default:
                return false;
        }
    }

    private IActionResult Send<T>((T? Model, CompareAreas.Failure Failure) outcome, Func<T, ChartData> chart, string id, ReturnPeriod? period, string? format)
        where T : class => outcome switch
        {
            ({ } model, _) => Send(chart(model), format),
            (_, CompareAreas.Failure.UnknownGroup) => RouteValuesFilter.Problem(StatusCodes.Status400BadRequest,
                "That comparison group does not exist: use region-<region code>, neighbours-<authority code>, type-county|unitary|metropolitan|london-borough or areas-<code>.<code>…"),
            _ => NoFigures($"There are no {id} figures{For(period)}. GET /api/v1/indicators lists the indicators."),
        };

    /// <summary>The chart as JSON or CSV, its bytes made once per edition, with an ETag so an unchanged chart costs a 304.</summary>
    private IActionResult Send(ChartData chart, string? format)
    {
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        if (format is not null && !csv && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            return RouteValuesFilter.Problem(StatusCodes.Status400BadRequest, $"The format '{format}' is not json or csv.");
        }

        // Charts are remembered per edition, so the same chart object means the same bytes: kept beside it, dropped with it.
        var (body, tag) = (csv ? CsvBytes : JsonBytes).GetValue(chart, c =>
        {
            var bytes = csv ? c.ToCsv() : c.ToJson();
            return Tuple.Create(bytes, $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\"");
        });
        Response.Headers.ETag = tag;
        Response.Headers.CacheControl = "private, no-cache";
        if (Request.GetTypedHeaders().IfNoneMatch.Any(m => m.Tag == tag || m.Tag == "*"))
        {
            return StatusCode(StatusCodes.Status304NotModified);
        }

        return csv ? File(body, "text/csv; charset=utf-8", $"{chart.Id}.csv") : File(body, "application/json");
    }

    private static readonly ConditionalWeakTable<ChartData, Tuple<byte[], string>> JsonBytes = new();
    private static readonly ConditionalWeakTable<ChartData, Tuple<byte[], string>> CsvBytes = new();

    /// <summary>One indicator's line of an area's dashboard, or null when the area, the quarter or the indicator has none.</summary>
    private async Task<ShowDashboard.Summary?> RowAsync(ShowDashboard.Handler handler, OnsCode onsCode, string id, ReturnPeriod? period, CancellationToken ct) =>
        (await handler.HandleAsync(new ShowDashboard.Query(onsCode.Value, period, Viewer.Of(User)), ct))?.Rows
            .FirstOrDefault(r => string.Equals(r.Indicator.Id, id, StringComparison.OrdinalIgnoreCase));

    private static ObjectResult NoIndicator(OnsCode onsCode, string id, ReturnPeriod? period) =>
        NoFigures($"{onsCode} has no {id} figures{For(period)}. GET /api/v1/indicators lists the indicators.");

    private static ObjectResult NoFigures(string detail) => RouteValuesFilter.Problem(StatusCodes.Status404NotFound, detail);

    private static string For(ReturnPeriod? period) => period is { } p ? $" for {p}" : "";
}
