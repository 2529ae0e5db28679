using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.SelfAssessments;
using NationalReturns.Web.Data;

namespace NationalReturns.Web.Features.SelfAssessments;

/// <summary>A signed-off assessment with its scores: as rated, and as agreed after moderation.</summary>
public sealed record ScoredAssessment(string OnsCode, string Name, string RegionCode, AssessmentYear Year, Framework Framework, MaturityScore Self, MaturityScore Agreed, bool Moderated);

/// <summary>
/// Scores for the signed-off assessments: what the national views, the readiness list and the scatter
/// are built from. Only signed-off assessments count; a draft is the authority's own business.
/// </summary>
public static class AssessmentScores
{
    public sealed class Handler(NationalReturnsDbContext db, Infrastructure.CollectionCalendar windows)
    {
        /// <summary>
        /// The year national views open on: the latest year before this one with signed-off assessments,
        /// because this year's are still coming in; this year's only when there is no earlier one.
        /// </summary>
        public async Task<AssessmentYear?> DefaultYearAsync(CancellationToken ct)
        {
            var years = await YearsAsync(ct);
            var current = AssessmentYear.Containing(windows.Today);
            return years.Where(y => y < current).Select(y => (AssessmentYear?)y).FirstOrDefault() ?? years.Select(y => (AssessmentYear?)y).FirstOrDefault();
        }

        public async Task<IReadOnlyList<ScoredAssessment>> SignedOffAsync(string? frameworkCode, AssessmentYear? year, string? onsCode, CancellationToken ct)
        {
            var query = db.SelfAssessments.AsNoTracking().Include(a => a.Ratings).Include(a => a.FrameworkVersion)
                .Where(a => a.Status == AssessmentStatus.SignedOff);
            if (frameworkCode is not null)
            {
                query = query.Where(a => a.FrameworkCode == frameworkCode);
            }

            if (year is { } y)
            {
                query = query.Where(a => a.Year == y.StartYear);
            }

            if (onsCode is not null)
            {
                query = query.Where(a => a.AuthorityCode == onsCode);
            }

            var records = await query.AsSplitQuery().ToListAsync(ct);
            var codes = records.Select(r => r.AuthorityCode).Distinct().ToList();
            var names = await db.LocalAuthorities.AsNoTracking().Where(a => codes.Contains(a.OnsCode)).ToDictionaryAsync(a => a.OnsCode, a => (a.Name, a.RegionCode), ct);
            var scored = new List<ScoredAssessment>(records.Count);
            foreach (var record in records)
            {
                var framework = AssessmentFrameworks.Parse(record.FrameworkVersion);
                if (MaturityScoring.Score(framework, ShowAssessment.SelfLevels(record)) is { } self
                    && MaturityScoring.Score(framework, ShowAssessment.AgreedLevels(record)) is { } agreed)
                {
                    var (name, region) = names.GetValueOrDefault(record.AuthorityCode, (record.AuthorityCode, ""));
                    scored.Add(new ScoredAssessment(record.AuthorityCode, name, region, new AssessmentYear(record.Year), framework, self, agreed, record.ModeratedAt is not null));
                }
            }

            return scored.OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.Year).ToList();
        }

        /// <summary>The years with any signed-off assessment, newest first.</summary>
        public async Task<IReadOnlyList<AssessmentYear>> YearsAsync(CancellationToken ct) =>
            (await db.SelfAssessments.AsNoTracking().Where(a => a.Status == AssessmentStatus.SignedOff).Select(a => a.Year).Distinct().OrderByDescending(y => y).ToListAsync(ct))
            .Select(y => new AssessmentYear(y)).ToList();
    }
}
