using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NationalReturns.Domain.Areas;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Areas;

/// <summary>The areas as JSON for councils' own systems. Codes are ONS codes; names follow la_reference.</summary>
[ApiController]
[Route("api/v1/areas")]
[AllowAnonymous]
[Tags("Areas")]
public sealed class AreasApiController(ListAreas.Handler listAreas, ShowArea.Handler showArea) : ControllerBase
{
    public sealed record AreaResource(
        string Code,
        string DfeCode,
        string Name,
        string Type,
        string Region,
        string? SubRegion,
        IReadOnlyList<string> Neighbours)
    {
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public DateOnly? ValidTo { get; init; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public IReadOnlyList<string>? Predecessors { get; init; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public IReadOnlyList<string>? Successors { get; init; }
    }

    [HttpGet("")]
    [EndpointSummary("Every authority")]
    [EndpointDescription("The 153 upper-tier authorities in England with their ONS and DfE codes, type, region and their ten statistical neighbours, closest first.")]
    [ProducesResponseType<IReadOnlyList<AreaResource>>(StatusCodes.Status200OK, "application/json")]
    public async Task<IReadOnlyList<AreaResource>> List(CancellationToken ct) =>
        (await listAreas.HandleAsync(ct))
            .Select(a => new AreaResource(a.OnsCode, a.DfeCode, a.Name, TypeName(a.Type), a.RegionName, a.SubRegionName, a.Neighbours))
            .ToList();

    [HttpGet("{code}")]
    [EndpointSummary("One authority")]
    [EndpointDescription("One authority by its ONS code. An authority that has been abolished or replaced says when it ended and which authorities came before or after it.")]
    [ProducesResponseType<AreaResource>(StatusCodes.Status200OK, "application/json")]
    [ProducesProblem(StatusCodes.Status404NotFound, "No authority has the code.")]
    public async Task<ActionResult<AreaResource>> Get(string code, CancellationToken ct)
    {
        var area = await showArea.HandleAsync(code, ct);
        if (area is null)
        {
            return Problem(statusCode: StatusCodes.Status404NotFound, title: "No such area",
                detail: $"No local authority has the ONS code '{code}'. GET /api/v1/areas lists them all.");
        }

        return new AreaResource(area.OnsCode, area.DfeCode, area.Name, TypeName(area.Type), area.RegionName, area.SubRegionName,
            area.Neighbours.Select(n => n.OnsCode).ToList())
        {
            ValidTo = area.ValidTo,
            Predecessors = area.Predecessors.Select(p => p.OnsCode).ToList(),
            Successors = area.Successors.Select(s => s.OnsCode).ToList(),
        };
    }

    private static string TypeName(AuthorityType type) => type switch
    {
        AuthorityType.Unitary => "unitary",
        AuthorityType.Metropolitan => "metropolitan",
        AuthorityType.LondonBorough => "london-borough",
        AuthorityType.County => "county",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
