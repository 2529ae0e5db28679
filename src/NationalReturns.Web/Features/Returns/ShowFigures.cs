using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Returns;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;

namespace NationalReturns.Web.Features.Returns;

/// <summary>
/// The figures in one version, sheet by sheet as the template lays them out, so an approver sees what they certify
/// without opening the file: the form sheets' answers beside last quarter's, the small tables whole, and the
/// families a page at a time, filtered and counted in the database over the rows the upload kept. Not suppressed:
/// only the authority's own staff and the national team see it, as they see the version page.
/// </summary>
public static class ShowFigures
{
    public const int PageSize = 100;

    /// <summary>A family reference is at most 20 characters; a longer filter could match nothing.</summary>
    public const int ReferenceLength = 20;

    /// <summary>The small tables (Homelessness, Notes) are shown whole up to this; a file with more is no usual return.</summary>
    public const int SmallTableRows = 500;

    // A yes as the validator reads one (CellParsing.TryYesNo: Y or YES in any case, or a TRUE cell), as a PostgreSQL
    // regular expression: the page counts and filters a need as the checks do.
    private const string Yes = @"^\s*(y|yes|true)\s*$";

    public enum Outcome
    {
        Any,
        Achieved,
        NotAchieved,
    }

    /// <summary>The filter as asked for in the address, before it is checked against the specification.</summary>
    public sealed record Request(string? Need = null, string? Outcome = null, string? Service = null, string? Reference = null, int? Page = null);

    /// <summary>The filter as applied: every value known to the specification.</summary>
    /// <param name="Need">A need's key without its "fam.need_" prefix, such as "early_years".</param>
    public sealed record Filter(string? Need = null, Outcome Outcome = Outcome.Any, string? Service = null, string? Reference = null, int Page = 1)
    {
        public bool Filtered => Need is not null || Outcome != Outcome.Any || Service is not null || Reference is not null;

        /// <summary>The query string for this filter on another page (for links).</summary>
        public string Query(int page)
        {
            var parts = new List<string>();
            if (Need is not null)
            {
                parts.Add($"need={Uri.EscapeDataString(Need)}");
            }

            if (Outcome != Outcome.Any)
            {
                parts.Add(Outcome == Outcome.Achieved ? "outcome=achieved" : "outcome=not-achieved");
            }

            if (Service is not null)
            {
                parts.Add($"service={Uri.EscapeDataString(Service)}");
            }

            if (Reference is not null)
            {
                parts.Add($"reference={Uri.EscapeDataString(Reference)}");
            }

            if (page > 1)
            {
                parts.Add($"page={page}");
            }

            return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
        }
    }

    /// <param name="Slug">How the need is named in the address.</param>
    public sealed record Need(string Slug, string Header, string Outcome);

    public sealed record FormLine(string Key, string Label, string? Value, bool Compared, long? LastQuarter);

    public sealed record FormSection(string Sheet, string Purpose, IReadOnlyList<FormLine> Lines);

    public sealed record TableSection(string Sheet, string Purpose, IReadOnlyList<string> Headers, IReadOnlyList<Row> Rows, int Count);

    public sealed record Row(int RowNumber, string?[] Cells);

    /// <param name="ByNeed">How many families have each need, in the specification's order.</param>
    /// <param name="Achieved">How many have an outcome achieved date.</param>
    public sealed record FamilyCounts(int Families, IReadOnlyList<(Need Need, int Count)> ByNeed, int Achieved)
    {
        public int NotAchieved => Families - Achieved;
    }

    public sealed record Families(
        IReadOnlyList<string> Headers,
        FamilyCounts Counts,
        IReadOnlyList<Row> Rows,
        int Matching,
        Filter Filter,
        IReadOnlyList<string> Messages)
    {
        public int Pages => Math.Max(1, (Matching + PageSize - 1) / PageSize);
    }

    public sealed record Model(
        string OnsCode,
        string AuthorityName,
        ReturnPeriod Period,
        int Number,
        int Latest,
        bool IsPublished,
        ReturnStatus ReturnStatus,
        string FileName,
        long FileSize,
        string? TemplateVersion,
        bool RowsKept,
        bool HasLastQuarter,
        IReadOnlyList<FormSection> Forms,
        IReadOnlyList<TableSection> Tables,
        Families? FamilyTable,
        IReadOnlyList<string> Services,
        IReadOnlyList<Need> Needs)
    {
        public bool IsLatest => Number == Latest;
    }

    /// <summary>The ten needs as the address names them.</summary>
    public static IReadOnlyList<Need> Needs { get; } = ReturnSpecifications.Needs
        .Select(n => new Need(n.Key.Replace("fam.need_", "", StringComparison.Ordinal), n.Header, n.Outcome))
        .ToList();

    public sealed class Handler(NationalReturnsDbContext db, ReturnContextSource contexts)
    {
        /// <summary>Null when there is no such version.</summary>
        public async Task<Model?> HandleAsync(string onsCode, ReturnPeriod period, int number, Request request, CancellationToken ct)
        {
            var key = period.UrlSegment;
            var version = await db.ReturnVersions.AsNoTracking()
                .Where(v => v.AuthorityReturn.AuthorityCode == onsCode && v.AuthorityReturn.Period == key && v.Number == number)
                .Select(v => new
                {
                    v.Id,
                    v.TemplateVersion,
                    v.FormValues,
                    v.Figures,
                    v.RowsKept,
                    v.UploadedFile.FileName,
                    v.UploadedFile.Size,
                    AuthorityName = v.AuthorityReturn.Authority.Name,
                    v.AuthorityReturn.Status,
                    Published = v.AuthorityReturn.PublishedVersionId == v.Id,
                    Latest = v.AuthorityReturn.Versions.Max(x => x.Number),
                })
                .SingleOrDefaultAsync(ct);
            if (version is null)
            {
                return null;
            }

            var spec = ReturnSpecifications.Find(version.TemplateVersion) ?? ReturnSpecifications.ForPeriod(period);
            var lastQuarter = await contexts.PreviousFiguresAsync(onsCode, period, publishedFirst: true, ct);
            var forms = spec.Sheets.Where(s => s.Layout == SheetLayout.Form)
                .Select(s => new FormSection(s.Name, s.Purpose, s.Fields.Select(f => Line(f, version.FormValues, version.Figures, lastQuarter)).ToList()))
                .ToList();

            var tables = new List<TableSection>();
            Families? families = null;
            if (version.RowsKept)
            {
                foreach (var sheet in spec.Sheets.Where(s => s.Layout == SheetLayout.Table && s.Name != ReturnSpecifications.Families))
                {
                    tables.Add(await SmallTableAsync(version.Id, sheet, ct));
                }

                if (spec.Sheets.FirstOrDefault(s => s.Name == ReturnSpecifications.Families) is { } familySheet)
                {
                    families = await FamiliesAsync(version.Id, familySheet, request, ct);
                }
            }

            return new Model(onsCode, version.AuthorityName, period, number, version.Latest, version.Published, version.Status, version.FileName, version.Size,
                version.TemplateVersion, version.RowsKept, lastQuarter is not null, forms, tables, families, ReturnSpecifications.LeadServices.Values, Needs);
        }

        /// <summary>
        /// The answer as written; for versions stored before answers were kept, a count still comes from the figures.
        /// Last quarter is shown for the counts the checks compare.
        /// </summary>
        private static FormLine Line(FieldSpec field, Dictionary<string, string> values, Dictionary<string, long> figures, IReadOnlyDictionary<string, long>? lastQuarter)
        {
            var value = values.GetValueOrDefault(field.Key)
                ?? (field.Type == FieldType.Count && figures.TryGetValue(field.Key, out var figure) ? figure.ToString(CultureInfo.InvariantCulture) : null);
            var compared = field.Type == FieldType.Count && field.ComparedWithLastQuarter;
            return new FormLine(field.Key, field.Header, value, compared, compared && lastQuarter is not null && lastQuarter.TryGetValue(field.Key, out var last) ? last : null);
        }

        private async Task<TableSection> SmallTableAsync(int versionId, SheetSpec sheet, CancellationToken ct)
        {
            var rows = db.VersionRows.AsNoTracking().Where(r => r.ReturnVersionId == versionId && r.Sheet == sheet.Name);
            var count = await rows.CountAsync(ct);
            var shown = await rows.OrderBy(r => r.RowNumber).Take(SmallTableRows).Select(r => new Row(r.RowNumber, r.Cells)).ToListAsync(ct);
            return new TableSection(sheet.Name, sheet.Purpose, sheet.Fields.Select(f => f.Header).ToList(), shown, count);
        }

        private async Task<Families> FamiliesAsync(int versionId, SheetSpec sheet, Request request, CancellationToken ct)
        {
            var (filter, messages) = Check(request, sheet);
            var rows = db.VersionRows.AsNoTracking().Where(r => r.ReturnVersionId == versionId && r.Sheet == sheet.Name);
            if (filter.Need is { } need)
            {
                // The index is the specification's, never the person's: the filter named a need it knows.
                var at = sheet.IndexOf("fam.need_" + need);
                rows = rows.Where(r => Regex.IsMatch(r.Cells[at]!, Yes, RegexOptions.IgnoreCase));
            }

            if (filter.Outcome != Outcome.Any)
            {
                var at = sheet.IndexOf(FieldKeys.Families.OutcomeDate);
                rows = filter.Outcome == Outcome.Achieved ? rows.Where(r => r.Cells[at] != null) : rows.Where(r => r.Cells[at] == null);
            }

            if (filter.Service is { } service)
            {
                // As the checks match a code: whatever the case, and a typographic apostrophe as a plain one. The code
                // list's values hold no wildcards, so ILIKE is an equality that ignores case.
                var at = sheet.IndexOf(FieldKeys.Families.LeadService);
                rows = rows.Where(r => EF.Functions.ILike(r.Cells[at]!.Trim().Replace("’", "'"), service));
            }

            if (filter.Reference is { } reference)
            {
                // Exact or the start of a reference; the filter holds only letters, digits and hyphens, so no wildcards.
                var at = sheet.IndexOf(FieldKeys.Families.Reference);
                var pattern = reference + "%";
                rows = rows.Where(r => EF.Functions.ILike(r.Cells[at]!, pattern));
            }

            var matching = await rows.CountAsync(ct);
            var pages = Math.Max(1, (matching + PageSize - 1) / PageSize);
            var page = Math.Clamp(filter.Page, 1, pages);
            var shown = await rows.OrderBy(r => r.RowNumber).Skip((page - 1) * PageSize).Take(PageSize)
                .Select(r => new Row(r.RowNumber, r.Cells)).ToListAsync(ct);
            var counts = filter.Filtered || matching > 0 ? await CountsAsync(versionId, sheet, ct) : new FamilyCounts(0, Needs.Select(n => (n, 0)).ToList(), 0);
            return new Families(sheet.Fields.Select(f => f.Header).ToList(), counts, shown, matching, filter with { Page = page }, messages);
        }

        /// <summary>The whole version's families by need and by outcome, in one pass over its rows in the database.</summary>
        private async Task<FamilyCounts> CountsAsync(int versionId, SheetSpec sheet, CancellationToken ct)
        {
            // Indexes come from the specification (1-based in SQL), never from the request.
            var needs = Needs.Select(n => sheet.IndexOf("fam.need_" + n.Slug) + 1).ToList();
            var outcome = sheet.IndexOf(FieldKeys.Families.OutcomeDate) + 1;
            var sql = "SELECT count(*)::int, count(cells[" + outcome.ToString(CultureInfo.InvariantCulture) + "])::int"
                + string.Concat(needs.Select(i => $", (count(*) FILTER (WHERE cells[{i.ToString(CultureInfo.InvariantCulture)}] ~* @yes))::int"))
                + " FROM version_rows WHERE return_version_id = @version AND sheet = @sheet";
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                Add(command, "yes", Yes);
                Add(command, "version", versionId);
                Add(command, "sheet", sheet.Name);
                await using var reader = await command.ExecuteReaderAsync(ct);
                await reader.ReadAsync(ct);
                return new FamilyCounts(reader.GetInt32(0), Needs.Select((n, i) => (n, reader.GetInt32(i + 2))).ToList(), reader.GetInt32(1));
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        private static void Add(DbCommand command, string name, object value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        /// <summary>Each filter value checked against the specification; one it does not know is left out, and the page says so.</summary>
        private static (Filter Filter, List<string> Messages) Check(Request request, SheetSpec sheet)
        {
            var messages = new List<string>();
            string? need = null;
            if (!string.IsNullOrWhiteSpace(request.Need))
            {
                var asked = request.Need.Trim().ToLowerInvariant().Replace('-', '_');
                need = Needs.FirstOrDefault(n => n.Slug == asked)?.Slug;
                if (need is null || !sheet.Has("fam.need_" + need))
                {
                    need = null;
                    messages.Add($"There is no need called {IssueText.Quote(request.Need.Trim())}, so families are not filtered by need.");
                }
            }

            var outcome = request.Outcome?.Trim().ToLowerInvariant() switch
            {
                null or "" or "any" => Outcome.Any,
                "achieved" => Outcome.Achieved,
                "not-achieved" or "not_achieved" => Outcome.NotAchieved,
                _ => (Outcome?)null,
            };
            if (outcome is null)
            {
                messages.Add($"The outcome can be achieved or not achieved, not {IssueText.Quote(request.Outcome!.Trim())}, so families are not filtered by outcome.");
            }

            string? service = null;
            if (!string.IsNullOrWhiteSpace(request.Service))
            {
                service = ReturnSpecifications.LeadServices.Match(request.Service);
                if (service is null)
                {
                    messages.Add($"There is no lead service called {IssueText.Quote(request.Service.Trim())}, so families are not filtered by service.");
                }
            }

            string? reference = null;
            if (!string.IsNullOrWhiteSpace(request.Reference))
            {
                reference = request.Reference.Trim();
                if (reference.Length > ReferenceLength || !CellParsing.IsReference(reference))
                {
                    messages.Add($"A family reference is 1 to {ReferenceLength} letters, digits or hyphens, so {IssueText.Quote(reference)} was not looked for.");
                    reference = null;
                }
            }

            return (new Filter(need, outcome ?? Outcome.Any, service, reference, request.Page ?? 1), messages);
        }
    }
}
