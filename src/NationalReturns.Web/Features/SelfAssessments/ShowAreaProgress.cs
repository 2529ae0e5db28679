using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Indicators;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.SelfAssessments;
using NationalReturns.Web.Data;

namespace NationalReturns.Web.Features.SelfAssessments;

/// <summary>
/// One authority's progress over the years: its maturity by area for each framework (self-rated and
/// agreed), where it sits nationally and among its statistical neighbours, whether it meets the rule for
/// earned autonomy, and its indicators at the end of each of those years beside them.
/// </summary>
public static class ShowAreaProgress
{
    public sealed record YearScore(AssessmentYear Year, double SelfIndex, double Index, int Stage, bool Moderated, IReadOnlyList<int> AreaLevels, double? Change);

    public sealed record FrameworkProgress(Framework Framework, IReadOnlyList<YearScore> Years, NeighbourPosition? Neighbours, int? NationalRank, int NationalOf,
        IReadOnlyList<IReadOnlyList<int>> AreaDistributions);

    public sealed record IndicatorYear(AssessmentYear Year, ReturnPeriod Period, double? Value);

    public sealed record IndicatorTrend(IndicatorDefinition Indicator, IReadOnlyList<IndicatorYear> Years);

    public sealed record Model(string OnsCode, string Name, IReadOnlyList<FrameworkProgress> Frameworks, Readiness? Readiness, string Rule, AssessmentYear? LatestYear,
        IReadOnlyList<IndicatorTrend> Indicators);

    public sealed class Handler(NationalReturnsDbContext db, AssessmentScores.Handler scores, AssessmentFrameworks.Handler frameworks, ShowReadiness.Handler readiness,
        Microsoft.Extensions.Options.IOptions<Indicators.IndicatorOptions> settings)
    {
        public async Task<Model?> HandleAsync(string onsCode, bool fullFigures, CancellationToken ct)
        {
            var authority = await db.LocalAuthorities.AsNoTracking().Where(a => a.OnsCode == onsCode).Select(a => new { a.OnsCode, a.Name }).FirstOrDefaultAsync(ct);
            if (authority is null)
            {
                return null;
            }

            var neighbours = await db.StatisticalNeighbours.AsNoTracking().Where(n => n.AuthorityCode == onsCode).Select(n => n.NeighbourCode).ToListAsync(ct);
            // Its own assessments for every year; everyone's only for the latest year it has, for the national and neighbour positions.
            var owned = await scores.SignedOffAsync(null, null, onsCode, ct);
            var (earlyHelp, dataMaturity) = await frameworks.BothAsync(ct);
            var progress = new List<FrameworkProgress>();
            foreach (var latest in new[] { earlyHelp.Framework, dataMaturity.Framework })
            {
                var own = owned.Where(s => s.Framework.Code == latest.Code).OrderBy(s => s.Year).ToList();
                var years = own.Select((s, i) => new YearScore(s.Year, s.Self.Index, s.Agreed.Index, s.Agreed.Stage, s.Moderated,
                    latest.Areas.Select(a => s.Agreed.Area(a.Code)?.Level ?? 0).ToList(),
                    i > 0 && own[i - 1].Year == s.Year.Previous ? s.Agreed.Index - own[i - 1].Agreed.Index : null)).ToList();
                var lastYear = own.LastOrDefault()?.Year;
                var sameYear = lastYear is { } y ? await scores.SignedOffAsync(latest.Code, y, null, ct) : [];
                var indices = sameYear.ToDictionary(s => s.OnsCode, s => s.Agreed.Index);
                var national = indices.Count == 0 ? null : Domain.Statistics.Ranking.Rank(indices, Domain.Statistics.Polarity.HigherIsBetter);
                progress.Add(new FrameworkProgress(latest, years, NeighbourPosition.Among(onsCode, indices, neighbours),
                    national?.GetValueOrDefault(onsCode), indices.Count,
                    latest.Areas.Select(a => MaturityScoring.Distribution(latest, sameYear.Select(s => s.Agreed), a.Code)).ToList()));
            }

            var rule = await readiness.RuleAsync(ct);
            var latestYear = owned.Select(s => (AssessmentYear?)s.Year).Max();
            Readiness? ready = null;
            if (latestYear is { } ly)
            {
                var eh = owned.FirstOrDefault(s => s.Year == ly && s.Framework.Code == Framework.EarlyHelp);
                var dm = owned.FirstOrDefault(s => s.Year == ly && s.Framework.Code == Framework.DataMaturity);
                ready = rule.Evaluate(eh?.Framework ?? earlyHelp.Framework, eh?.Agreed, dm?.Framework ?? dataMaturity.Framework, dm?.Agreed);
            }

            var assessedYears = progress.SelectMany(p => p.Years.Select(y => y.Year)).Distinct().Order().ToList();
            return new Model(authority.OnsCode, authority.Name, progress, ready, rule.Describe(earlyHelp.Framework, dataMaturity.Framework), latestYear,
                await TrendsAsync(onsCode, assessedYears, fullFigures, ct));
        }

        /// <summary>Each indicator at the end of each assessed year: the Q4 figure, as the year's outcome.</summary>
        private async Task<IReadOnlyList<IndicatorTrend>> TrendsAsync(string onsCode, IReadOnlyList<AssessmentYear> years, bool fullFigures, CancellationToken ct)
        {
            var periods = years.Select(y => new ReturnPeriod(y.StartYear, 4)).ToList();
            var keys = periods.Select(p => p.UrlSegment).ToList();
            var values = await db.IndicatorValues.AsNoTracking()
                .Where(v => v.AreaCode == onsCode && v.Level == AreaLevel.Authority && keys.Contains(v.Period))
                .Select(v => new { v.IndicatorId, v.Period, v.Value, v.Numerator, v.Denominator }).ToListAsync(ct);
            var limit = settings.Value.DisclosureLimit;
            return IndicatorCatalogue.All.Select(i => new IndicatorTrend(i, years.Select((y, n) =>
            {
                var value = values.FirstOrDefault(v => v.IndicatorId == i.Id && v.Period == keys[n]);
                var shown = value is null || (!fullFigures && Indicators.ShowIndicator.Withheld(value.IndicatorId, value.Numerator, value.Denominator, limit)) ? null : IndicatorCalculator.Shown(value.Value);
                return new IndicatorYear(y, periods[n], shown);
            }).ToList())).ToList();
        }
    }
}
