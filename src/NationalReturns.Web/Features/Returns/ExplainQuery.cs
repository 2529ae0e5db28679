using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Returns;
using NationalReturns.Web.Data;

namespace NationalReturns.Web.Features.Returns;

/// <summary>The preparer explains a query rule on the latest version; one explanation covers all its rows.</summary>
public static class ExplainQuery
{
    public sealed record Command(string OnsCode, ReturnPeriod Period, int Number, string RuleCode, string? Text, string ExplainedBy);

    /// <summary>Whether the version exists, and, when the explanation was not saved, why not in words for the preparer.</summary>
    public sealed record Outcome(bool Found, string? Problem);

    public sealed class Handler(NationalReturnsDbContext db, TimeProvider clock)
    {
        public async Task<Outcome> HandleAsync(Command command, CancellationToken ct)
        {
            var key = command.Period.UrlSegment;
            var version = await db.ReturnVersions
                .Where(v => v.AuthorityReturn.AuthorityCode == command.OnsCode && v.AuthorityReturn.Period == key && v.Number == command.Number)
                .Select(v => new { v.Id, Latest = v.AuthorityReturn.Versions.Max(x => x.Number) })
                .SingleOrDefaultAsync(ct);
            if (version is null)
            {
                return new Outcome(false, null);
            }

            if (version.Latest != command.Number)
            {
                return new Outcome(true, $"Version {command.Number} has been replaced by version {version.Latest}. Explain the queries on the latest version.");
            }

            var isQuery = await db.ReturnIssues.AnyAsync(i => i.ReturnVersionId == version.Id && i.Code == command.RuleCode && i.Severity == Severity.Query, ct);
            if (!isQuery)
            {
                return new Outcome(true, $"{command.RuleCode} is not a query on this version, so it needs no explanation.");
            }

            if (Explanations.Problem(command.Text) is { } problem)
            {
                return new Outcome(true, problem);
            }

            var existing = await db.QueryExplanations.SingleOrDefaultAsync(e => e.ReturnVersionId == version.Id && e.RuleCode == command.RuleCode, ct);
            if (existing is null)
            {
                db.QueryExplanations.Add(existing = new QueryExplanation { ReturnVersionId = version.Id, RuleCode = command.RuleCode, Text = "", ExplainedBy = "" });
            }

            existing.Text = command.Text!.Trim();
            existing.ExplainedBy = command.ExplainedBy;
            existing.ExplainedAt = clock.GetUtcNow();
            existing.CarriedFromVersionId = null;
            await db.SaveChangesAsync(ct);
            return new Outcome(true, null);
        }
    }
}
