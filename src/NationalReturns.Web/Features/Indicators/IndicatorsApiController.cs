using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using NationalReturns.Domain.Indicators;
using NationalReturns.Domain.Periods;

namespace NationalReturns.Web.Features.Indicators;

/// <summary>
/// The catalogue and the computed values for councils' and analysts' own tools: the same rows as the
/// indicator page and its CSV, with an ETag so an unchanged table costs a 304.
/// </summary>
[ApiController]
[Route("api/v1/indicators")]
[IgnoreAntiforgeryToken] // token-authenticated, never cookie-authenticated
public sealed class IndicatorsApiController : ControllerBase
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record CatalogueEntry(string Id, string Title, string Definition, string Numerator, string Denominator, double Multiplier, string Unit,
        string Polarity, string PeriodType, string ConfidenceInterval, string Benchmark, string Disclosure, string Caveats);

    public sealed record ValuesJson(string Indicator, string Title, string Unit, string Period, string Level, IReadOnlyList<ShowIndicator.Line> Rows);

    [HttpGet("")]
    public IActionResult Catalogue() => Cached(JsonSerializer.SerializeToUtf8Bytes(IndicatorCatalogue.All.Select(i => new CatalogueEntry(
        i.Id, i.Title, i.Definition, i.Numerator, i.Denominator.Description, i.Multiplier, i.Unit, i.Polarity.ToString(), i.PeriodType.ToString(),
        i.Interval == IntervalMethod.WilsonProportion ? "Wilson score" : "Byar (exact Poisson below 10 events)", i.Benchmark,
        $"Counts from 1 to {IndicatorCalculator.DefaultDisclosureLimit} are withheld as c, except for the client's own authority", i.Caveats)).ToList(), Json), "application/json");

    [HttpGet("{id}")]
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
            : Cached(JsonSerializer.SerializeToUtf8Bytes(new ValuesJson(model.Indicator.Id, model.Indicator.Title, model.Indicator.Unit, model.Period.UrlSegment,
                IndicatorLevels.Name(model.Level), model.Lines), Json), "application/json");
    }

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
