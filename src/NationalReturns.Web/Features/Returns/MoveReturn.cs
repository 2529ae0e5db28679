using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Returns;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Returns;

/// <summary>
/// Submit, certify, query, answer, accept, publish or reopen one return. The return's row is locked first
/// (as an upload locks it), then the latest version is read and the workflow table consulted, all in the
/// transaction that makes the move and writes the timeline and the audit trail. So an upload racing a
/// submission is either before it (and judged) or after it (and withdraws it): never certified unseen.
/// </summary>
public static class MoveReturn
{
    /// <param name="Declared">The approver ticked the certification statement.</param>
    /// <param name="Notify">Email the people the move concerns (<see cref="ReturnNotices"/>); the demo's made-up history tells nobody.</param>
    public sealed record Command(string OnsCode, ReturnPeriod Period, ReturnAction Action, string? Text, string By, bool Declared = false, bool Notify = true);

    public sealed class Handler(NationalReturnsDbContext db, AuditLog audit, Notifications.ReturnEmails emails, TimeProvider clock)
    {
        /// <summary>Done when the return moved; otherwise refused (a conflict) with why not, in words for the person acting.</summary>
        public async Task<Outcome> HandleAsync(Command command, CancellationToken ct)
        {
            var key = command.Period.UrlSegment;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var id = await db.Database
                .SqlQuery<int>($"SELECT id AS \"Value\" FROM authority_returns WHERE authority_code = {command.OnsCode} AND period = {key} FOR UPDATE")
                .SingleOrDefaultAsync(ct);
            if (id == 0)
            {
                return Outcome.Conflict(ReturnWorkflow.Refusal(command.Action, ReturnStatus.NotStarted)!);
            }

            var current = await db.AuthorityReturns.AsNoTracking().Where(r => r.Id == id).Select(r => new { r.Id, r.Status, r.Revision }).SingleAsync(ct);

            var latest = await LatestAsync(db, current.Id, ct);
            if (ReturnWorkflow.Refusal(command.Action, current.Status, new MoveRequest(latest?.Readiness, command.Text, command.Declared)) is { } refusal)
            {
                return Outcome.Conflict(refusal);
            }

            var to = ReturnWorkflow.To(command.Action, current.Status);
            var now = clock.GetUtcNow();
            _ = command.Action switch
            {
                ReturnAction.Publish => await db.AuthorityReturns.Where(r => r.Id == current.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, to).SetProperty(r => r.PublishedVersionId, latest!.Id).SetProperty(r => r.PublishedAt, now), ct),
                ReturnAction.Reopen => await db.AuthorityReturns.Where(r => r.Id == current.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, to).SetProperty(r => r.Revision, current.Revision + 1), ct),
                _ => await db.AuthorityReturns.Where(r => r.Id == current.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, to), ct),
            };

            var comment = string.IsNullOrWhiteSpace(command.Text) ? null : command.Text.Trim();
            var transition = new ReturnTransition
            {
                AuthorityReturnId = current.Id,
                Action = command.Action,
                From = current.Status,
                To = to,
                VersionNumber = latest?.Number,
                Comment = comment,
                By = command.By,
                At = now,
            };
            db.Add(transition);
            audit.Add(AuditActions.Of(command.Action), command.OnsCode, key,
                latest is null ? comment : $"version {latest.Number}{(comment is null ? "" : $": {comment}")}", command.By);
            await db.SaveChangesAsync(ct);
            if (command.Notify)
            {
                // In the move's transaction: the emails are queued if and only if the move is made.
                await emails.QueueAsync(new Notifications.ReturnEmails.Move(transition.Id, command.OnsCode, command.Period, command.Action, to, latest?.Number, latest?.Readiness, comment, command.By), ct);
            }

            await transaction.CommitAsync(ct);
            return Outcome.Done;
        }

        /// <summary>Publishes every accepted return of the quarter; returns the authorities published.</summary>
        public async Task<IReadOnlyList<string>> PublishAcceptedAsync(ReturnPeriod period, string by, CancellationToken ct, bool notify = true)
        {
            var key = period.UrlSegment;
            var accepted = await db.AuthorityReturns.AsNoTracking()
                .Where(r => r.Period == key && r.Status == ReturnStatus.Accepted)
                .Select(r => r.AuthorityCode)
                .ToListAsync(ct);
            var published = new List<string>();
            foreach (var code in accepted)
            {
                if (await HandleAsync(new Command(code, period, ReturnAction.Publish, null, by, Notify: notify), ct) is { Succeeded: true })
                {
                    published.Add(code);
                }
            }

            return published;
        }
    }

    public sealed record Latest(int Id, int Number, VersionReadiness Readiness);

    /// <summary>The latest version of a return and whether it is ready to submit: readable, no errors, every query rule explained.</summary>
    public static async Task<Latest?> LatestAsync(NationalReturnsDbContext db, int returnId, CancellationToken ct)
    {
        var version = await db.ReturnVersions.AsNoTracking()
            .Where(v => v.AuthorityReturnId == returnId)
            .OrderByDescending(v => v.Number)
            .Select(v => new
            {
                v.Id,
                v.Number,
                v.Outcome,
                v.ErrorCount,
                QueryRules = db.ReturnIssues.Where(i => i.ReturnVersionId == v.Id && i.Severity == Severity.Query).Select(i => i.Code).Distinct().Count(),
                Explained = v.Explanations.Count,
            })
            .FirstOrDefaultAsync(ct);
        return version is null
            ? null
            : new Latest(version.Id, version.Number, new VersionReadiness(version.Outcome == ReadOutcome.Read, version.ErrorCount, Math.Max(0, version.QueryRules - version.Explained)));
    }
}
