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
    /// <summary>Of the years with signed-off assessments (newest first), the one national views open on on <paramref name="today"/>.</summary>
    public static AssessmentYear? DefaultYear(IReadOnlyList<AssessmentYear> years, DateOnly today)
    {
        var current = AssessmentYear.Containing(today);
        return years.Where(y => y < current).Select(y => (AssessmentYear?)y).FirstOrDefault() ?? years.Select(y => (AssessmentYear?)y).FirstOrDefault();
    }

    public sealed class Handler(NationalReturnsDbContext db, Infrastructure.CollectionCalendar windows)
    {
        /// <summary>
        /// The year national views open on: the latest year before this one with signed-off assessments,
        /// because this year's are still coming in; this year's only when there is no earlier one.
        /// </summary>
        public async Task<AssessmentYear?> DefaultYearAsync(CancellationToken ct) => DefaultYear(await YearsAsync(ct), windows.Today);

        public async Task<IReadOnlyList<ScoredAssessment>> SignedOffAsync(string? frameworkCode, AssessmentYear? year, string? onsCode, CancellationToken ct)
        {
            var query = db.SelfAssessments.AsNoTracking().Where(a => a.Status == AssessmentStatus.SignedOff);
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

            // Only what scoring needs: the levels, never the evidence and plans (up to 4,000 characters each), and the
            // framework's hash, never its definition, which is read once per version and kept (versions never change).
            var records = await query.Select(a => new
            {
                a.AuthorityCode,
                a.Year,
                a.FrameworkVersionId,
                a.FrameworkVersion.ContentHash,
                Moderated = a.ModeratedAt != null,
                Ratings = a.Ratings.Where(r => r.Level != null).Select(r => new { r.DescriptorCode, Level = r.Level!.Value, r.ModeratedLevel }).ToList(),
            }).AsSplitQuery().ToListAsync(ct);
            var frameworks = new Dictionary<int, Framework>();
            foreach (var version in records.Select(r => (r.FrameworkVersionId, r.ContentHash)).Distinct())
            {
                frameworks[version.FrameworkVersionId] = AssessmentFrameworks.Cached(version.ContentHash)
                    ?? AssessmentFrameworks.Parse(await db.FrameworkVersions.AsNoTracking().SingleAsync(v => v.Id == version.FrameworkVersionId, ct));
            }

            var codes = records.Select(r => r.AuthorityCode).Distinct().ToList();
            var names = await db.LocalAuthorities.AsNoTracking().Where(a => codes.Contains(a.OnsCode)).ToDictionaryAsync(a => a.OnsCode, a => (a.Name, a.RegionCode), ct);
            var scored = new List<ScoredAssessment>(records.Count);
            foreach (var record in records)
            {
                var framework = frameworks[record.FrameworkVersionId];
                var self = record.Ratings.ToDictionary(r => r.DescriptorCode, r => r.Level, StringComparer.OrdinalIgnoreCase);
                var agreedLevels = record.Ratings.ToDictionary(r => r.DescriptorCode, r => r.ModeratedLevel ?? r.Level, StringComparer.OrdinalIgnoreCase);
                if (MaturityScoring.Score(framework, self) is { } selfScore && MaturityScoring.Score(framework, agreedLevels) is { } agreed)
                {
                    var (name, region) = names.GetValueOrDefault(record.AuthorityCode, (record.AuthorityCode, ""));
                    scored.Add(new ScoredAssessment(record.AuthorityCode, name, region, new AssessmentYear(record.Year), framework, selfScore, agreed, record.Moderated));
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
