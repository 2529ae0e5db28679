using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Notifications;

/// <summary>
/// What a reminder is, however it is sent (the scheduled job before and after the due date, or the national team
/// from the tracker): who it goes to, what it says, and the record of it the tracker's "Last reminder" reads. Kept
/// in one place so both say the same thing to the same people.
/// </summary>
public static class Reminders
{
    /// <summary>Who sent a reminder the scheduled job sent.</summary>
    public const string Scheduled = "scheduled reminder";

    public sealed record Recipient(string AuthorityCode, string Authority, string Email, string DisplayName);

    public sealed record Email(string Subject, string Body);

    /// <summary>
    /// The staff with an email address of every authority, or of <paramref name="codes"/> only, by authority.
    /// Everyone in the council's account gets it, preparers and approvers alike: either may be the one to act.
    /// </summary>
    public static async Task<ILookup<string, Recipient>> StaffAsync(NationalReturnsDbContext db, IReadOnlyCollection<string>? codes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var people = db.Users.AsNoTracking().Where(u => u.AuthorityCode != null && u.Email != null);
        if (codes is not null)
        {
            people = people.Where(u => codes.Contains(u.AuthorityCode!));
        }

        var staff = await people.OrderBy(u => u.Email)
            .Select(u => new Recipient(u.AuthorityCode!, u.Authority!.Name, u.Email!, u.DisplayName))
            .ToListAsync(ct);
        return staff.ToLookup(s => s.AuthorityCode, StringComparer.Ordinal);
    }

    /// <summary>The address of the authority's return for the quarter, on the service's own address (never the request's).</summary>
    public static string Link(SiteOptions site, string onsCode, ReturnPeriod period)
    {
        ArgumentNullException.ThrowIfNull(site);
        return $"{site.Root}/returns/{onsCode}/{period.UrlSegment}";
    }

    /// <summary>
    /// The reminder to one person: how long to the due date or how overdue, the return's status, and a link to it.
    /// Only for a return that still awaits the authority (<see cref="CollectionWindow.AwaitsAuthority"/>).
    /// </summary>
    public static Email Compose(Recipient to, CollectionWindow window, DateOnly today, ReturnStatus status, string link)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(window);
        var period = window.Period;
        var due = window.Due.ToString("d MMMM yyyy", English.Culture);
        var (subject, opening) = window.DaysToDue(today) < 0
            ? ($"Overdue: {to.Authority}'s {period} Supporting Families return", $"{to.Authority}'s {period} return was due on {due} and has not been submitted.")
            : ($"Reminder: {to.Authority}'s {period} Supporting Families return is {window.Describe(today, status)}", $"{to.Authority}'s {period} return is due on {due}.");
        var body = $"""
            Dear {to.DisplayName},

            {opening} It is {ReturnWorkflow.Describe(status)}.

            Sign in to the Supporting Families returns service to download the template, upload the return, explain any queries and submit it:
            {link}

            Supporting Families national team
            """;
        return new Email(subject, body);
    }

    /// <summary>That the authority's staff were reminded, for the tracker's "Last reminder".</summary>
    public static ReturnReminder Record(string onsCode, ReturnPeriod period, string sentBy, int recipients, DateTimeOffset at) => new()
    {
        AuthorityCode = onsCode,
        Period = period.UrlSegment,
        SentBy = sentBy.Length > 256 ? sentBy[..256] : sentBy,
        SentAt = at,
        Recipients = recipients,
    };
}
