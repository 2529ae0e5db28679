using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Areas;
using NationalReturns.Web.Data;

namespace NationalReturns.Web.Features.Areas;

/// <summary>One authority, current or abolished: codes, place, latest denominators, neighbours and history.</summary>
public static class ShowArea
{
    public sealed record Model(
        string OnsCode,
        string DfeCode,
        string Name,
        AuthorityType Type,
        string RegionName,
        string? SubRegionName,
        DateOnly? ValidFrom,
        DateOnly? ValidTo,
        Figure? Population0To17,
        Figure? Households,
        IReadOnlyList<Neighbour> Neighbours,
        IReadOnlyList<Succession> Predecessors,
        IReadOnlyList<Succession> Successors,
        IReadOnlyList<District> Districts)
    {
        public bool IsCurrent => ValidTo is null;

        /// <summary>Indicator figures have been computed for it (a published return), so its indicators page has something to show.</summary>
        public bool HasIndicators { get; init; }
    }

    public sealed record Figure(int Year, int Value, string Source);

    public sealed record Neighbour(int Rank, string OnsCode, string Name, Closeness Closeness);

    public sealed record Succession(string OnsCode, string Name, DateOnly TookEffect, string Change);

    public sealed record District(string OnsCode, string Name);

    public sealed class Handler(NationalReturnsDbContext db)
    {
        public async Task<Model?> HandleAsync(string onsCode, CancellationToken ct)
        {
            var code = onsCode.Trim().ToUpperInvariant();
            var authority = await db.LocalAuthorities
                .AsNoTracking()
                .Where(a => a.OnsCode == code)
                .Select(a => new
                {
                    a.OnsCode,
                    a.DfeCode,
                    a.Name,
                    a.Type,
                    RegionName = a.Region.Name,
                    SubRegionName = a.SubRegion != null ? a.SubRegion.Name : null,
                    a.ValidFrom,
                    a.ValidTo,
                })
                .SingleOrDefaultAsync(ct);
            if (authority is null)
            {
                return null;
            }

            // DfE divides by the revised 0–17 series; fall back to the first-published one where it has a gap.
            var population = await db.PopulationEstimates
                .AsNoTracking()
                .Where(p => p.AuthorityCode == code && p.AgeBand == AgeBand.Age0To17)
                .OrderByDescending(p => p.MidYear)
                .ThenBy(p => p.Series == PopulationSeries.Revised ? 0 : 1)
                .Select(p => new Figure(p.MidYear, p.Population, p.Source))
                .FirstOrDefaultAsync(ct);

            var households = await db.HouseholdEstimates
                .AsNoTracking()
                .Where(h => h.AuthorityCode == code && h.Basis == HouseholdBasis.HouseholdProjection)
                .OrderByDescending(h => h.Year)
                .Select(h => new Figure(h.Year, h.Households, h.Source))
                .FirstOrDefaultAsync(ct);

            var neighbours = await db.StatisticalNeighbours
                .AsNoTracking()
                .Where(n => n.AuthorityCode == code)
                .OrderBy(n => n.Rank)
                .Select(n => new Neighbour(n.Rank, n.NeighbourCode, n.Neighbour.Name, n.Closeness))
                .ToListAsync(ct);

            var predecessors = await db.AuthoritySuccessions
                .AsNoTracking()
                .Where(s => s.SuccessorCode == code)
                .OrderBy(s => s.TookEffect).ThenBy(s => s.PredecessorCode)
                .Select(s => new Succession(s.PredecessorCode, s.Predecessor.Name, s.TookEffect, s.Change))
                .ToListAsync(ct);

            var successors = await db.AuthoritySuccessions
                .AsNoTracking()
                .Where(s => s.PredecessorCode == code)
                .OrderBy(s => s.SuccessorCode)
                .Select(s => new Succession(s.SuccessorCode, s.Successor.Name, s.TookEffect, s.Change))
                .ToListAsync(ct);

            var districts = authority.Type == AuthorityType.County
                ? await db.LowerTierAuthorities
                    .AsNoTracking()
                    .Where(l => l.UpperTierCode == code && l.OnsCode != code)
                    .OrderBy(l => l.Name)
                    .Select(l => new District(l.OnsCode, l.Name))
                    .ToListAsync(ct)
                : [];

            return new Model(
                authority.OnsCode, authority.DfeCode, authority.Name, authority.Type, authority.RegionName, authority.SubRegionName,
                authority.ValidFrom, authority.ValidTo, population, households, neighbours, predecessors, successors, districts)
            {
                HasIndicators = await db.IndicatorValues.AnyAsync(v => v.AreaCode == authority.OnsCode, ct),
            };
        }
    }
}
