using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Notifications;

/// <summary>A daily summary for the national team: the returns certified and waiting for review, the quarter's returns by status, and who is overdue.</summary>
public static class SendDigest
{
    public sealed class Handler(NationalReturnsDbContext db, CollectionCalendar windows, Outbox outbox, ReturnEmails emails)
    {
        public async Task<string> HandleAsync(CancellationToken ct)
        {
            var period = windows.Current;
            var window = await windows.ForAsync(period, ct);
            var today = windows.Today;
            var key = period.UrlSegment;
            var statuses = await db.AuthorityReturns.AsNoTracking().Where(r => r.Period == key).ToDictionaryAsync(r => r.AuthorityCode, r => r.Status, ct);
            var authorities = await db.LocalAuthorities.AsNoTracking().Where(a => a.ValidTo == null).OrderBy(a => a.Name).Select(a => new { a.OnsCode, a.Name }).ToListAsync(ct);
            var lines = authorities.Select(a => (a.Name, Status: statuses.GetValueOrDefault(a.OnsCode, ReturnStatus.NotStarted))).ToList();
            var body = new StringBuilder();

            // What needs the team first: every certified return, of any quarter, with when it was certified and its link.
            var waiting = await db.AuthorityReturns.AsNoTracking()
                .Where(r => r.Status == ReturnStatus.Certified)
                .OrderBy(r => r.PeriodStart).ThenBy(r => r.Authority.Name)
                .Select(r => new
                {
                    r.AuthorityCode,
                    r.Period,
                    r.Authority.Name,
                    Certified = r.Transitions.Where(t => t.To == ReturnStatus.Certified).Max(t => (DateTimeOffset?)t.At),
                })
                .ToListAsync(ct);
            body.Append(CultureInfo.InvariantCulture, $"Certified and waiting for your review: {(waiting.Count == 0 ? "none" : waiting.Count.ToString("N0", CultureInfo.InvariantCulture))}\n");
            foreach (var r in waiting)
            {
                var returnPeriod = Domain.Periods.ReturnPeriod.Parse(r.Period);
                body.Append(CultureInfo.InvariantCulture, $"  {r.Name}, {returnPeriod}{(r.Certified is { } at ? $" (certified {at.ToString("d MMMM", English.Culture)})" : "")}: {emails.Link(r.AuthorityCode, r.Period)}\n");
            }

            body.Append('\n');
            body.Append(CultureInfo.InvariantCulture, $"{period} returns on {today:d MMMM yyyy} (due {window.Due:d MMMM yyyy}):\n\n");
            foreach (var group in lines.GroupBy(l => l.Status).OrderBy(g => g.Key))
            {
                body.Append(CultureInfo.InvariantCulture, $"  {ReturnWorkflow.Describe(group.Key)}: {group.Count()}\n");
            }

            var overdue = lines.Where(l => window.DaysToDue(today) < 0 && CollectionWindow.AwaitsAuthority(l.Status)).Select(l => l.Name).ToList();
            body.Append(CultureInfo.InvariantCulture, $"\nOverdue: {(overdue.Count == 0 ? "none" : string.Join(", ", overdue))}\n");
            var team = await (from user in db.Users
                              join link in db.UserRoles on user.Id equals link.UserId
                              join role in db.Roles on link.RoleId equals role.Id
                              where role.Name == Roles.NationalTeam && user.Email != null
                              select user.Email!).ToListAsync(ct);
            var queued = 0;
            foreach (var email in team)
            {
                if (await outbox.EnqueueAsync($"digest:{today:yyyy-MM-dd}:{email}", email, $"Supporting Families returns: {period} on {today:d MMMM yyyy}", body.ToString(), secret: false, ct))
                {
                    queued++;
                }
            }

            return $"{queued} digests queued";
        }
    }
}
