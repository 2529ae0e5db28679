using NationalReturns.Domain.SelfAssessments;
using NationalReturns.Domain.Statistics;

namespace NationalReturns.Web.Features.SelfAssessments;

/// <summary>
/// One framework's scores across the country for a year: every authority's maturity index and stage,
/// its change since last year, and how many authorities sit at each level of each area.
/// </summary>
public static class ShowScores
{
    public sealed record Row(string OnsCode, string Name, string RegionCode, double SelfIndex, double Index, int Stage, double? Change, bool Moderated, IReadOnlyList<int> AreaLevels);

    public sealed record Model(Framework Framework, AssessmentYear Year, IReadOnlyList<AssessmentYear> Years, IReadOnlyList<Row> Rows,
        IReadOnlyList<IReadOnlyList<int>> AreaDistributions, IReadOnlyList<int> StageDistribution, double? MedianIndex);

    public sealed class Handler(AssessmentScores.Handler scores, AssessmentFrameworks.Handler frameworks)
    {
        public async Task<Model?> HandleAsync(string frameworkCode, AssessmentYear? year, CancellationToken ct)
        {
            var years = await scores.YearsAsync(ct);
            var shown = year ?? await scores.DefaultYearAsync(ct);
            if (await frameworks.LatestAsync(frameworkCode, ct) is not { } latest)
            {
                return null;
            }

            if (shown is not { } y)
            {
                return new Model(latest.Framework, default, years, [], latest.Framework.Areas.Select(_ => (IReadOnlyList<int>)new int[latest.Framework.Top]).ToList(), new int[latest.Framework.Top], null);
            }

            var thisYear = await scores.SignedOffAsync(frameworkCode, y, null, ct);
            var lastYear = (await scores.SignedOffAsync(frameworkCode, y.Previous, null, ct)).ToDictionary(s => s.OnsCode);
            var framework = thisYear.Count > 0 ? thisYear.MaxBy(s => s.Framework.Version)!.Framework : latest.Framework;
            var rows = thisYear.Select(s => new Row(s.OnsCode, s.Name, s.RegionCode, s.Self.Index, s.Agreed.Index, s.Agreed.Stage,
                lastYear.TryGetValue(s.OnsCode, out var before) ? s.Agreed.Index - before.Agreed.Index : null, s.Moderated,
                framework.Areas.Select(a => s.Agreed.Area(a.Code)?.Level ?? 0).ToList())).ToList();
            var agreed = thisYear.Select(s => s.Agreed).ToList();
            return new Model(framework, y, years, rows,
                framework.Areas.Select(a => MaturityScoring.Distribution(framework, agreed, a.Code)).ToList(),
                MaturityScoring.Distribution(framework, agreed, null),
                rows.Count == 0 ? null : RobustSpread.Median(rows.Select(r => r.Index).ToArray()));
        }
    }
}
