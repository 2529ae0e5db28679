using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Returns;
using NationalReturns.Web.Data;

namespace NationalReturns.Web.Features.Returns;

/// <summary>
/// The feedback on one upload: every issue (never capped) with its rule, severity, cell, field, value
/// and message, grouped by sheet and by rule, and the explanations given for queries.
/// </summary>
public static class ShowVersion
{
    public enum Show
    {
        All,
        Errors,
        Queries,
    }

    public sealed record Model(
        string OnsCode,
        string AuthorityName,
        ReturnPeriod Period,
        int Number,
        bool IsLatest,
        ReadOutcome Outcome,
        string? RejectionReason,
        string FileName,
        long FileSize,
        DateTimeOffset UploadedAt,
        string UploadedBy,
        string? TemplateVersion,
        int FamilyRows,
        IReadOnlyList<IssueLine> Issues,
        IReadOnlyList<RuleGroup> Rules,
        IReadOnlyList<SheetGroup> Sheets,
        Show Showing)
    {
        public int Errors => Rules.Where(r => r.Severity == Severity.Error).Sum(r => r.Count);

        public int Queries => Rules.Where(r => r.Severity == Severity.Query).Sum(r => r.Count);

        public int Unexplained => Rules.Count(r => r.Severity == Severity.Query && r.Explanation is null);

        public IEnumerable<IssueLine> Shown => Showing switch
        {
            Show.Errors => Issues.Where(i => i.Severity == Severity.Error),
            Show.Queries => Issues.Where(i => i.Severity == Severity.Query),
            _ => Issues,
        };
    }

    public sealed record IssueLine(string Code, Severity Severity, string Sheet, string? Cell, string? Field, string? Value, string Message)
    {
        public string Location => Cell is null ? Sheet : $"{Sheet}!{Cell}";
    }

    public sealed record RuleGroup(string Code, Severity Severity, string Title, string Description, int Count, Explanation? Explanation);

    public sealed record Explanation(string Text, string ExplainedBy, DateTimeOffset ExplainedAt, bool CarriedForward);

    public sealed record SheetGroup(string Sheet, int Errors, int Queries);

    public sealed class Handler(NationalReturnsDbContext db)
    {
        public async Task<Model?> HandleAsync(string onsCode, ReturnPeriod period, int number, Show show, CancellationToken ct)
        {
            var key = period.UrlSegment;
            var version = await db.ReturnVersions.AsNoTracking()
                .Where(v => v.AuthorityReturn.AuthorityCode == onsCode && v.AuthorityReturn.Period == key && v.Number == number)
                .Select(v => new
                {
                    v.Id,
                    v.Outcome,
                    v.RejectionReason,
                    v.UploadedFile.FileName,
                    v.UploadedFile.Size,
                    v.CreatedAt,
                    v.CreatedBy,
                    v.TemplateVersion,
                    v.FamilyRows,
                    AuthorityName = v.AuthorityReturn.Authority.Name,
                    Latest = v.AuthorityReturn.Versions.Max(x => x.Number),
                })
                .SingleOrDefaultAsync(ct);
            if (version is null)
            {
                return null;
            }

            var issues = await db.ReturnIssues.AsNoTracking()
                .Where(i => i.ReturnVersionId == version.Id)
                .OrderBy(i => i.Sequence)
                .Select(i => new IssueLine(i.Code, i.Severity, i.Sheet, i.Cell, i.Field, i.Value, i.Message))
                .ToListAsync(ct);
            var explanations = await db.QueryExplanations.AsNoTracking()
                .Where(e => e.ReturnVersionId == version.Id)
                .ToDictionaryAsync(e => e.RuleCode, e => new Explanation(e.Text, e.ExplainedBy, e.ExplainedAt, e.CarriedFromVersionId != null), ct);
            var spec = ReturnSpecifications.Find(version.TemplateVersion) ?? ReturnSpecifications.ForPeriod(period);
            var rules = issues.GroupBy(i => i.Code)
                .Select(g =>
                {
                    var info = spec.HasRule(g.Key) ? spec.Rule(g.Key) : null;
                    return new RuleGroup(g.Key, g.First().Severity, info?.Title ?? g.Key, info?.Description ?? "", g.Count(), explanations.GetValueOrDefault(g.Key));
                })
                .OrderBy(r => r.Severity).ThenBy(r => r.Code, StringComparer.Ordinal)
                .ToList();
            var sheets = issues.GroupBy(i => i.Sheet)
                .Select(g => new SheetGroup(g.Key, g.Count(i => i.Severity == Severity.Error), g.Count(i => i.Severity == Severity.Query)))
                .ToList();
            return new Model(onsCode, version.AuthorityName, period, number, number == version.Latest, version.Outcome, version.RejectionReason,
                version.FileName, version.Size, version.CreatedAt, version.CreatedBy, version.TemplateVersion, version.FamilyRows,
                issues, rules, sheets, show);
        }
    }
}
