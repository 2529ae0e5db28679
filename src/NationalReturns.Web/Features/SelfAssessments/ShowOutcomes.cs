using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Indicators;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.SelfAssessments;
using NationalReturns.Web.Data;

namespace NationalReturns.Web.Features.SelfAssessments;

/// <summary>
/// Maturity beside outcomes: each authority's agreed maturity index for a year against an indicator's
/// value at the end of that year (or the latest quarter before it), one point per authority, with the
/// chosen authority and its statistical neighbours picked out and the rank correlation worked out.
/// </summary>
public static class ShowOutcomes
{
    public sealed record Query(string FrameworkCode, AssessmentYear? Year, string IndicatorId, string? Highlight);

    public sealed record Model(Framework Framework, AssessmentYear? Year, IReadOnlyList<AssessmentYear> Years, IndicatorDefinition Indicator, ReturnPeriod? Period,
        MaturityOutcomeComparison Comparison, string? Highlight, string? HighlightName, IReadOnlySet<string> Neighbours, int Withheld,
        IReadOnlyList<KeyValuePair<string, string>> Authorities);

    public sealed class Handler(NationalReturnsDbContext db, AssessmentScores.Handler scores, AssessmentFrameworks.Handler frameworks, Microsoft.Extensions.Options.IOptions<Indicators.IndicatorOptions> settings)
    {
        public async Task<Model?> HandleAsync(Query query, CancellationToken ct)
        {
            if (IndicatorCatalogue.Find(query.IndicatorId) is not { } indicator || await frameworks.LatestAsync(query.FrameworkCode, ct) is not { } latest)
            {
                return null;
            }

            var years = await scores.YearsAsync(ct);
            var year = query.Year ?? await scores.DefaultYearAsync(ct);
            var authorities = await db.LocalAuthorities.AsNoTracking().Where(a => a.ValidTo == null).OrderBy(a => a.Name)
                .Select(a => new KeyValuePair<string, string>(a.OnsCode, a.Name)).ToListAsync(ct);
            var highlight = query.Highlight is { } h && authorities.Any(a => a.Key == h) ? h : null;
            var neighbours = highlight is null ? new HashSet<string>()
                : (await db.StatisticalNeighbours.AsNoTracking().Where(n => n.AuthorityCode == highlight).Select(n => n.NeighbourCode).ToListAsync(ct)).ToHashSet();
            if (year is not { } y)
            {
                return new Model(latest.Framework, null, years, indicator, null, MaturityAndOutcomes.Compare([], indicator.Title, indicator.Polarity),
                    highlight, null, neighbours, 0, authorities);
            }

            var scored = (await scores.SignedOffAsync(query.FrameworkCode, y, null, ct)).ToDictionary(s => s.OnsCode);
            var yearEnd = new ReturnPeriod(y.StartYear, 4).Start;
            var periodStart = await db.IndicatorValues.AsNoTracking()
                .Where(v => v.IndicatorId == indicator.Id && v.Level == AreaLevel.Authority && v.PeriodStart <= yearEnd && v.Value != null)
                .MaxAsync(v => (DateOnly?)v.PeriodStart, ct);
            var points = new List<ScatterPoint>();
            var withheld = 0;
            ReturnPeriod? period = null;
            if (periodStart is { } start)
            {
                period = ReturnPeriod.Containing(start);
                var limit = settings.Value.DisclosureLimit;
                var values = await db.IndicatorValues.AsNoTracking()
                    .Where(v => v.IndicatorId == indicator.Id && v.Level == AreaLevel.Authority && v.PeriodStart == start && v.Value != null)
                    .Select(v => new { v.AreaCode, v.Value, v.Numerator, v.Denominator }).ToListAsync(ct);
                foreach (var value in values.Where(v => scored.ContainsKey(v.AreaCode)))
                {
                    // Small counts are withheld everywhere else, so they stay off the chart too.
                    if (Indicators.ShowIndicator.Withheld(indicator.Id, value.Numerator, value.Denominator, limit))
                    {
                        withheld++;
                        continue;
                    }

                    var s = scored[value.AreaCode];
                    points.Add(new ScatterPoint(s.OnsCode, s.Name, Math.Round(s.Agreed.Index, 1), IndicatorCalculator.Shown(value.Value)!.Value));
                }
            }

            points.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            return new Model(scored.Values.FirstOrDefault()?.Framework ?? latest.Framework, y, years, indicator, period,
                MaturityAndOutcomes.Compare(points, indicator.Title, indicator.Polarity), highlight,
                highlight is null ? null : authorities.First(a => a.Key == highlight).Value, neighbours, withheld, authorities);
        }
    }
}
