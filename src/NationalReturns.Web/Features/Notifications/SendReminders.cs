using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Notifications;

/// <summary>
/// Reminders 14 and 3 days before the due date, and a notice the day after it, to the staff of every
/// authority whose return still awaits them. Safe to run again: each email has its own outbox key.
/// </summary>
public static class SendReminders
{
    public static readonly int[] DaysBefore = [14, 3];

    public sealed class Handler(NationalReturnsDbContext db, CollectionCalendar windows, Outbox outbox)
    {
        public async Task<string> HandleAsync(CancellationToken ct)
        {
            var period = windows.Current;
            var window = await windows.ForAsync(period, ct);
            var days = window.DaysToDue(windows.Today);
            var overdue = days == -1;
            if (!DaysBefore.Contains(days) && !overdue)
            {
                return $"{period} is due in {days} days: no reminders today";
            }

            var key = period.UrlSegment;
            var statuses = await db.AuthorityReturns.AsNoTracking().Where(r => r.Period == key).ToDictionaryAsync(r => r.AuthorityCode, r => r.Status, ct);
            var staff = await db.Users.AsNoTracking().Where(u => u.AuthorityCode != null && u.Email != null)
                .Select(u => new { Code = u.AuthorityCode!, Email = u.Email!, u.DisplayName, Authority = u.Authority!.Name })
                .ToListAsync(ct);
            var queued = 0;
            foreach (var person in staff)
            {
                var status = statuses.GetValueOrDefault(person.Code, ReturnStatus.NotStarted);
                if (!CollectionWindow.AwaitsAuthority(status))
                {
                    continue;
                }

                var due = window.Due.ToString("d MMMM yyyy", English.Culture);
                var (kind, subject, opening) = overdue
                    ? ("overdue", $"Overdue: {person.Authority}'s {period} Supporting Families return", $"{person.Authority}'s {period} return was due on {due} and has not been submitted.")
                    : ($"reminder-{days}", $"Reminder: {person.Authority}'s {period} Supporting Families return is due in {days} days", $"{person.Authority}'s {period} return is due on {due}.");
                var body = $"""
                    Dear {person.DisplayName},

                    {opening} It is {ReturnWorkflow.Describe(status)}.

                    Sign in to the Supporting Families returns service to download the template, upload the return, explain any queries and submit it.

                    Supporting Families national team
                    """;
                if (await outbox.EnqueueAsync($"{kind}:{person.Code}:{key}:{person.Email}", person.Email, subject, body, secret: false, ct))
                {
                    queued++;
                }
            }

            return $"{queued} {(overdue ? "overdue notices" : $"{days}-day reminders")} queued for {period}";
        }
    }
}
