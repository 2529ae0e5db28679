using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;
using NationalReturns.Web.Features.Notifications;

namespace NationalReturns.Web.Features.Returns;

/// <summary>
/// The page a move ends on (the GOV.UK confirmation pattern): what was done, who has been told, what comes next.
/// It is worked out from the return's own timeline, so it confirms only a move that was made, and only to the
/// person who made it; anyone else, or a later visit after the return moved on, is sent to the return page.
/// </summary>
public static class ConfirmMove
{
    public sealed record Model(string OnsCode, string AuthorityName, ReturnPeriod Period, ReturnAction Action, ReturnStatus Status, int? Version,
        IReadOnlyList<ReturnEmails.Recipient> Told, WorkflowRole Role)
    {
        public string Title => Action switch
        {
            ReturnAction.Submit => "Return submitted",
            ReturnAction.Certify => "Return certified",
            ReturnAction.SendBack => "Return sent back",
            ReturnAction.Query => "Query sent",
            ReturnAction.Answer => "Answer sent",
            ReturnAction.Accept => "Return accepted",
            ReturnAction.Reopen => "Return reopened",
            _ => "Done",
        };

        /// <summary>Told by the daily digest rather than by an email of its own.</summary>
        public bool InDigest => ReturnNotices.All.Any(n => n.Action == Action && n.InDigest);

        public string NextStep => ReturnProgress.NextStep(Status, Role, sentBack: Action == ReturnAction.SendBack);
    }

    public sealed class Handler(NationalReturnsDbContext db, ReturnEmails emails)
    {
        /// <summary>Null when this person's latest move on the return is not <paramref name="action"/>, or the return has moved on since.</summary>
        public async Task<Model?> HandleAsync(string onsCode, ReturnPeriod period, ReturnAction action, string by, WorkflowRole role, CancellationToken ct)
        {
            var key = period.UrlSegment;
            var found = await db.AuthorityReturns.AsNoTracking()
                .Where(r => r.AuthorityCode == onsCode && r.Period == key)
                .Select(r => new { r.Id, r.Authority.Name })
                .SingleOrDefaultAsync(ct);
            var last = found is null ? null : await db.ReturnTransitions.AsNoTracking()
                .Where(t => t.AuthorityReturnId == found.Id && t.Action != ReturnAction.Explain)
                .OrderByDescending(t => t.Id)
                .Select(t => new { t.Action, t.To, t.VersionNumber, t.By })
                .FirstOrDefaultAsync(ct);
            if (found is null || last is null || last.Action != action || last.By != by)
            {
                return null;
            }

            var told = await emails.StaffAsync(onsCode, ReturnNotices.EmailedAt(action), ct);
            return new Model(onsCode, found.Name, period, action, last.To, last.VersionNumber, told, role);
        }
    }
}
