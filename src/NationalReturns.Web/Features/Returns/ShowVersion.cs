using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Returns;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;

namespace NationalReturns.Web.Features.Returns;

/// <summary>
/// The feedback on one upload: the issues grouped by sheet and by rule (counts exact), the explanations
/// given for queries, and one page of the issues themselves, filtered and paged in the database so the
/// page stays small however many issues a file has. The CSV and the marked workbook stream them all.
/// </summary>
public static class ShowVersion
{
    public const int PageSize = 100;

    public enum Show
    {
        All,
        Errors,
        Queries,
    }

    /// <summary>Which issues the list shows: by severity, sheet and rule, one page at a time.</summary>
    public sealed record Filter(Show Show = Show.All, string? Sheet = null, string? Rule = null, int Page = 1)
    {
        public static Filter All { get; } = new();

        /// <summary>The query string for this filter on another page (for links).</summary>
        public string Query(int page)
        {
            var parts = new List<string>();
            if (Show != Show.All)
            {
                parts.Add($"show={Show.ToString().ToLowerInvariant()}");
            }

            if (Sheet is not null)
            {
                parts.Add($"sheet={Uri.EscapeDataString(Sheet)}");
            }

            if (Rule is not null)
            {
                parts.Add($"rule={Uri.EscapeDataString(Rule)}");
            }

            if (page > 1)
            {
                parts.Add($"page={page}");
            }

            return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
        }
    }

    public sealed record Model(
        string OnsCode,
        string AuthorityName,
        ReturnPeriod Period,
        int Number,
        bool IsLatest,
        ReturnStatus ReturnStatus,
        ReadOutcome Outcome,
        string? RejectionReason,
        string FileName,
        long FileSize,
        DateTimeOffset UploadedAt,
        string UploadedBy,
        string? TemplateVersion,
        int FamilyRows,
        IReadOnlyList<IssueLine> Issues,
        int Matching,
        IReadOnlyList<RuleGroup> Rules,
        IReadOnlyList<SheetGroup> Sheets,
        Filter Filter)
    {
        /// <summary>Cells with errors and with queries: an issue over a range counts every cell in it.</summary>
        public int Errors => Rules.Where(r => r.Severity == Severity.Error).Sum(r => r.Count);

        public int Queries => Rules.Where(r => r.Severity == Severity.Query).Sum(r => r.Count);

        public int Unexplained => Rules.Count(r => r.Severity == Severity.Query && r.Explanation is null);

        /// <summary>Issues listed (a range is one line), all of them and for the current filter.</summary>
        public int Lines => Rules.Sum(r => r.Lines);

        public int Pages => Math.Max(1, (Matching + PageSize - 1) / PageSize);
    }

    public sealed record IssueLine(string Code, Severity Severity, string Sheet, string? Cell, string? Field, string? Value, string Message, int Count = 1)
    {
        public string Location => Cell is null ? Sheet : $"{Sheet}!{Cell}";
    }

    /// <param name="Count">Cells with the issue.</param>
    /// <param name="Lines">Lines listing them (a range is one).</param>
    public sealed record RuleGroup(string Code, Severity Severity, string Title, string Description, int Count, int Lines, Explanation? Explanation);

    public sealed record Explanation(string Text, string ExplainedBy, DateTimeOffset ExplainedAt, bool CarriedForward);

    public sealed record SheetGroup(string Sheet, int Errors, int Queries);

    /// <summary>Every issue of a version in order, streamed: for the CSV, the API and the marked workbook.</summary>
    public static IQueryable<IssueLine> AllIssues(NationalReturnsDbContext db, int versionId) =>
        db.ReturnIssues.AsNoTracking()
            .Where(i => i.ReturnVersionId == versionId)
            .OrderBy(i => i.Sequence)
            .Select(i => new IssueLine(i.Code, i.Severity, i.Sheet, i.Cell, i.Field, i.Value, i.Message, i.Count));

    public sealed class Handler(NationalReturnsDbContext db)
    {
        /// <summary>The version's id, for reading its issues in full; null when there is no such version.</summary>
        public Task<int?> IdAsync(string onsCode, ReturnPeriod period, int number, CancellationToken ct)
        {
            var key = period.UrlSegment;
            return db.ReturnVersions.AsNoTracking()
                .Where(v => v.AuthorityReturn.AuthorityCode == onsCode && v.AuthorityReturn.Period == key && v.Number == number)
                .Select(v => (int?)v.Id)
                .SingleOrDefaultAsync(ct);
        }

        public async Task<Model?> HandleAsync(string onsCode, ReturnPeriod period, int number, Filter filter, CancellationToken ct)
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
                    v.AuthorityReturn.Status,
                    Latest = v.AuthorityReturn.Versions.Max(x => x.Number),
                })
                .SingleOrDefaultAsync(ct);
            if (version is null)
            {
                return null;
            }

            var groups = await db.ReturnIssues.AsNoTracking()
                .Where(i => i.ReturnVersionId == version.Id)
                .GroupBy(i => new { i.Sheet, i.Code, i.Severity })
                .Select(g => new { g.Key.Sheet, g.Key.Code, g.Key.Severity, Cells = g.Sum(i => i.Count), Lines = g.Count() })
                .ToListAsync(ct);
            var explanations = await db.QueryExplanations.AsNoTracking()
                .Where(e => e.ReturnVersionId == version.Id)
                .ToDictionaryAsync(e => e.RuleCode, e => new Explanation(e.Text, e.ExplainedBy, e.ExplainedAt, e.CarriedFromVersionId != null), ct);
            var spec = ReturnSpecifications.Find(version.TemplateVersion) ?? ReturnSpecifications.ForPeriod(period);
            var rules = groups.GroupBy(g => (g.Code, g.Severity))
                .Select(g =>
                {
                    var info = spec.HasRule(g.Key.Code) ? spec.Rule(g.Key.Code) : null;
                    return new RuleGroup(g.Key.Code, g.Key.Severity, info?.Title ?? g.Key.Code, info?.Description ?? "", g.Sum(x => x.Cells), g.Sum(x => x.Lines),
                        explanations.GetValueOrDefault(g.Key.Code));
                })
                .OrderBy(r => r.Severity).ThenBy(r => r.Code, StringComparer.Ordinal)
                .ToList();
            var order = spec.Sheets.Select((s, i) => (s.Name, i)).ToDictionary(x => x.Name, x => x.i);
            var sheets = groups.GroupBy(g => g.Sheet)
                .Select(g => new SheetGroup(g.Key, g.Where(x => x.Severity == Severity.Error).Sum(x => x.Cells), g.Where(x => x.Severity == Severity.Query).Sum(x => x.Cells)))
                .OrderBy(s => order.GetValueOrDefault(s.Sheet, int.MaxValue))
                .ToList();

            var matching = db.ReturnIssues.AsNoTracking().Where(i => i.ReturnVersionId == version.Id);
            matching = filter.Show switch
            {
                Show.Errors => matching.Where(i => i.Severity == Severity.Error),
                Show.Queries => matching.Where(i => i.Severity == Severity.Query),
                _ => matching,
            };
            if (filter.Sheet is { } sheet)
            {
                matching = matching.Where(i => i.Sheet == sheet);
            }

            if (filter.Rule is { } rule)
            {
                matching = matching.Where(i => i.Code == rule);
            }

            var count = await matching.CountAsync(ct);
            var pages = Math.Max(1, (count + PageSize - 1) / PageSize);
            var page = Math.Clamp(filter.Page, 1, pages);
            var issues = await matching.OrderBy(i => i.Sequence)
                .Skip((page - 1) * PageSize).Take(PageSize)
                .Select(i => new IssueLine(i.Code, i.Severity, i.Sheet, i.Cell, i.Field, i.Value, i.Message, i.Count))
                .ToListAsync(ct);
            return new Model(onsCode, version.AuthorityName, period, number, number == version.Latest, version.Status, version.Outcome, version.RejectionReason,
                version.FileName, version.Size, version.CreatedAt, version.CreatedBy, version.TemplateVersion, version.FamilyRows,
                issues, count, rules, sheets, filter with { Page = page });
        }
    }
}
