using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Areas;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Returns;
using NationalReturns.Web.Data;

namespace NationalReturns.Web.Features.Returns;

/// <summary>
/// Gathers what the rules need beside the return: the authority and its districts, last quarter's
/// figures, the populations and households its rates are per, and its neighbours' figures this quarter.
/// </summary>
public sealed class ReturnContexts(NationalReturnsDbContext db, TimeProvider clock)
{
    public async Task<AuthorityProfile?> ProfileAsync(string onsCode, CancellationToken ct)
    {
        var authority = await db.LocalAuthorities.AsNoTracking()
            .Where(a => a.OnsCode == onsCode && a.ValidTo == null)
            .Select(a => new { a.OnsCode, a.DfeCode, a.Name, a.Type })
            .SingleOrDefaultAsync(ct);
        if (authority is null)
        {
            return null;
        }

        var districts = authority.Type == AuthorityType.County
            ? await db.LowerTierAuthorities.AsNoTracking()
                .Where(l => l.UpperTierCode == onsCode && l.OnsCode != onsCode)
                .OrderBy(l => l.Name)
                .Select(l => new District(l.OnsCode, l.Name))
                .ToListAsync(ct)
            : [];
        return new AuthorityProfile(authority.OnsCode, authority.DfeCode.Trim(), authority.Name, authority.Type) { Districts = districts };
    }

    public async Task<ReturnContext> ContextAsync(AuthorityProfile authority, ReturnPeriod period, CancellationToken ct)
    {
        var neighbourCodes = await db.StatisticalNeighbours.AsNoTracking()
            .Where(n => n.AuthorityCode == authority.OnsCode)
            .Select(n => n.NeighbourCode)
            .ToListAsync(ct);
        var neighbourFigures = await LatestFiguresAsync(neighbourCodes, period, ct);
        var denominators = await DenominatorsAsync([authority.OnsCode, .. neighbourCodes], period, ct);
        return new ReturnContext(period, authority, DateOnly.FromDateTime(clock.GetLocalNow().Date))
        {
            PreviousFigures = await PreviousFiguresAsync(authority.OnsCode, period, ct),
            Denominators = denominators.GetValueOrDefault(authority.OnsCode),
            Neighbours = neighbourFigures
                .Where(n => denominators.ContainsKey(n.Key))
                .Select(n => new NeighbourFigures(n.Key, n.Value, denominators[n.Key]))
                .ToList(),
        };
    }

    /// <summary>Last quarter's figures from the authority's latest readable version of that return.</summary>
    public async Task<IReadOnlyDictionary<string, long>?> PreviousFiguresAsync(string onsCode, ReturnPeriod period, CancellationToken ct)
    {
        var figures = await LatestFiguresAsync([onsCode], period.Previous, ct);
        return figures.GetValueOrDefault(onsCode);
    }

    private async Task<Dictionary<string, Dictionary<string, long>>> LatestFiguresAsync(IReadOnlyCollection<string> codes, ReturnPeriod period, CancellationToken ct)
    {
        var key = period.UrlSegment;
        var latest = await db.ReturnVersions.AsNoTracking()
            .Where(v => v.Outcome == ReadOutcome.Read && v.AuthorityReturn.Period == key && codes.Contains(v.AuthorityReturn.AuthorityCode))
            .GroupBy(v => v.AuthorityReturn.AuthorityCode)
            .Select(g => g.OrderByDescending(v => v.Number).Select(v => new { Code = g.Key, v.Figures }).First())
            .ToListAsync(ct);
        return latest.ToDictionary(l => l.Code, l => l.Figures);
    }

    /// <summary>
    /// Mid-year Y for the financial year Y to Y+1; the latest year held when that one is not yet published.
    /// 0–17 from the revised series where it exists; the other bands only exist as first published.
    /// </summary>
    public async Task<Dictionary<string, AreaDenominators>> DenominatorsAsync(IReadOnlyCollection<string> codes, ReturnPeriod period, CancellationToken ct)
    {
        var year = period.PopulationMidYear;
        var populations = await db.PopulationEstimates.AsNoTracking()
            .Where(p => codes.Contains(p.AuthorityCode) && p.MidYear <= year)
            .Select(p => new { p.AuthorityCode, p.MidYear, p.AgeBand, p.Series, p.Population })
            .ToListAsync(ct);
        var households = await db.HouseholdEstimates.AsNoTracking()
            .Where(h => codes.Contains(h.AuthorityCode) && h.Year <= year && h.Basis == HouseholdBasis.HouseholdProjection)
            .Select(h => new { h.AuthorityCode, h.Year, h.Households })
            .ToListAsync(ct);
        // Grouped once: the demo seeds ask for all 153 authorities at a time.
        var populationsOf = populations.ToLookup(p => p.AuthorityCode);
        var householdsOf = households.ToLookup(h => h.AuthorityCode);
        var result = new Dictionary<string, AreaDenominators>();
        foreach (var code in codes)
        {
            long Band(AgeBand band) => populationsOf[code]
                .Where(p => p.AgeBand == band)
                .OrderByDescending(p => p.MidYear).ThenByDescending(p => p.Series == PopulationSeries.Revised)
                .Select(p => (long)p.Population).FirstOrDefault();
            var household = householdsOf[code].OrderByDescending(h => h.Year).Select(h => (long)h.Households).FirstOrDefault();
            var children = Band(AgeBand.Age0To17);
            if (children > 0)
            {
                result[code] = new AreaDenominators(children, Band(AgeBand.Age10To17), Band(AgeBand.Age16To17), household);
            }
        }

        return result;
    }
}
