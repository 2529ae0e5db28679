using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Indicators;
using NationalReturns.Domain.Periods;
using NationalReturns.Web.Data;

namespace NationalReturns.Web.Features.Indicators;

/// <summary>The catalogue with England's latest figure for each indicator.</summary>
public static class ListIndicators
{
    public sealed record Entry(IndicatorDefinition Indicator, ShowIndicator.Line? England);

    public sealed record Model(ReturnPeriod? Latest, IReadOnlyList<Entry> Entries, IReadOnlyList<(string Code, string Name)> Authorities);

    public sealed class Handler(NationalReturnsDbContext db, ShowIndicator.Handler show)
    {
        public async Task<Model> HandleAsync(IReadOnlySet<string>? fullAccessTo, CancellationToken ct)
        {
            var latestStart = await db.IndicatorValues.AsNoTracking().Where(v => v.Level == AreaLevel.England).MaxAsync(v => (DateOnly?)v.PeriodStart, ct);
            var authorities = await db.LocalAuthorities.AsNoTracking().Where(a => a.ValidTo == null).OrderBy(a => a.Name).Select(a => new { a.OnsCode, a.Name }).ToListAsync(ct);
            var names = authorities.Select(a => (a.OnsCode, a.Name)).ToList();
            if (latestStart is not { } start)
            {
                return new Model(null, IndicatorCatalogue.All.Select(i => new Entry(i, null)).ToList(), names);
            }

            var latest = ReturnPeriod.Containing(start);
            var key = latest.UrlSegment;
            var england = await db.IndicatorValues.AsNoTracking().Where(v => v.Level == AreaLevel.England && v.Period == key).ToDictionaryAsync(v => v.IndicatorId, ct);
            return new Model(latest, IndicatorCatalogue.All
                .Select(i => new Entry(i, england.TryGetValue(i.Id, out var e) ? ShowIndicator.LineOf(e, "England", ShowIndicator.Full(fullAccessTo, e), show.DisclosureLimit) : null))
                .ToList(), names);
        }
    }
}
