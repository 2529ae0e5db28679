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

    /// <summary>
    /// From the signed-off scores the dashboards already hold (<see cref="Benchmarking.BenchmarkingData"/>, reloaded
    /// when an assessment is signed off or moderated): read per request, they were four statements over every
    /// signed-off assessment, 27 requests a second at 32 connections (issue 17).
    /// </summary>
    public sealed class Handler(Benchmarking.BenchmarkingData data, AssessmentFrameworks.Handler frameworks, Infrastructure.CollectionCalendar windows)
    {
        public async Task<Model?> HandleAsync(string frameworkCode, AssessmentYear? year, CancellationToken ct)
        {
            var scored = (await data.GetAsync(ct)).Scores.Values.SelectMany(s => s).ToList();
            var years = scored.Select(s => s.Year).Distinct().OrderByDescending(y => y).ToList();
            var shown = year ?? AssessmentScores.DefaultYear(years, windows.Today);
            if (await frameworks.LatestFrameworkAsync(frameworkCode, ct) is not { } latest)
            {
                return null;
            }

            if (shown is not { } y)
            {
                return new Model(latest, default, years, [], latest.Areas.Select(_ => (IReadOnlyList<int>)new int[latest.Top]).ToList(), new int[latest.Top], null);
            }

            List<ScoredAssessment> Of(AssessmentYear which) =>
                [.. scored.Where(s => s.Framework.Code == frameworkCode && s.Year == which).OrderBy(s => s.Name, StringComparer.Ordinal)];
            var thisYear = Of(y);
            var lastYear = Of(y.Previous).ToDictionary(s => s.OnsCode);
            var framework = thisYear.Count > 0 ? thisYear.MaxBy(s => s.Framework.Version)!.Framework : latest;
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
