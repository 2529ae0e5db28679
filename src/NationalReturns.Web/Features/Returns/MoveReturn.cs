using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Returns;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;

namespace NationalReturns.Web.Features.Returns;

/// <summary>
/// Submit, certify, query, answer, accept, publish or reopen one return. The move is made only if the
/// return is still where the person saw it, so two people acting at once make exactly one move.
/// </summary>
public static class MoveReturn
{
    public sealed record Command(string OnsCode, ReturnPeriod Period, ReturnAction Action, string? Text, string By);

    public sealed class Handler(NationalReturnsDbContext db, TimeProvider clock)
    {
        /// <summary>Null when the return moved; otherwise why not, in words for the person acting.</summary>
        public async Task<string?> HandleAsync(Command command, CancellationToken ct)
        {
            var key = command.Period.UrlSegment;
            var current = await db.AuthorityReturns.AsNoTracking()
                .Where(r => r.AuthorityCode == command.OnsCode && r.Period == key)
                .Select(r => new { r.Id, r.Status, r.Revision })
                .SingleOrDefaultAsync(ct);
            if (current is null)
            {
                return ReturnWorkflow.Refusal(command.Action, ReturnStatus.NotStarted);
            }

            var latest = await LatestAsync(current.Id, ct);
            if (ReturnWorkflow.Refusal(command.Action, current.Status, latest?.Readiness, command.Text) is { } refusal)
            {
                return refusal;
            }

            var to = ReturnWorkflow.To(command.Action);
            var now = clock.GetUtcNow();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var moved = command.Action switch
            {
                ReturnAction.Publish => await db.AuthorityReturns.Where(r => r.Id == current.Id && r.Status == current.Status)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, to).SetProperty(r => r.PublishedVersionId, latest!.Id).SetProperty(r => r.PublishedAt, now), ct),
                ReturnAction.Reopen => await db.AuthorityReturns.Where(r => r.Id == current.Id && r.Status == current.Status)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, to).SetProperty(r => r.Revision, current.Revision + 1), ct),
                _ => await db.AuthorityReturns.Where(r => r.Id == current.Id && r.Status == current.Status)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, to), ct),
            };
            if (moved == 0)
            {
                var now2 = await db.AuthorityReturns.Where(r => r.Id == current.Id).Select(r => r.Status).SingleAsync(ct);
                return $"Someone else changed this return at the same moment: it is now {ReturnWorkflow.Describe(now2)}. Check it and try again if you still need to.";
            }

            db.Add(new ReturnTransition
            {
                AuthorityReturnId = current.Id,
                Action = command.Action,
                From = current.Status,
                To = to,
                VersionNumber = latest?.Number,
                Comment = string.IsNullOrWhiteSpace(command.Text) ? null : command.Text.Trim(),
                By = command.By,
                At = now,
            });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return null;
        }

        /// <summary>Publishes every accepted return of the quarter; returns the authorities published.</summary>
        public async Task<IReadOnlyList<string>> PublishAcceptedAsync(ReturnPeriod period, string by, CancellationToken ct)
        {
            var key = period.UrlSegment;
            var accepted = await db.AuthorityReturns.AsNoTracking()
                .Where(r => r.Period == key && r.Status == ReturnStatus.Accepted)
                .Select(r => r.AuthorityCode)
                .ToListAsync(ct);
            var published = new List<string>();
            foreach (var code in accepted)
            {
                if (await HandleAsync(new Command(code, period, ReturnAction.Publish, null, by), ct) is null)
                {
                    published.Add(code);
                }
            }

            return published;
        }

        private sealed record Latest(int Id, int Number, VersionReadiness Readiness);

        private async Task<Latest?> LatestAsync(int returnId, CancellationToken ct)
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
}
