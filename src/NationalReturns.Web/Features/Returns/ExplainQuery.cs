using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Returns;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Returns;

/// <summary>
/// The preparer explains a query rule on the latest version; one explanation covers all its rows. Only
/// while the return is a draft (the workflow table's Explain move): once submitted, the explanations are
/// part of what the approver certifies. The text goes into the timeline and the audit trail.
/// </summary>
public static class ExplainQuery
{
    public sealed record Command(string OnsCode, ReturnPeriod Period, int Number, string RuleCode, string? Text, string ExplainedBy);

    public sealed class Handler(NationalReturnsDbContext db, AuditLog audit, TimeProvider clock)
    {
        public async Task<Outcome> HandleAsync(Command command, CancellationToken ct)
        {
            var key = command.Period.UrlSegment;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var returnId = await db.Database
                .SqlQuery<int>($"SELECT id AS \"Value\" FROM authority_returns WHERE authority_code = {command.OnsCode} AND period = {key} FOR UPDATE")
                .SingleOrDefaultAsync(ct);
            var version = await db.ReturnVersions
                .Where(v => v.AuthorityReturnId == returnId && v.Number == command.Number)
                .Select(v => new { v.Id, Latest = v.AuthorityReturn.Versions.Max(x => x.Number), v.AuthorityReturn.Status })
                .SingleOrDefaultAsync(ct);
            if (version is null)
            {
                return Outcome.NotFound($"{command.OnsCode} {command.Period} has no version {command.Number}.");
            }

            if (ReturnWorkflow.Refusal(ReturnAction.Explain, version.Status) is { } locked)
            {
                return Outcome.Conflict(locked);
            }

            if (version.Latest != command.Number)
            {
                return Outcome.Conflict($"Version {command.Number} has been replaced by version {version.Latest}. Explain the queries on the latest version.");
            }

            var isQuery = await db.ReturnIssues.AnyAsync(i => i.ReturnVersionId == version.Id && i.Code == command.RuleCode && i.Severity == Severity.Query, ct);
            if (!isQuery)
            {
                return Outcome.Invalid($"{IssueText.Quote(command.RuleCode)} is not a query on this version, so it needs no explanation.");
            }

            if (Explanations.Problem(command.Text) is { } problem)
            {
                return Outcome.Invalid(problem);
            }

            var existing = await db.QueryExplanations.SingleOrDefaultAsync(e => e.ReturnVersionId == version.Id && e.RuleCode == command.RuleCode, ct);
            if (existing is null)
            {
                db.QueryExplanations.Add(existing = new QueryExplanation { ReturnVersionId = version.Id, RuleCode = command.RuleCode, Text = "", ExplainedBy = "" });
            }

            var text = command.Text!.Trim();
            var now = clock.GetUtcNow();
            existing.Text = text;
            existing.ExplainedBy = command.ExplainedBy;
            existing.ExplainedAt = now;
            existing.CarriedFromVersionId = null;
            db.ReturnTransitions.Add(new ReturnTransition
            {
                AuthorityReturnId = returnId,
                Action = ReturnAction.Explain,
                From = version.Status,
                To = ReturnWorkflow.To(ReturnAction.Explain, version.Status),
                VersionNumber = command.Number,
                Comment = IssueText.Shorten($"{command.RuleCode}: {text}", ReturnWorkflow.MaximumText),
                By = command.ExplainedBy,
                At = now,
            });
            audit.Add(AuditActions.Explain, command.OnsCode, key, $"version {command.Number}, {command.RuleCode}: {text}", command.ExplainedBy);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return Outcome.Done;
        }
    }
}
