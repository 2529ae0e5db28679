using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Returns;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Returns;

/// <summary>
/// The national tracker for a quarter: every authority's status, how long to the due date or how overdue,
/// open queries and last activity; filtered by region and status.
/// </summary>
public static class ListReturns
{
    public sealed record Model(ReturnPeriod Period, CollectionWindow Window, DateOnly Today, IReadOnlyList<ReturnPeriod> Quarters,
        IReadOnlyList<Line> Lines, IReadOnlyList<string> Regions, string? Region, ReturnStatus? Status)
    {
        public IEnumerable<Line> Shown => Lines.Where(l => (Region is null || l.Region == Region) && (Status is null || l.Status == Status));

        public int Uploaded => Lines.Count(l => l.Version is not null);

        /// <summary>Why the reminders posted from the tracker were not sent, shown on the tracker again.</summary>
        public string? ReminderError { get; init; }

        /// <summary>The authorities ticked to be reminded, kept ticked when the tracker is shown again with an error.</summary>
        public IReadOnlySet<string> Ticked { get; init; } = new HashSet<string>();
    }

    public sealed record Line(string OnsCode, string Name, string Region, ReturnStatus Status, int? Version, ReadOutcome? Outcome, int Errors, int Queries,
        int UnexplainedQueryRules, bool QueriedByNationalTeam, DateTimeOffset? LastActivity, string Due, DateTimeOffset? LastReminder)
    {
        /// <summary>The return still waits on the authority, so a reminder can be sent (<see cref="CollectionWindow.AwaitsAuthority"/>).</summary>
        public bool AwaitsAuthority => CollectionWindow.AwaitsAuthority(Status);

        public bool Overdue => Due.EndsWith("overdue", StringComparison.Ordinal);
    }

    public sealed class Handler(NationalReturnsDbContext db, CollectionCalendar windows)
    {
        public async Task<Model> HandleAsync(ReturnPeriod? requested, string? region, ReturnStatus? status, CancellationToken ct)
        {
            var current = windows.Current;
            var period = requested ?? current;
            var window = await windows.ForAsync(period, ct);
            var today = windows.Today;
            var key = period.UrlSegment;
            // Two queries, each over this quarter's rows only. Asked as one (the latest version as a navigation's
            // FirstOrDefault), the database numbered and counted the issues of every version of every quarter before
            // keeping this quarter's latest: 30 ms of the tracker's 44 (the profiler, issue 17).
            var returns = await db.AuthorityReturns.AsNoTracking()
                .Where(r => r.Period == key)
                .Select(r => new { r.Id, r.AuthorityCode, r.Status, LastMove = r.Transitions.Max(t => (DateTimeOffset?)t.At) })
                .ToListAsync(ct);
            var versions = await db.ReturnVersions.AsNoTracking()
                .Where(v => v.AuthorityReturn.Period == key && v.Number == db.ReturnVersions.Where(o => o.AuthorityReturnId == v.AuthorityReturnId).Max(o => o.Number))
                .Select(v => new
                {
                    v.AuthorityReturnId,
                    v.Number,
                    v.Outcome,
                    v.ErrorCount,
                    v.QueryCount,
                    v.CreatedAt,
                    QueryRules = db.ReturnIssues.Where(i => i.ReturnVersionId == v.Id && i.Severity == Severity.Query).Select(i => i.Code).Distinct().Count(),
                    Explained = v.Explanations.Count,
                })
                .ToDictionaryAsync(v => v.AuthorityReturnId, ct);
            var reminded = await db.ReturnReminders.AsNoTracking()
                .Where(r => r.Period == key)
                .GroupBy(r => r.AuthorityCode)
                .Select(g => new { Code = g.Key, Last = g.Max(r => r.SentAt) })
                .ToDictionaryAsync(r => r.Code, r => r.Last, ct);
            var byAuthority = returns.ToDictionary(r => r.AuthorityCode, r => (r.Status, r.LastMove, Latest: versions.GetValueOrDefault(r.Id)));
            var authorities = await db.LocalAuthorities.AsNoTracking()
                .Where(a => a.ValidTo == null)
                .OrderBy(a => a.Region.Name).ThenBy(a => a.Name)
                .Select(a => new { a.OnsCode, a.Name, Region = a.Region.Name })
                .ToListAsync(ct);
            var lines = authorities.Select(a =>
            {
                var found = byAuthority.TryGetValue(a.OnsCode, out var r);
                var state = found ? r.Status : ReturnStatus.NotStarted;
                var latest = found ? r.Latest : null;
                DateTimeOffset? last = latest is null ? r.LastMove : r.LastMove is { } moved && moved > latest.CreatedAt ? moved : latest.CreatedAt;
                return new Line(a.OnsCode, a.Name, a.Region, state, latest?.Number, latest?.Outcome, latest?.ErrorCount ?? 0, latest?.QueryCount ?? 0,
                    Math.Max(0, (latest?.QueryRules ?? 0) - (latest?.Explained ?? 0)), state == ReturnStatus.Queried, last, window.Describe(today, state),
                    reminded.TryGetValue(a.OnsCode, out var reminder) ? reminder : null);
            }).ToList();
            var quarters = current.AndPrevious(4);
            var regions = lines.Select(l => l.Region).Distinct().Order(StringComparer.Ordinal).ToList();
            return new Model(period, window, today, quarters, lines, regions, regions.Contains(region ?? "") ? region : null, status);
        }
    }
}
