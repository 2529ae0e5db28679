using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.SelfAssessments;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.SelfAssessments;

/// <summary>
/// Who has done what this year: for an authority, its own two assessments and earlier years; for the
/// national team, every authority's status for both frameworks, with the flags that need moderation.
/// </summary>
public static class ListAssessments
{
    public sealed record Entry(string OnsCode, string Name, string RegionCode, AssessmentStatus EarlyHelp, AssessmentStatus DataMaturity, bool EarlyHelpModerated, bool DataMaturityModerated);

    public sealed record YearOfOwn(AssessmentYear Year, AssessmentStatus EarlyHelp, AssessmentStatus DataMaturity);

    public sealed record Model(AssessmentYear Year, AssessmentYear CurrentYear, IReadOnlyList<AssessmentYear> Years, Framework EarlyHelp, Framework DataMaturity,
        IReadOnlyList<Entry> Entries, string? OwnCode, IReadOnlyList<YearOfOwn> Own, string? Status)
    {
        public int Count(Func<Entry, AssessmentStatus> framework, AssessmentStatus status) => Entries.Count(e => framework(e) == status);
    }

    public sealed class Handler(NationalReturnsDbContext db, AssessmentFrameworks.Handler frameworks, CollectionCalendar windows)
    {
        public async Task<Model> HandleAsync(AssessmentYear? year, string? ownCode, string? status, CancellationToken ct)
        {
            var current = AssessmentYear.Containing(windows.Today);
            var shown = year ?? current;
            var (earlyHelp, dataMaturity) = await frameworks.BothAsync(ct);
            var authorities = db.LocalAuthorities.AsNoTracking().Where(a => a.ValidTo == null);
            if (ownCode is not null)
            {
                authorities = authorities.Where(a => a.OnsCode == ownCode);
            }

            var rows = await db.SelfAssessments.AsNoTracking().Where(a => ownCode == null ? a.Year == shown.StartYear : a.AuthorityCode == ownCode)
                .Select(a => new { a.AuthorityCode, a.FrameworkCode, a.Year, a.Status, Moderated = a.ModeratedAt != null }).ToListAsync(ct);
            var thisYear = rows.Where(r => r.Year == shown.StartYear).ToDictionary(r => (r.AuthorityCode, r.FrameworkCode));
            var entries = (await authorities.OrderBy(a => a.Name).Select(a => new { a.OnsCode, a.Name, a.RegionCode }).ToListAsync(ct))
                .Select(a => new Entry(a.OnsCode, a.Name, a.RegionCode,
                    thisYear.GetValueOrDefault((a.OnsCode, Framework.EarlyHelp))?.Status ?? AssessmentStatus.NotStarted,
                    thisYear.GetValueOrDefault((a.OnsCode, Framework.DataMaturity))?.Status ?? AssessmentStatus.NotStarted,
                    thisYear.GetValueOrDefault((a.OnsCode, Framework.EarlyHelp))?.Moderated == true,
                    thisYear.GetValueOrDefault((a.OnsCode, Framework.DataMaturity))?.Moderated == true))
                .Where(e => status is null || string.Equals(e.EarlyHelp.ToString(), status, StringComparison.OrdinalIgnoreCase) || string.Equals(e.DataMaturity.ToString(), status, StringComparison.OrdinalIgnoreCase))
                .ToList();
            var own = ownCode is null ? [] : rows.Select(r => r.Year).Append(current.StartYear).Distinct().OrderDescending()
                .Select(y => new YearOfOwn(new AssessmentYear(y),
                    rows.FirstOrDefault(r => r.Year == y && r.FrameworkCode == Framework.EarlyHelp)?.Status ?? AssessmentStatus.NotStarted,
                    rows.FirstOrDefault(r => r.Year == y && r.FrameworkCode == Framework.DataMaturity)?.Status ?? AssessmentStatus.NotStarted)).ToList();
            var years = await db.SelfAssessments.AsNoTracking().Select(a => a.Year).Distinct().ToListAsync(ct);
            return new Model(shown, current, years.Append(current.StartYear).Distinct().OrderDescending().Select(y => new AssessmentYear(y)).ToList(),
                earlyHelp.Framework, dataMaturity.Framework, entries, ownCode, own, status);
        }
    }
}
