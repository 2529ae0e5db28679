using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Notifications;

/// <summary>
/// Queues the emails a return's move sends (<see cref="ReturnNotices"/> says to whom), in the move's own
/// transaction: the move and its emails are stored together or not at all, and the outbox sends them after.
/// </summary>
public sealed class ReturnEmails(NationalReturnsDbContext db, Outbox outbox, IOptions<SiteOptions> site)
{
    public sealed record Move(long TransitionId, string OnsCode, Domain.Periods.ReturnPeriod Period, ReturnAction Action, ReturnStatus To, int? Version, VersionReadiness? Readiness, string? Comment, string By);

    public sealed record Recipient(string Name, string Email, WorkflowRole Role);

    /// <summary>The authority's preparers and approvers who have an email address, in the roles asked for.</summary>
    public async Task<IReadOnlyList<Recipient>> StaffAsync(string onsCode, IReadOnlyCollection<WorkflowRole> roles, CancellationToken ct)
    {
        if (roles.Count == 0)
        {
            return [];
        }

        var names = roles.Select(RoleName).ToList();
        var staff = await (from user in db.Users.AsNoTracking()
                           join link in db.UserRoles on user.Id equals link.UserId
                           join role in db.Roles on link.RoleId equals role.Id
                           where user.AuthorityCode == onsCode && user.Email != null && names.Contains(role.Name!)
                           orderby user.DisplayName
                           select new { user.DisplayName, Email = user.Email!, Role = role.Name! })
            .ToListAsync(ct);
        return staff.Select(s => new Recipient(s.DisplayName, s.Email, s.Role == Roles.Approver ? WorkflowRole.Approver : WorkflowRole.Preparer)).ToList();
    }

    /// <summary>Queues one email per person told of the move; returns who they are, for the confirmation page.</summary>
    public async Task<IReadOnlyList<Recipient>> QueueAsync(Move move, CancellationToken ct)
    {
        var roles = ReturnNotices.EmailedAt(move.Action);
        var recipients = await StaffAsync(move.OnsCode, roles, ct);
        if (recipients.Count == 0)
        {
            return recipients;
        }

        var authority = await db.LocalAuthorities.AsNoTracking().Where(a => a.OnsCode == move.OnsCode && a.ValidTo == null).Select(a => a.Name).SingleAsync(ct);
        var period = move.Period.ToString();
        var subject = ReturnNotices.Subject(move.Action, authority, period);
        foreach (var person in recipients)
        {
            var body = Body(move, authority, period, person);
            await outbox.EnqueueAsync($"move:{move.TransitionId}:{person.Email}", person.Email, subject, body, secret: false, ct);
        }

        return recipients;
    }

    /// <summary>The link to a return page, absolute where the service's address is set.</summary>
    public string Link(string onsCode, string period) => Reminders.Link(site.Value, onsCode, Domain.Periods.ReturnPeriod.Parse(period));

    private string Body(Move move, string authority, string period, Recipient person)
    {
        var comment = move.Comment is { Length: > 0 } words && ReturnNotices.CommentHeading(move.Action) is { } heading
            ? $"\n{heading}:\n{words}\n"
            : "";
        return $"""
            Dear {person.Name},

            {ReturnNotices.Happened(move.Action, authority, period, move.By, move.Version)}
            {comment}
            What happens next: {ReturnProgress.NextStep(move.To, person.Role, move.Readiness, sentBack: move.Action == ReturnAction.SendBack)}

            See the return: {Link(move.OnsCode, move.Period.UrlSegment)}

            Supporting Families national team
            """;
    }

    private static string RoleName(WorkflowRole role) => role switch
    {
        WorkflowRole.Preparer => Roles.Preparer,
        WorkflowRole.Approver => Roles.Approver,
        _ => Roles.NationalTeam,
    };
}
