using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Areas;
using NationalReturns.Domain.Indicators;
using NationalReturns.Domain.Periods;
using NationalReturns.Web.Data;

namespace NationalReturns.Web.Features.Indicators;

/// <summary>
/// One authority across all indicators: the chosen quarter against England, region and neighbours, and
/// each indicator's series. An authority made by a split shows its predecessor's figures before it
/// began, marked as a series break (different boundaries, not comparable like for like).
/// </summary>
public static class ShowAreaIndicators
{
    public sealed record Point(ReturnPeriod Period, ShowIndicator.Line Line, string? Predecessor);

    public sealed record Row(IndicatorDefinition Indicator, ShowIndicator.Line? Now, ShowIndicator.Line? England, ShowIndicator.Line? Region, IReadOnlyList<Point> Series);

    public sealed record Model(string Code, string Name, string RegionName, ReturnPeriod Period, IReadOnlyList<ReturnPeriod> Periods, IReadOnlyList<Row> Rows, string? BreakNote, int DisclosureLimit)
    {
        /// <summary>How many authorities' returns the quarter's England figures are made from (the most of any indicator).</summary>
        public Coverage Coverage { get; init; }

        public bool Provisional { get; init; }
    }

    public sealed class Handler(NationalReturnsDbContext db, ShowIndicator.Handler show)
    {
        public async Task<Model?> HandleAsync(string onsCode, ReturnPeriod? period, IReadOnlySet<string>? fullAccessTo, CancellationToken ct)
        {
            var authority = await db.LocalAuthorities.AsNoTracking().Where(a => a.OnsCode == onsCode)
                .Select(a => new { a.OnsCode, a.Name, a.RegionCode, a.ValidFrom }).SingleOrDefaultAsync(ct);
            if (authority is null)
            {
                return null;
            }

            var predecessors = await db.AuthoritySuccessions.AsNoTracking()
                .Where(s => s.SuccessorCode == onsCode && s.Change == AuthorityLifetime.Split)
                .Select(s => new { s.PredecessorCode, s.Predecessor.Name, s.TookEffect }).ToListAsync(ct);
            var codes = predecessors.Select(p => p.PredecessorCode).Append(onsCode).Append(authority.RegionCode).Append(IndicatorTable.EnglandCode).ToList();
            var records = await db.IndicatorValues.AsNoTracking().Where(v => codes.Contains(v.AreaCode)).OrderBy(v => v.PeriodStart).ToListAsync(ct);
            var periods = records.Where(r => r.AreaCode == onsCode).Select(r => ReturnPeriod.Parse(r.Period)).Distinct().ToList();
            if (periods.Count == 0 || (period is { } p && !periods.Contains(p)))
            {
                return null;
            }

            // A quarter's coverage: the most authorities any of its England figures is made from (rolling sums need
            // four quarters, so they can include fewer). Without a quarter asked for, the newest complete one.
            var coverage = records.Where(r => r.AreaCode == IndicatorTable.EnglandCode)
                .GroupBy(r => r.Period)
                .Select(g => (Period: ReturnPeriod.Parse(g.Key), Coverage: new Coverage(g.Max(r => r.Included), g.Max(r => r.Of))))
                .Where(c => periods.Contains(c.Period))
                .ToList();
            var chosen = period ?? Coverage.Opening(coverage, show.CompleteShare) ?? periods[^1];
            var covered = coverage.Where(c => c.Period == chosen).Select(c => c.Coverage).FirstOrDefault();
            var regionName = await db.Regions.AsNoTracking().Where(r => r.Code == authority.RegionCode).Select(r => r.Name).SingleOrDefaultAsync(ct) ?? authority.RegionCode;
            var limit = show.DisclosureLimit;
            ShowIndicator.Line Line(IndicatorValueRecord r, string name) => ShowIndicator.LineOf(r, name, ShowIndicator.Full(fullAccessTo, r), limit);

            var rows = new List<Row>();
            foreach (var indicator in IndicatorCatalogue.All)
            {
                var mine = records.Where(r => r.IndicatorId == indicator.Id).ToList();
                IndicatorValueRecord? At(string code, ReturnPeriod q) => mine.FirstOrDefault(r => r.AreaCode == code && r.Period == q.UrlSegment);

                var series = new List<Point>();
                foreach (var predecessor in predecessors)
                {
                    series.AddRange(mine.Where(r => r.AreaCode == predecessor.PredecessorCode && r.PeriodStart < predecessor.TookEffect)
                        .Select(r => new Point(ReturnPeriod.Parse(r.Period), Line(r, predecessor.Name), predecessor.Name)));
                }

                series.AddRange(mine.Where(r => r.AreaCode == onsCode && r.Symbol != Domain.Indicators.ValueSymbol.NotApplicable)
                    .Select(r => new Point(ReturnPeriod.Parse(r.Period), Line(r, authority.Name), null)));
                rows.Add(new Row(indicator,
                    At(onsCode, chosen) is { } now ? Line(now, authority.Name) : null,
                    At(IndicatorTable.EnglandCode, chosen) is { } e ? Line(e, "England") : null,
                    At(authority.RegionCode, chosen) is { } r ? Line(r, regionName) : null,
                    series.OrderBy(s => s.Period).ToList()));
            }

            var note = predecessors.Count == 0 ? null
                : $"{authority.Name} began on {predecessors[0].TookEffect:d MMMM yyyy} when {predecessors[0].Name} was split. Figures before then are {predecessors[0].Name}'s, for a larger area: the series breaks there and the two parts are not comparable like for like.";
            return new Model(authority.OnsCode, authority.Name, regionName, chosen, periods, rows, note, limit)
            {
                Coverage = covered,
                Provisional = !covered.IsComplete(show.CompleteShare),
            };
        }
    }
}
