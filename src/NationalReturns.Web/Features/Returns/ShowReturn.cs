using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Returns;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;

namespace NationalReturns.Web.Features.Returns;

/// <summary>An authority's return for a quarter: the template to download, the upload, and every version so far.</summary>
public static class ShowReturn
{
    public sealed record Model(string OnsCode, string AuthorityName, ReturnPeriod Period, ReturnStatus Status, int Revision, IReadOnlyList<VersionLine> Versions, IReadOnlyList<Move> Timeline)
    {
        public VersionLine? Latest => Versions.Count > 0 ? Versions[0] : null;

        public VersionReadiness? Readiness => Latest is { } v ? new VersionReadiness(v.Outcome == ReadOutcome.Read, v.Errors, v.QueryRules - v.Explained) : null;

        /// <summary>Set when the quarter's collection has not opened: why, and which quarter is open now.</summary>
        public string? NotOpen { get; init; }

        /// <summary>Set when an action on the page was refused, to show in the error summary.</summary>
        public string? Error { get; init; }

        public string? ErrorField { get; init; }

        public string? Text { get; init; }
    }

    public sealed record Move(ReturnAction Action, ReturnStatus From, ReturnStatus To, int? Version, string? Comment, string By, DateTimeOffset At);

    public sealed record VersionLine(int Number, ReadOutcome Outcome, string FileName, DateTimeOffset UploadedAt, string UploadedBy, int Errors, int Queries, int QueryRules, int Explained);

    public sealed class Handler(NationalReturnsDbContext db, Infrastructure.CollectionCalendar windows)
    {
        public async Task<Model?> HandleAsync(string onsCode, ReturnPeriod period, CancellationToken ct)
        {
            var authority = await db.LocalAuthorities.AsNoTracking()
                .Where(a => a.OnsCode == onsCode && a.ValidTo == null)
                .Select(a => new { a.OnsCode, a.Name })
                .SingleOrDefaultAsync(ct);
            if (authority is null)
            {
                return null;
            }

            var key = period.UrlSegment;
            var state = await db.AuthorityReturns.AsNoTracking()
                .Where(r => r.AuthorityCode == onsCode && r.Period == key)
                .Select(r => new { r.Status, r.Revision })
                .SingleOrDefaultAsync(ct);
            var timeline = await db.AuthorityReturns.AsNoTracking()
                .Where(r => r.AuthorityCode == onsCode && r.Period == key)
                .SelectMany(r => r.Transitions)
                .OrderByDescending(t => t.At)
                .Select(t => new Move(t.Action, t.From, t.To, t.VersionNumber, t.Comment, t.By, t.At))
                .ToListAsync(ct);
            var versions = await db.ReturnVersions.AsNoTracking()
                .Where(v => v.AuthorityReturn.AuthorityCode == onsCode && v.AuthorityReturn.Period == key)
                .OrderByDescending(v => v.Number)
                .Select(v => new VersionLine(v.Number, v.Outcome, v.UploadedFile.FileName, v.CreatedAt, v.CreatedBy, v.ErrorCount, v.QueryCount,
                    db.ReturnIssues.Where(i => i.ReturnVersionId == v.Id && i.Severity == Severity.Query).Select(i => i.Code).Distinct().Count(),
                    v.Explanations.Count))
                .ToListAsync(ct);
            return new Model(authority.OnsCode, authority.Name, period, state?.Status ?? ReturnStatus.NotStarted, state?.Revision ?? 0, versions, timeline)
            {
                NotOpen = state is null ? await windows.RefusalAsync(period, ct) : null,
            };
        }
    }
}
