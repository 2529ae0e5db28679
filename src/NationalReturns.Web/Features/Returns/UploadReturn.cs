using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Returns;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Infrastructure.Spreadsheets;
using Npgsql;
using NpgsqlTypes;

namespace NationalReturns.Web.Features.Returns;

/// <summary>
/// A preparer uploads a filled-in template. The file is stored first, exactly as received; then it is
/// inspected, read (streamed, never loaded whole) and validated; then the version and every issue are
/// stored together, with the audit event, in one transaction. A file that cannot be read as a return is not
/// a version: it is kept with the reason, the attempt is audited, and the return is left as it was.
/// </summary>
public static class UploadReturn
{
    public const long MaxBytes = 20 * 1024 * 1024;

    public sealed record Command(string OnsCode, ReturnPeriod Period, string FileName, string ContentType, byte[] Content, string UploadedBy, string? UploadedFrom);

    /// <summary>The stored version; or, with <see cref="Refusal"/> set, why nothing became a version.</summary>
    public sealed record Result(int VersionNumber, int Errors, int Queries, IReadOnlyList<ReturnIssue> Issues) : Outcome
    {
        public static Result Refused(RefusalKind kind, string message) => new(0, 0, 0, []) { Refusal = new Refusal(kind, message) };
    }

    /// <summary>What reading produced, before anything but the raw file is stored.</summary>
    /// <param name="Content">What was read, kept until its answers and rows are stored with the version (null when rejected).</param>
    private sealed record Reading(string? TemplateVersion, string? RejectionKind, string? RejectionReason, IReadOnlyList<ReturnIssue> Issues, Dictionary<string, long> Figures, int FamilyRows,
        ReturnContent? Content);

    public sealed class Handler(NationalReturnsDbContext db, ReturnContextSource contexts, CollectionCalendar windows, AuditLog audit, TimeProvider clock, ILogger<Handler> log)
    {
        public async Task<Result> HandleAsync(Command command, CancellationToken ct)
        {
            var authority = await contexts.ProfileAsync(command.OnsCode, ct);
            if (authority is null)
            {
                return Result.Refused(RefusalKind.NotFound, $"There is no authority with the ONS code {IssueText.Quote(command.OnsCode)}.");
            }

            var lifetimes = await contexts.LifetimesAsync(authority.OnsCode, ct);
            var notOpen = lifetimes[authority.OnsCode].Refusal(authority.Name, command.Period) ?? await windows.RefusalAsync(command.Period, ct);
            if (notOpen is not null)
            {
                await RefusedAsync(command, AuditActions.UploadRefused, notOpen, ct);
                return Result.Refused(RefusalKind.Conflict, notOpen);
            }

            var key = command.Period.UrlSegment;
            var status = await db.AuthorityReturns.Where(r => r.AuthorityCode == authority.OnsCode && r.Period == key)
                .Select(r => (ReturnStatus?)r.Status).SingleOrDefaultAsync(ct) ?? ReturnStatus.NotStarted;
            if (ReturnWorkflow.Refusal(ReturnAction.Upload, status) is { } refusal)
            {
                var message = $"{refusal} The national team can query or reopen it if the figures need to change.";
                await RefusedAsync(command, AuditActions.UploadRefused, message, ct);
                return Result.Refused(RefusalKind.Conflict, message);
            }

            if (command.Content.LongLength > MaxBytes)
            {
                // Not kept: the limit is there so that the service never has to hold files this size.
                var message = SpreadsheetInspection.TooLargeMessage(command.Content.LongLength, MaxBytes);
                await RefusedAsync(command, AuditActions.UploadRejected, $"{SafeName(command.FileName)}, {command.Content.LongLength:N0} bytes: TooLarge: {message}", ct);
                return Result.Refused(RefusalKind.TooLarge, message);
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
                AuthorityCode = authority.OnsCode,
                Period = key,
            };
            db.UploadedFiles.Add(file);
            await db.SaveChangesAsync(ct);

            var context = await contexts.ContextAsync(authority, command.Period, ct);
            var timer = Stopwatch.StartNew();
            var reading = Read(command.Content, context);
            timer.Stop();

            if (reading.RejectionKind is { } kind)
            {
                file.RejectionKind = kind;
                file.RejectionReason = reading.RejectionReason;
                audit.Add(AuditActions.UploadRejected, command.OnsCode, key, $"{file.FileName}, {file.Size:N0} bytes: {kind}: {reading.RejectionReason}", command.UploadedBy);
                await db.SaveChangesAsync(ct);
                log.LogDebug("Upload for {Authority} {Period} could not be read as a return: {Kind}", authority.OnsCode, command.Period, kind);
                return Result.Refused(kind == nameof(SpreadsheetKind.TooLarge) ? RefusalKind.TooLarge : RefusalKind.Unprocessable, reading.RejectionReason!);
            }

            var issues = IssueCondensing.Condense(reading.Issues, command.Content.LongLength, ReturnSpecifications.Find(reading.TemplateVersion)!);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var returnId = await LockReturnAsync(authority.OnsCode, command.Period, ct);
            var before = await db.AuthorityReturns.Where(r => r.Id == returnId).Select(r => r.Status).SingleAsync(ct);
            if (ReturnWorkflow.Refusal(ReturnAction.Upload, before) is { } late)
            {
                // Certified while this file was being read: keep the file, but not as a version of the return.
                await transaction.RollbackAsync(ct);
                await RefusedAsync(command, AuditActions.UploadRefused, late, ct);
                return Result.Refused(RefusalKind.Conflict, late);
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
                Outcome = ReadOutcome.Read,
                TemplateVersion = reading.TemplateVersion,
                Figures = reading.Figures,
                ErrorCount = issues.Where(i => i.Severity == Severity.Error).Sum(i => i.Count),
                QueryCount = issues.Where(i => i.Severity == Severity.Query).Sum(i => i.Count),
                FamilyRows = reading.FamilyRows,
                FormValues = ReturnValues.Forms(reading.Content!),
                RowsKept = true,
                CreatedBy = command.UploadedBy,
                CreatedAt = clock.GetUtcNow(),
                ReadMilliseconds = timer.Elapsed.TotalMilliseconds,
            };
            db.ReturnVersions.Add(version);
            await db.SaveChangesAsync(ct);
            await CopyIssuesAsync(version.Id, issues, ct);
            await CopyRowsAsync(version.Id, reading.Content!, ct);
            var previousRead = await db.ReturnVersions
                .Where(v => v.AuthorityReturnId == returnId && v.Outcome == ReadOutcome.Read && v.Id != version.Id)
                .OrderByDescending(v => v.Number)
                .Select(v => (int?)v.Id)
                .FirstOrDefaultAsync(ct);
            if (previousRead is { } previousId)
            {
                await CarryExplanationsForwardAsync(previousId, version.Id, issues, ct);
            }

            var after = ReturnWorkflow.To(ReturnAction.Upload, before);
            if (before != after)
            {
                await db.AuthorityReturns.Where(r => r.Id == returnId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, after), ct);
                db.Add(new ReturnTransition
                {
                    AuthorityReturnId = returnId,
                    Action = ReturnAction.Upload,
                    From = before,
                    To = after,
                    VersionNumber = version.Number,
                    By = command.UploadedBy,
                    At = clock.GetUtcNow(),
                });
            }

            audit.Add(AuditActions.Upload, authority.OnsCode, key,
                $"version {version.Number}: {file.FileName}, {file.Size:N0} bytes; {version.ErrorCount} errors, {version.QueryCount} queries", command.UploadedBy);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            // Debug: the request has its line, and the version its row; a line an upload made the demo's thousands of lines.
            log.LogDebug("Return {Authority} {Period} version {Version}: {Errors} errors, {Queries} queries, read in {Milliseconds:0} ms",
                authority.OnsCode, command.Period, version.Number, version.ErrorCount, version.QueryCount, version.ReadMilliseconds);
            return new Result(version.Number, version.ErrorCount, version.QueryCount, issues);
        }

        private Task RefusedAsync(Command command, string action, string detail, CancellationToken ct) =>
            audit.RecordAsync(action, command.OnsCode, command.Period.UrlSegment, detail, command.UploadedBy, ct);

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

                ReturnContent read;
                using (Telemetry.Step("read return"))
                {
                    read = ReturnReader.Read(spec, source);
                }

                using var validating = Telemetry.Step("validate return");
                var issues = ReturnValidator.Validate(read, context);
                var families = read.Table(ReturnSpecifications.Families)?.Rows.Count ?? 0;
                return new Reading(spec.Version, null, null, issues, new Dictionary<string, long>(read.Figures(context.Period)), families, read);
            }
            catch (SpreadsheetReadException ex)
            {
                return Rejected("Unreadable", ex.Message);
            }
        }

        private static Reading Rejected(string kind, string reason) => new(null, kind, reason, [], [], 0, null);

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
            using var span = Telemetry.Step("store issues");
            span?.SetTag("nr.issues", issues.Count);
            if (issues.Count == 0)
            {
                return;
            }

            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var writer = await connection.BeginBinaryImportAsync(
                "COPY return_issues (return_version_id, sequence, code, severity, sheet, cell, field, value, message, other_cells, count) FROM STDIN (FORMAT BINARY)", ct);
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
                await writer.WriteAsync(issue.Count, NpgsqlDbType.Integer, ct);
            }

            await writer.CompleteAsync(ct);
        }

        /// <summary>
        /// The table sheets' records, for the figures page: with COPY, as the issues are, because a county's return can
        /// have 50,000 families and inserting them row by row would be most of the upload's time.
        /// </summary>
        private async Task CopyRowsAsync(int versionId, ReturnContent content, CancellationToken ct)
        {
            using var span = Telemetry.Step("store rows");
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var writer = await connection.BeginBinaryImportAsync(
                "COPY version_rows (return_version_id, sheet, row_number, cells) FROM STDIN (FORMAT BINARY)", ct);
            var count = 0;
            foreach (var row in ReturnValues.Rows(content))
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(versionId, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(row.Sheet, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(row.RowNumber, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(row.Cells, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                count++;
            }

            await writer.CompleteAsync(ct);
            span?.SetTag("nr.rows", count);
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
