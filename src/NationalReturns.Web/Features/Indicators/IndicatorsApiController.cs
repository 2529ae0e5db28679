using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using NationalReturns.Domain.Indicators;
using NationalReturns.Domain.Periods;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Indicators;

/// <summary>
/// The catalogue and the computed values for councils' and analysts' own tools: the same rows as the
/// indicator page and its CSV, with an ETag so an unchanged table costs a 304.
/// </summary>
[ApiController]
[Route("api/v1/indicators")]
[IgnoreAntiforgeryToken] // token-authenticated, never cookie-authenticated
[Tags("Indicators")]
public sealed class IndicatorsApiController : ControllerBase
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record CatalogueEntry(string Id, string Title, string Definition, string Numerator, string Denominator, double Multiplier, string Unit,
        string Polarity, string PeriodType, string ConfidenceInterval, string Benchmark, string Disclosure, string Caveats);

    public sealed record ValuesJson(string Indicator, string Title, string Unit, string Period, string Level, IReadOnlyList<ShowIndicator.Line> Rows);

    [HttpGet("")]
    [EndpointSummary("The indicator catalogue")]
    [EndpointDescription("The twelve population indicators: what each counts, what it divides by, its unit, which way is better, its confidence interval and its caveats.")]
    [ProducesResponseType<IReadOnlyList<CatalogueEntry>>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    public IActionResult Catalogue() => Cached(JsonSerializer.SerializeToUtf8Bytes(CatalogueEntries(), Json), "application/json");

    /// <summary>The catalogue as the API gives it (and as the API description shows it).</summary>
    public static IReadOnlyList<CatalogueEntry> CatalogueEntries() => IndicatorCatalogue.All.Select(i => new CatalogueEntry(
        i.Id, i.Title, i.Definition, i.Numerator, i.Denominator.Description, i.Multiplier, i.Unit, i.Polarity.ToString(), i.PeriodType.ToString(),
        i.Interval == IntervalMethod.WilsonProportion ? "Wilson score" : "Byar (exact Poisson below 10 events)", i.Benchmark,
        $"Counts from 1 to {IndicatorCalculator.DefaultDisclosureLimit} are withheld as c, except for the client's own authority", i.Caveats)).ToList();

    [HttpGet("{id}")]
    [EndpointSummary("One indicator for every area")]
    [EndpointDescription("One row per authority (or region, or England) for a quarter: count, denominator, value, 95% and 99.8% intervals, comparisons with England and the region, neighbours' median, rank, quartile, changes and trend; the same columns as the indicator page and its CSV. Counts of 1 to 4 are withheld as c except the token's own authority's.")]
    [ProducesResponseType<ValuesJson>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesProblem(StatusCodes.Status400BadRequest, "The level is not la, region or england, or the format not json or csv.")]
    [ProducesProblem(StatusCodes.Status404NotFound, "There is no such indicator, or no values have been computed for it (for the quarter asked for): no returns are published for it yet.")]
    public async Task<IActionResult> Values(string id, ReturnPeriod? period, string? level, string? format, [FromServices] ShowIndicator.Handler handler, CancellationToken ct)
    {
        if (IndicatorCatalogue.Find(id) is null)
        {
            return Problem(statusCode: StatusCodes.Status404NotFound, title: $"There is no indicator '{id}'. GET /api/v1/indicators lists them.");
        }

        var quarter = period;
        var areaLevel = AreaLevel.Authority;
        if (level is not null && !IndicatorLevels.TryParse(level, out areaLevel))
        {
            return Problem(statusCode: StatusCodes.Status400BadRequest, title: $"The level '{level}' is not one of la, region or england.");
        }

        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        if (format is not null && !csv && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            return Problem(statusCode: StatusCodes.Status400BadRequest, title: $"The format '{format}' is not json or csv.");
        }

        var model = await handler.HandleAsync(new ShowIndicator.Query(id, quarter, areaLevel, IndicatorViewer.FullAccessTo(User, download: true)), ct);
        if (model is null || (quarter is { } asked && !model.Periods.Contains(asked)))
        {
            return Problem(statusCode: StatusCodes.Status404NotFound, title: $"No {id.ToUpperInvariant()} values have been computed{(quarter is null ? "" : $" for {quarter}")}: no returns are published for it yet.");
        }

        return csv
            ? Cached(Encoding.UTF8.GetBytes(ShowIndicator.Csv(model)), "text/csv; charset=utf-8")
            : Cached(JsonSerializer.SerializeToUtf8Bytes(ValuesOf(model), Json), "application/json");
    }

    /// <summary>One indicator's rows as the API gives them (and as the API description shows them).</summary>
    public static ValuesJson ValuesOf(ShowIndicator.Model model) =>
        new(model.Indicator.Id, model.Indicator.Title, model.Indicator.Unit, model.Period.UrlSegment, IndicatorLevels.Name(model.Level), model.Lines);

    /// <summary>The ETag is the body's hash: whatever changes the rows (a publication, a rebuild, the viewer's access) changes it.</summary>
    private IActionResult Cached(byte[] body, string contentType)
    {
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"");
        Response.Headers.ETag = etag.ToString();
        Response.Headers.CacheControl = "private, no-cache";
        var match = Request.GetTypedHeaders().IfNoneMatch;
        if (match.Any(m => m.Tag == etag.Tag || m.Tag == "*"))
        {
            return StatusCode(StatusCodes.Status304NotModified);
        }

        return File(body, contentType);
    }
}
