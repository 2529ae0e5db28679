using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Areas;
using NationalReturns.Web.Data;

namespace NationalReturns.Web.Features.Areas;

/// <summary>Every current authority with its region and its statistical neighbours, in rank order.</summary>
public static class ListAreas
{
    public sealed record Area(
        string OnsCode,
        string DfeCode,
        string Name,
        AuthorityType Type,
        string RegionCode,
        string RegionName,
        string? SubRegionName,
        IReadOnlyList<string> Neighbours);

    public sealed record RegionGroup(string Code, string Name, IReadOnlyList<Area> Areas);

    public sealed class Handler(NationalReturnsDbContext db)
    {
        public async Task<IReadOnlyList<Area>> HandleAsync(CancellationToken ct)
        {
            var rows = await db.LocalAuthorities
                .AsNoTracking()
                .Where(a => a.ValidTo == null)
                .OrderBy(a => a.Name)
                .Select(a => new
                {
                    a.OnsCode,
                    a.DfeCode,
                    a.Name,
                    a.Type,
                    a.RegionCode,
                    RegionName = a.Region.Name,
                    SubRegionName = a.SubRegion != null ? a.SubRegion.Name : null,
                    Neighbours = a.Neighbours.OrderBy(n => n.Rank).Select(n => n.NeighbourCode).ToList(),
                })
                .ToListAsync(ct);

            return rows
                .Select(r => new Area(r.OnsCode, r.DfeCode, r.Name, r.Type, r.RegionCode, r.RegionName, r.SubRegionName, r.Neighbours))
                .ToList();
        }

        public async Task<IReadOnlyList<RegionGroup>> ByRegionAsync(CancellationToken ct) =>
            (await HandleAsync(ct))
                .GroupBy(a => (a.RegionCode, a.RegionName))
                .OrderBy(g => g.Key.RegionName, StringComparer.Ordinal)
                .Select(g => new RegionGroup(g.Key.RegionCode, g.Key.RegionName, g.ToList()))
                .ToList();
    }
}
