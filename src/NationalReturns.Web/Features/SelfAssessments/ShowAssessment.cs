using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.SelfAssessments;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.SelfAssessments;

/// <summary>
/// One authority's assessment against one framework for one year, as every page about it needs it: the
/// answers, the national team's moderation, the scores from both, and the flags for moderation.
/// </summary>
public static class ShowAssessment
{
    public sealed record Model(
        string OnsCode,
        string AuthorityName,
        AssessmentYear Year,
        AssessmentYear CurrentYear,
        Framework Framework,
        int? Id,
        AssessmentStatus Status,
        IReadOnlyDictionary<string, SelfAssessmentRating> Ratings,
        IReadOnlyList<AssessmentFlag> Flags,
        MaturityScore? SelfScore,
        MaturityScore? AgreedScore,
        SelfAssessmentRecord? Record,
        IReadOnlyList<AssessmentYear> OtherYears)
    {
        public bool IsCurrent => Year == CurrentYear;

        public bool CanBeChanged => IsCurrent && Status is AssessmentStatus.NotStarted or AssessmentStatus.Draft;

        public bool Moderated => Record?.ModeratedAt is not null;

        public string Url => UrlOf(OnsCode, Framework.Code, Year);

        public RatingAnswer Answer(string descriptorCode) => Ratings.TryGetValue(descriptorCode, out var r)
            ? new RatingAnswer(descriptorCode, r.Level, r.Evidence, r.TargetLevel, r.PlannedActions)
            : new RatingAnswer(descriptorCode, null, null, null, null);
    }

    public sealed class Handler(NationalReturnsDbContext db, AssessmentFrameworks.Handler frameworks, CollectionCalendar windows)
    {
        public async Task<Model?> HandleAsync(string onsCode, string frameworkCode, AssessmentYear year, CancellationToken ct)
        {
            var authority = await db.LocalAuthorities.AsNoTracking().Where(a => a.OnsCode == onsCode).Select(a => new { a.OnsCode, a.Name }).FirstOrDefaultAsync(ct);
            if (authority is null || frameworkCode is not (Framework.EarlyHelp or Framework.DataMaturity))
            {
                return null;
            }

            var records = await db.SelfAssessments.AsNoTracking().Include(a => a.Ratings).Include(a => a.FrameworkVersion)
                .Where(a => a.AuthorityCode == onsCode && (a.Year == year.StartYear || a.Year == year.StartYear - 1))
                .ToListAsync(ct);
            var record = records.FirstOrDefault(r => r.FrameworkCode == frameworkCode && r.Year == year.StartYear);
            var framework = record is not null ? AssessmentFrameworks.Parse(record.FrameworkVersion) : (await frameworks.LatestAsync(frameworkCode, ct))?.Framework;
            if (framework is null)
            {
                return null;
            }

            var ratings = (record?.Ratings ?? []).ToDictionary(r => r.DescriptorCode, StringComparer.OrdinalIgnoreCase);
            var lastYear = records.FirstOrDefault(r => r.FrameworkCode == frameworkCode && r.Year == year.StartYear - 1 && r.Status == AssessmentStatus.SignedOff);
            var other = records.FirstOrDefault(r => r.FrameworkCode != frameworkCode && r.Year == year.StartYear);
            var answers = ratings.Values.Select(r => new RatingAnswer(r.DescriptorCode, r.Level, r.Evidence, r.TargetLevel, r.PlannedActions)).ToList();
            var flags = ConsistencyChecks.Within(framework, answers, lastYear is null ? null : AgreedLevels(lastYear), year.Previous).ToList();
            var selfScore = MaturityScoring.Score(framework, SelfLevels(record));
            if (other is not null)
            {
                var otherFramework = AssessmentFrameworks.Parse(other.FrameworkVersion);
                var otherScore = MaturityScoring.Score(otherFramework, SelfLevels(other));
                flags.AddRange(framework.Code == Framework.EarlyHelp
                    ? ConsistencyChecks.Across(framework, selfScore, otherFramework, otherScore)
                    : ConsistencyChecks.Across(otherFramework, otherScore, framework, selfScore));
            }

            var years = await db.SelfAssessments.AsNoTracking().Where(a => a.AuthorityCode == onsCode && a.FrameworkCode == frameworkCode && a.Year != year.StartYear)
                .OrderByDescending(a => a.Year).Select(a => a.Year).ToListAsync(ct);
            return new Model(authority.OnsCode, authority.Name, year, AssessmentYear.Containing(windows.Today), framework, record?.Id,
                record?.Status ?? AssessmentStatus.NotStarted, ratings, flags, selfScore,
                record?.ModeratedAt is null ? selfScore : MaturityScoring.Score(framework, AgreedLevels(record)), record,
                years.Select(y => new AssessmentYear(y)).ToList());
        }
    }

    public static string UrlOf(string onsCode, string frameworkCode, AssessmentYear year) => $"/self-assessments/{onsCode}/{frameworkCode}/{year.Label}";

    public static Dictionary<string, int> SelfLevels(SelfAssessmentRecord? record) =>
        (record?.Ratings ?? []).Where(r => r.Level is not null).ToDictionary(r => r.DescriptorCode, r => r.Level!.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>The moderated level where the national team gave one, the self-rating otherwise.</summary>
    public static Dictionary<string, int> AgreedLevels(SelfAssessmentRecord record) =>
        record.Ratings.Where(r => r.Level is not null).ToDictionary(r => r.DescriptorCode, r => r.ModeratedLevel ?? r.Level!.Value, StringComparer.OrdinalIgnoreCase);
}
