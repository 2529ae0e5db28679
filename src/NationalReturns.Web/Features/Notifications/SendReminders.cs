using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Notifications;

/// <summary>
/// Reminders 14 and 3 days before the due date, and a notice the day after it, to the staff of every
/// authority whose return still awaits them. Safe to run again: each email has its own outbox key, and an
/// authority's reminder is recorded (for the tracker's "Last reminder") only when an email to it was new.
/// </summary>
public static class SendReminders
{
    public static readonly int[] DaysBefore = [14, 3];

    public sealed class Handler(NationalReturnsDbContext db, CollectionCalendar windows, Outbox outbox, IOptions<SiteOptions> site, TimeProvider clock)
    {
        public async Task<string> HandleAsync(CancellationToken ct)
        {
            var period = windows.Current;
            var window = await windows.ForAsync(period, ct);
            var today = windows.Today;
            var days = window.DaysToDue(today);
            var overdue = days == -1;
            if (!DaysBefore.Contains(days) && !overdue)
            {
                return $"{period} is due in {days} days: no reminders today";
            }

            var key = period.UrlSegment;
            var kind = overdue ? "overdue" : $"reminder-{days}";
            var statuses = await db.AuthorityReturns.AsNoTracking().Where(r => r.Period == key).ToDictionaryAsync(r => r.AuthorityCode, r => r.Status, ct);
            var staff = await Reminders.StaffAsync(db, null, ct);
            var now = clock.GetUtcNow();
            var queued = 0;
            // The emails and the records of them are kept together or not at all: a record without its emails
            // would tell the tracker someone was reminded, and emails without one would never be recorded (a
            // second run finds their keys taken).
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var authority in staff)
            {
                var status = statuses.GetValueOrDefault(authority.Key, ReturnStatus.NotStarted);
                if (!CollectionWindow.AwaitsAuthority(status))
                {
                    continue;
                }

                var link = Reminders.Link(site.Value, authority.Key, period);
                var sent = 0;
                foreach (var person in authority)
                {
                    var email = Reminders.Compose(person, window, today, status, link);
                    if (await outbox.EnqueueAsync($"{kind}:{person.AuthorityCode}:{key}:{person.Email}", person.Email, email.Subject, email.Body, secret: false, ct))
                    {
                        sent++;
                    }
                }

                if (sent > 0)
                {
                    db.ReturnReminders.Add(Reminders.Record(authority.Key, period, Reminders.Scheduled, sent, now));
                    queued += sent;
                }
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return $"{queued} {(overdue ? "overdue notices" : $"{days}-day reminders")} queued for {period}";
        }
    }
}
