using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NationalReturns.Domain.Areas;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Notifications;

/// <summary>
/// The national team reminds authorities from the tracker, now rather than on the scheduled days: those it ticked,
/// or every overdue one the tracker shows. Whether each return still awaits its authority is asked again here
/// (the page may be minutes old); one that no longer does is skipped and named, as is one with nobody to email.
/// Each authority reminded gets a record (the tracker's "Last reminder") and an audit event, in the same
/// transaction as its emails.
/// </summary>
public static class SendReminderNow
{
    public const string NothingSelected = "Select at least one authority to remind";

    /// <param name="Codes">The ticked authorities' ONS codes, as posted.</param>
    /// <param name="EveryOverdue">Every overdue authority the tracker shows (with <paramref name="Region"/> and <paramref name="Status"/>), whatever was ticked.</param>
    public sealed record Command(ReturnPeriod Period, IReadOnlyList<string> Codes, bool EveryOverdue, string? Region, ReturnStatus? Status, string SentBy);

    public enum Why
    {
        /// <summary>The return was submitted (or moved on) since the page was shown.</summary>
        NoLongerAwaited,

        /// <summary>Nobody at the authority has an account with an email address.</summary>
        NobodyToEmail,
    }

    public sealed record Skip(string OnsCode, Why Why);

    /// <summary>The mistake to show on the tracker, or how many authorities and people were reminded and who was skipped.</summary>
    public sealed record Outcome(string? Error, int Authorities, int People, IReadOnlyList<Skip> Skipped)
    {
        public static Outcome Refused(string error) => new(error, 0, 0, []);
    }

    public sealed class Handler(NationalReturnsDbContext db, CollectionCalendar windows, Outbox outbox, AuditLog audit, IOptions<SiteOptions> site, TimeProvider clock)
    {
        public async Task<Outcome> HandleAsync(Command command, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(command);
            if (await windows.RefusalAsync(command.Period, ct) is { } notOpen)
            {
                return Outcome.Refused(notOpen);
            }

            var authorities = await db.LocalAuthorities.AsNoTracking()
                .Where(a => a.ValidTo == null)
                .Select(a => new { a.OnsCode, Region = a.Region.Name })
                .ToDictionaryAsync(a => a.OnsCode, a => a.Region, StringComparer.Ordinal, ct);
            // A hand-made form could post thousands of codes; no real one posts more than there are authorities.
            if (command.Codes.Count > authorities.Count)
            {
                return Outcome.Refused($"Select at most {authorities.Count} authorities");
            }

            if (command.Codes.Any(c => !OnsCode.TryParse(c, out _)))
            {
                return Outcome.Refused("Select authorities from the list");
            }

            var key = command.Period.UrlSegment;
            var window = await windows.ForAsync(command.Period, ct);
            var today = windows.Today;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var statuses = await db.AuthorityReturns.AsNoTracking().Where(r => r.Period == key).ToDictionaryAsync(r => r.AuthorityCode, r => r.Status, ct);
            ReturnStatus StatusOf(string code) => statuses.GetValueOrDefault(code, ReturnStatus.NotStarted);

            // As the tracker filters: a region it does not know is no filter at all.
            var region = command.Region is { } named && authorities.ContainsValue(named) ? named : null;
            var overdue = window.DaysToDue(today) < 0;
            var chosen = command.EveryOverdue
                ? authorities.Where(a => overdue && (region is null || a.Value == region) && (command.Status is null || StatusOf(a.Key) == command.Status)
                        && CollectionWindow.AwaitsAuthority(StatusOf(a.Key)))
                    .Select(a => a.Key).Order(StringComparer.Ordinal).ToList()
                // Codes of authorities that no longer exist (or never did) are dropped: the tracker never offered them.
                : command.Codes.Select(c => OnsCode.Parse(c).Value).Where(authorities.ContainsKey).Distinct(StringComparer.Ordinal).ToList();
            if (chosen.Count == 0)
            {
                return Outcome.Refused(command.EveryOverdue ? $"No authority shown is overdue with its {command.Period} return" : NothingSelected);
            }

            var staff = await Reminders.StaffAsync(db, chosen, ct);
            var now = clock.GetUtcNow();
            var skipped = new List<Skip>();
            var reminded = new List<(ReturnReminder Record, ReturnStatus Status)>();
            foreach (var code in chosen)
            {
                var status = StatusOf(code);
                if (!CollectionWindow.AwaitsAuthority(status))
                {
                    skipped.Add(new Skip(code, Why.NoLongerAwaited));
                }
                else if (!staff[code].Any())
                {
                    skipped.Add(new Skip(code, Why.NobodyToEmail));
                }
                else
                {
                    var record = Reminders.Record(code, command.Period, command.SentBy, staff[code].Count(), now);
                    db.ReturnReminders.Add(record);
                    audit.Add(AuditActions.ReminderSent, code, key, $"{ReturnWorkflow.Describe(status)}, {window.Describe(today, status)}: {record.Recipients} {(record.Recipients == 1 ? "person" : "people")}");
                    reminded.Add((record, status));
                }
            }

            // Saved first for the records' ids: each email's outbox key names its reminder, so sending again
            // (minutes later, or the same day) is a new email, where the scheduled job's keys allow one a day.
            await db.SaveChangesAsync(ct);
            foreach (var (record, status) in reminded)
            {
                var link = Reminders.Link(site.Value, record.AuthorityCode, command.Period);
                foreach (var person in staff[record.AuthorityCode])
                {
                    var email = Reminders.Compose(person, window, today, status, link);
                    await outbox.EnqueueAsync($"reminder-now:{record.Id}:{person.Email}", person.Email, email.Subject, email.Body, secret: false, ct);
                }
            }

            await transaction.CommitAsync(ct);
            return new Outcome(null, reminded.Count, reminded.Sum(r => r.Record.Recipients), skipped);
        }
    }
}
