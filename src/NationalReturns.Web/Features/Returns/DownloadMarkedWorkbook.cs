using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Returns;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Infrastructure.Spreadsheets;

namespace NationalReturns.Web.Features.Returns;

/// <summary>
/// The uploaded workbook with its issues marked (see <see cref="MarkedWorkbook"/>), built the first time
/// anyone asks for it and kept: every later download, from any instance, is the stored file. Two people
/// asking at once wait for one build. A file that cannot be marked in time gets its reason stored, so the
/// page can say why and offer the issues as CSV, and it is not tried again on every request.
/// </summary>
public static class DownloadMarkedWorkbook
{
    /// <summary>Long enough for the largest return the reader takes; short enough that a request never hangs.</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(30);

    /// <param name="Content">The workbook, or null when it could not be made.</param>
    /// <param name="Failure">Why it could not be made, in words for the person who asked.</param>
    public sealed record Result(string FileName, byte[]? Content, string? Failure);

    public sealed class Handler(NationalReturnsDbContext db, AuditLog audit, TimeProvider clock, ILogger<Handler> log)
    {
        /// <summary>Null when there is no such version, or it was never read (older rejected versions have no workbook); every answer otherwise is audited.</summary>
        public async Task<Result?> HandleAsync(string onsCode, ReturnPeriod period, int number, CancellationToken ct)
        {
            var result = await FindOrBuildAsync(onsCode, period, number, ct);
            if (result is not null)
            {
                await audit.RecordAsync(AuditActions.DownloadMarkedWorkbook, onsCode, period.UrlSegment, $"version {number}{(result.Content is null ? ": could not be made" : "")}", ct: ct);
            }

            return result;
        }

        private async Task<Result?> FindOrBuildAsync(string onsCode, ReturnPeriod period, int number, CancellationToken ct)
        {
            var key = period.UrlSegment;
            var version = await db.ReturnVersions.AsNoTracking()
                .Where(v => v.AuthorityReturn.AuthorityCode == onsCode && v.AuthorityReturn.Period == key && v.Number == number && v.Outcome == ReadOutcome.Read)
                .Select(v => new { v.Id, v.UploadedFile.FileName, v.TemplateVersion })
                .SingleOrDefaultAsync(ct);
            if (version is null)
            {
                return null;
            }

            var fileName = $"{Path.GetFileNameWithoutExtension(version.FileName)}-issues-v{number}.xlsx";
            if (await StoredAsync(version.Id, ct) is { } stored)
            {
                return new Result(fileName, stored.Content, stored.Failure);
            }

            // One build per version, whoever asks: the lock is held until this transaction ends.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(7, {version.Id})", ct);
            if (await StoredAsync(version.Id, ct) is { } built)
            {
                return new Result(fileName, built.Content, built.Failure);
            }

            var record = await BuildAsync(version.Id, number, version.FileName, version.TemplateVersion, period, ct);
            db.MarkedWorkbooks.Add(record);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new Result(fileName, record.Content, record.Failure);
        }

        private Task<MarkedWorkbookRecord?> StoredAsync(int versionId, CancellationToken ct) =>
            db.MarkedWorkbooks.AsNoTracking().SingleOrDefaultAsync(m => m.ReturnVersionId == versionId, ct);

        private async Task<MarkedWorkbookRecord> BuildAsync(int versionId, int number, string fileName, string? templateVersion, ReturnPeriod period, CancellationToken ct)
        {
            var content = await db.ReturnVersions.AsNoTracking().Where(v => v.Id == versionId).Select(v => v.UploadedFile.Content).SingleAsync(ct);
            var issues = await ShowVersion.AllIssues(db, versionId).ToListAsync(ct);
            var spec = ReturnSpecifications.Find(templateVersion) ?? ReturnSpecifications.ForPeriod(period);
            var timer = Stopwatch.StartNew();
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(TimeLimit);
            byte[]? workbook = null;
            string? failure = null;
            try
            {
                using var stream = new MemoryStream(content, writable: false);
                using var upload = XlsxWorkbook.Open(stream);
                workbook = MarkedWorkbook.Write(new XlsxWorkbookSource(upload), spec, issues, number, fileName, deadline.Token);
            }
            catch (SpreadsheetReadException ex)
            {
                failure = ex.Message;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                failure = $"Marking this file took longer than {TimeLimit.TotalSeconds:0} seconds, so it was stopped.";
            }

            timer.Stop();
            log.LogInformation("Marked workbook for version {VersionId}: {Outcome} in {Milliseconds:0} ms, {Bytes} bytes",
                versionId, failure is null ? "built" : "not built", timer.Elapsed.TotalMilliseconds, workbook?.Length ?? 0);
            return new MarkedWorkbookRecord
            {
                ReturnVersionId = versionId,
                Content = workbook,
                Failure = failure,
                BuiltAt = clock.GetUtcNow(),
                BuildMilliseconds = timer.Elapsed.TotalMilliseconds,
            };
        }
    }
}
