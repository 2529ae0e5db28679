using NationalReturns.Domain.Workflow;
using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Returns;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure.Spreadsheets;
using Npgsql;
using NpgsqlTypes;

namespace NationalReturns.Web.Features.Returns;

/// <summary>
/// A preparer uploads a filled-in template. The file is stored first, exactly as received; then it is
/// inspected, read (streamed, never loaded whole) and validated; then the version and every issue are
/// stored together. A file that cannot be read leaves only itself and a rejected version behind.
/// </summary>
public static class UploadReturn
{
    public const long MaxBytes = 20 * 1024 * 1024;

    public sealed record Command(string OnsCode, ReturnPeriod Period, string FileName, string ContentType, byte[] Content, string UploadedBy, string? UploadedFrom);

    public sealed record Result(int VersionNumber, ReadOutcome Outcome, string? RejectionReason, int Errors, int Queries, IReadOnlyList<ReturnIssue> Issues)
    {
        /// <summary>Set, and nothing stored, when the return is past the point where uploads are taken.</summary>
        public string? Refusal { get; init; }
    }

    /// <summary>What reading produced, before anything but the raw file is stored.</summary>
    private sealed record Reading(string? TemplateVersion, string? RejectionKind, string? RejectionReason, IReadOnlyList<ReturnIssue> Issues, Dictionary<string, long> Figures, int FamilyRows);

    public sealed class Handler(NationalReturnsDbContext db, ReturnContexts contexts, TimeProvider clock, ILogger<Handler> log)
    {
        public async Task<Result?> HandleAsync(Command command, CancellationToken ct)
        {
            var authority = await contexts.ProfileAsync(command.OnsCode, ct);
            if (authority is null)
            {
                return null;
            }

            var lifetimes = await contexts.LifetimesAsync(ct, authority.OnsCode);
            if (lifetimes[authority.OnsCode].Refusal(authority.Name, command.Period) is { } notThen)
            {
                return new Result(0, ReadOutcome.Rejected, null, 0, 0, []) { Refusal = notThen };
            }

            var key = command.Period.UrlSegment;
            var status = await db.AuthorityReturns.Where(r => r.AuthorityCode == authority.OnsCode && r.Period == key)
                .Select(r => (ReturnStatus?)r.Status).SingleOrDefaultAsync(ct) ?? ReturnStatus.NotStarted;
            if (ReturnWorkflow.Refusal(ReturnAction.Upload, status) is { } refusal)
            {
                return new Result(0, ReadOutcome.Rejected, null, 0, 0, [])
                {
                    Refusal = $"{refusal} The national team can query or reopen it if the figures need to change.",
                };
            }

            var file = new UploadedFile
            {
                FileName = SafeName(command.FileName),
                ContentType = command.ContentType.Length > 200 ? command.ContentType[..200] : command.ContentType,
                Size = command.Content.LongLength,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(command.Content)),
                Content = command.Content,
                UploadedBy = command.UploadedBy,
                UploadedFrom = command.UploadedFrom,
                UploadedAt = clock.GetUtcNow(),
            };
            db.UploadedFiles.Add(file);
            await db.SaveChangesAsync(ct);

            var context = await contexts.ContextAsync(authority, command.Period, ct);
            var timer = Stopwatch.StartNew();
            var reading = Read(command.Content, context);
            timer.Stop();

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var returnId = await LockReturnAsync(authority.OnsCode, command.Period, ct);
            var before = await db.AuthorityReturns.Where(r => r.Id == returnId).Select(r => r.Status).SingleAsync(ct);
            if (ReturnWorkflow.Refusal(ReturnAction.Upload, before) is { } late)
            {
                // Certified while this file was being read: keep the file, but not as a version of the return.
                await transaction.RollbackAsync(ct);
                return new Result(0, ReadOutcome.Rejected, null, 0, 0, []) { Refusal = late };
            }

            var previous = await db.ReturnVersions
                .Where(v => v.AuthorityReturnId == returnId)
                .OrderByDescending(v => v.Number)
                .Select(v => new { v.Number })
                .FirstOrDefaultAsync(ct);
            var version = new ReturnVersion
            {
                AuthorityReturnId = returnId,
                Number = (previous?.Number ?? 0) + 1,
                UploadedFileId = file.Id,
                Outcome = reading.RejectionKind is null ? ReadOutcome.Read : ReadOutcome.Rejected,
                TemplateVersion = reading.TemplateVersion,
                RejectionKind = reading.RejectionKind,
                RejectionReason = reading.RejectionReason,
                Figures = reading.Figures,
                ErrorCount = reading.Issues.Count(i => i.Severity == Severity.Error),
                QueryCount = reading.Issues.Count(i => i.Severity == Severity.Query),
                FamilyRows = reading.FamilyRows,
                CreatedBy = command.UploadedBy,
                CreatedAt = clock.GetUtcNow(),
                ReadMilliseconds = timer.Elapsed.TotalMilliseconds,
            };
            db.ReturnVersions.Add(version);
            await db.SaveChangesAsync(ct);
            await CopyIssuesAsync(version.Id, reading.Issues, ct);
            var previousRead = await db.ReturnVersions
                .Where(v => v.AuthorityReturnId == returnId && v.Outcome == ReadOutcome.Read && v.Id != version.Id)
                .OrderByDescending(v => v.Number)
                .Select(v => (int?)v.Id)
                .FirstOrDefaultAsync(ct);
            if (previousRead is { } previousId)
            {
                await CarryExplanationsForwardAsync(previousId, version.Id, reading.Issues, ct);
            }

            if (before != ReturnStatus.Draft)
            {
                await db.AuthorityReturns.Where(r => r.Id == returnId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReturnStatus.Draft), ct);
                db.Add(new ReturnTransition
                {
                    AuthorityReturnId = returnId,
                    Action = ReturnAction.Upload,
                    From = before,
                    To = ReturnStatus.Draft,
                    VersionNumber = version.Number,
                    By = command.UploadedBy,
                    At = clock.GetUtcNow(),
                });
                await db.SaveChangesAsync(ct);
            }
            await transaction.CommitAsync(ct);
            log.LogInformation("Return {Authority} {Period} version {Version}: {Outcome}, {Errors} errors, {Queries} queries, read in {Milliseconds:0} ms",
                authority.OnsCode, command.Period, version.Number, version.Outcome, version.ErrorCount, version.QueryCount, version.ReadMilliseconds);
            return new Result(version.Number, version.Outcome, version.RejectionReason, version.ErrorCount, version.QueryCount, reading.Issues);
        }

        private static Reading Read(byte[] content, ReturnContext context)
        {
            using var stream = new MemoryStream(content, writable: false);
            var verdict = SpreadsheetInspection.Inspect(stream, MaxBytes);
            if (verdict.Kind != SpreadsheetKind.Xlsx)
            {
                return Rejected(verdict.Kind.ToString(), verdict.Message!);
            }

            try
            {
                using var workbook = XlsxWorkbook.Open(stream);
                var source = new XlsxWorkbookSource(workbook);
                var version = ReturnReader.ReadTemplateVersion(source);
                var expected = ReturnSpecifications.ForPeriod(context.Period);
                if (version is null)
                {
                    return Rejected("NotATemplate",
                        $"This workbook is not a {ReturnSpecifications.CollectionName}: it has no Cover sheet giving a template version. Download the {context.Period} template from this service, fill it in and upload that.");
                }

                if (ReturnSpecifications.Find(version) is not { } spec)
                {
                    return Rejected("UnknownTemplateVersion",
                        $"This workbook says it is template version {Shorten(version)}, which this service does not know. Download the {context.Period} template (version {expected.Version}), copy your figures into it and upload that.");
                }

                var read = ReturnReader.Read(spec, source);
                var issues = ReturnValidator.Validate(read, context);
                var families = read.Table(ReturnSpecifications.Families)?.Rows.Count ?? 0;
                return new Reading(spec.Version, null, null, issues, new Dictionary<string, long>(read.Figures(context.Period)), families);
            }
            catch (SpreadsheetReadException ex)
            {
                return Rejected("Unreadable", ex.Message);
            }
        }

        private static Reading Rejected(string kind, string reason) => new(null, kind, reason, [], [], 0);

        /// <summary>Creates the return on its first upload and locks it, so two uploads at once get numbers 1 and 2.</summary>
        private async Task<int> LockReturnAsync(string onsCode, ReturnPeriod period, CancellationToken ct)
        {
            var key = period.UrlSegment;
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO authority_returns (authority_code, period, period_start, status, created_at) VALUES ({onsCode}, {key}, {period.Start}, {nameof(ReturnStatus.NotStarted)}, {clock.GetUtcNow()}) ON CONFLICT (authority_code, period) DO NOTHING",
                ct);
            return await db.Database
                .SqlQuery<int>($"SELECT id AS \"Value\" FROM authority_returns WHERE authority_code = {onsCode} AND period = {key} FOR UPDATE")
                .SingleAsync(ct);
        }

        /// <summary>Issues go in with COPY: a large return can have tens of thousands.</summary>
        private async Task CopyIssuesAsync(int versionId, IReadOnlyList<ReturnIssue> issues, CancellationToken ct)
        {
            if (issues.Count == 0)
            {
                return;
            }

            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var writer = await connection.BeginBinaryImportAsync(
                "COPY return_issues (return_version_id, sequence, code, severity, sheet, cell, field, value, message, other_cells) FROM STDIN (FORMAT BINARY)", ct);
            for (var i = 0; i < issues.Count; i++)
            {
                var issue = issues[i];
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(versionId, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(i, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(issue.Code, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(issue.Severity.ToString(), NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(issue.Sheet, NpgsqlDbType.Varchar, ct);
                await WriteNullableAsync(writer, issue.Cell, NpgsqlDbType.Varchar, ct);
                await WriteNullableAsync(writer, issue.Field, NpgsqlDbType.Text, ct);
                await WriteNullableAsync(writer, issue.Value, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(issue.Message, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(issue.OtherCells.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
            }

            await writer.CompleteAsync(ct);
        }

        private static async Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, NpgsqlDbType type, CancellationToken ct)
        {
            if (value is null)
            {
                await writer.WriteNullAsync(ct);
            }
            else
            {
                await writer.WriteAsync(value, type, ct);
            }
        }

        /// <summary>A query that reappears in a re-upload keeps the explanation it was given.</summary>
        private async Task CarryExplanationsForwardAsync(int previousVersionId, int versionId, IReadOnlyList<ReturnIssue> issues, CancellationToken ct)
        {
            var queries = issues.Where(i => i.Severity == Severity.Query).Select(i => i.Code).Distinct().ToList();
            if (queries.Count == 0)
            {
                return;
            }

            var earlier = await db.QueryExplanations.AsNoTracking()
                .Where(e => e.ReturnVersionId == previousVersionId && queries.Contains(e.RuleCode))
                .ToListAsync(ct);
            db.QueryExplanations.AddRange(earlier.Select(e => new QueryExplanation
            {
                ReturnVersionId = versionId,
                RuleCode = e.RuleCode,
                Text = e.Text,
                ExplainedBy = e.ExplainedBy,
                ExplainedAt = e.ExplainedAt,
                CarriedFromVersionId = e.CarriedFromVersionId ?? previousVersionId,
            }));
            await db.SaveChangesAsync(ct);
        }

        private static string SafeName(string name)
        {
            var file = Path.GetFileName(name.Replace('\\', '/'));
            file = new string(file.Where(c => !char.IsControl(c)).ToArray());
            return file.Length switch
            {
                0 => "upload",
                > 200 => file[..200],
                _ => file,
            };
        }

        private static string Shorten(string text) => text.Length > 30 ? text[..30] + "…" : text;
    }
}
