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
public sealed class ReturnContextSource(NationalReturnsDbContext db, TimeProvider clock)
{
    /// <summary>A current authority, or one that ended in a split (Cumbria), which made returns for the quarters before.</summary>
    public async Task<AuthorityProfile?> ProfileAsync(string onsCode, CancellationToken ct)
    {
        var authority = await db.LocalAuthorities.AsNoTracking()
            .Where(a => a.OnsCode == onsCode && (a.ValidTo == null || db.AuthoritySuccessions.Any(s => s.PredecessorCode == a.OnsCode && s.Change == AuthorityLifetime.Split)))
            .Select(a => new { a.OnsCode, a.DfeCode, a.Name, a.Type, a.ValidTo })
            .SingleOrDefaultAsync(ct);
        if (authority is null)
        {
            return null;
        }

        // A split county's districts were abolished with it; its successors cover the same ground.
        var districts = authority.ValidTo is not null
            ? await db.AuthoritySuccessions.AsNoTracking()
                .Where(s => s.PredecessorCode == onsCode)
                .OrderBy(s => s.Successor.Name)
                .Select(s => new District(s.SuccessorCode, s.Successor.Name))
                .ToListAsync(ct)
            : authority.Type == AuthorityType.County
            ? await db.LowerTierAuthorities.AsNoTracking()
                .Where(l => l.UpperTierCode == onsCode && l.OnsCode != onsCode)
                .OrderBy(l => l.Name)
                .Select(l => new District(l.OnsCode, l.Name))
                .ToListAsync(ct)
            : [];
        return new AuthorityProfile(authority.OnsCode, authority.DfeCode.Trim(), authority.Name, authority.Type) { Districts = districts };
    }

    /// <summary>Which quarters each authority (or just <paramref name="onsCode"/>) returns for, from its dates and the changes that made or ended it.</summary>
    public async Task<Dictionary<string, AuthorityLifetime>> LifetimesAsync(string? onsCode, CancellationToken ct)
    {
        var authorities = await db.LocalAuthorities.AsNoTracking().Where(a => onsCode == null || a.OnsCode == onsCode)
            .Select(a => new { a.OnsCode, a.ValidFrom, a.ValidTo }).ToListAsync(ct);
        var successions = await db.AuthoritySuccessions.AsNoTracking().Where(s => onsCode == null || s.PredecessorCode == onsCode || s.SuccessorCode == onsCode)
            .Select(s => new { s.PredecessorCode, s.SuccessorCode, s.Change }).ToListAsync(ct);
        var made = successions.GroupBy(s => s.SuccessorCode).ToDictionary(g => g.Key, g => g.First().Change);
        var ended = successions.GroupBy(s => s.PredecessorCode).ToDictionary(g => g.Key, g => g.First().Change);
        return authorities.ToDictionary(a => a.OnsCode, a => AuthorityLifetime.For(a.OnsCode, a.ValidFrom, a.ValidTo, made.GetValueOrDefault(a.OnsCode), ended.GetValueOrDefault(a.OnsCode)));
    }

    public async Task<ReturnContext> ContextAsync(AuthorityProfile authority, ReturnPeriod period, CancellationToken ct)
    {
        var neighbourCodes = await db.StatisticalNeighbours.AsNoTracking()
            .Where(n => n.AuthorityCode == authority.OnsCode)
            .Select(n => n.NeighbourCode)
            .ToListAsync(ct);
        var neighbourFigures = await LatestFiguresAsync(neighbourCodes, period, publishedFirst: false, ct);
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

    /// <summary>
    /// Last quarter's figures from the authority's latest readable version of that return: what the checks compare
    /// with. With <paramref name="publishedFirst"/>, the published version's while it has one (what the figures page
    /// shows beside this quarter's: a reopened return's new upload is not last quarter's figures until published).
    /// </summary>
    public Task<IReadOnlyDictionary<string, long>?> PreviousFiguresAsync(string onsCode, ReturnPeriod period, CancellationToken ct) =>
        PreviousFiguresAsync(onsCode, period, publishedFirst: false, ct);

    /// <inheritdoc cref="PreviousFiguresAsync(string, ReturnPeriod, CancellationToken)"/>
    public async Task<IReadOnlyDictionary<string, long>?> PreviousFiguresAsync(string onsCode, ReturnPeriod period, bool publishedFirst, CancellationToken ct)
    {
        var figures = await LatestFiguresAsync([onsCode], period.Previous, publishedFirst, ct);
        return figures.GetValueOrDefault(onsCode);
    }

    private async Task<Dictionary<string, Dictionary<string, long>>> LatestFiguresAsync(IReadOnlyCollection<string> codes, ReturnPeriod period, bool publishedFirst, CancellationToken ct)
    {
        var key = period.UrlSegment;
        var latest = await db.ReturnVersions.AsNoTracking()
            .Where(v => v.Outcome == ReadOutcome.Read && v.AuthorityReturn.Period == key && codes.Contains(v.AuthorityReturn.AuthorityCode))
            .GroupBy(v => v.AuthorityReturn.AuthorityCode)
            .Select(g => g.OrderByDescending(v => publishedFirst && v.Id == v.AuthorityReturn.PublishedVersionId).ThenByDescending(v => v.Number)
                .Select(v => new { Code = g.Key, v.Figures }).First())
            .ToListAsync(ct);
        return latest.ToDictionary(l => l.Code, l => l.Figures);
    }

    public async Task<Dictionary<string, AreaDenominators>> DenominatorsAsync(IReadOnlyCollection<string> codes, ReturnPeriod period, CancellationToken ct)
    {
        var byYear = await DenominatorsAsync(codes, [period.PopulationMidYear], ct);
        return byYear.ToDictionary(d => d.Key.Code, d => d.Value);
    }

    /// <summary>
    /// Mid-year Y for the financial year Y to Y+1; the latest year held when that one is not yet published.
    /// 0–17 from the revised series where it exists; the other bands only exist as first published.
    /// Null codes: every authority.
    /// </summary>
    public async Task<Dictionary<(string Code, int MidYear), AreaDenominators>> DenominatorsAsync(IReadOnlyCollection<string>? codes, IReadOnlyCollection<int> midYears, CancellationToken ct)
    {
        var latest = midYears.Max();
        var populations = await db.PopulationEstimates.AsNoTracking()
            .Where(p => (codes == null || codes.Contains(p.AuthorityCode)) && p.MidYear <= latest)
            .Select(p => new { p.AuthorityCode, p.MidYear, p.AgeBand, p.Series, p.Population })
            .ToListAsync(ct);
        var households = await db.HouseholdEstimates.AsNoTracking()
            .Where(h => (codes == null || codes.Contains(h.AuthorityCode)) && h.Year <= latest && h.Basis == HouseholdBasis.HouseholdProjection)
            .Select(h => new { h.AuthorityCode, h.Year, h.Households })
            .ToListAsync(ct);
        // Grouped once: the demo seeds and the indicator rebuild ask for every authority at a time.
        var populationsOf = populations.ToLookup(p => p.AuthorityCode);
        var householdsOf = households.ToLookup(h => h.AuthorityCode);
        var result = new Dictionary<(string, int), AreaDenominators>();
        foreach (var code in codes ?? populationsOf.Select(p => p.Key).ToList())
        {
            foreach (var year in midYears)
            {
                long Band(AgeBand band) => populationsOf[code]
                    .Where(p => p.AgeBand == band && p.MidYear <= year)
                    .OrderByDescending(p => p.MidYear).ThenByDescending(p => p.Series == PopulationSeries.Revised)
                    .Select(p => (long)p.Population).FirstOrDefault();
                var household = householdsOf[code].Where(h => h.Year <= year).OrderByDescending(h => h.Year).Select(h => (long)h.Households).FirstOrDefault();
                var children = Band(AgeBand.Age0To17);
                if (children > 0)
                {
                    result[(code, year)] = new AreaDenominators(children, Band(AgeBand.Age10To17), Band(AgeBand.Age16To17), household);
                }
            }
        }

        return result;
    }
}
