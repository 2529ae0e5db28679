using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Periods;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Returns;

/// <summary>
/// A version's file exactly as it was uploaded: the bytes kept, under the name the uploader gave it (made safe to
/// save). Every download is audited.
/// </summary>
public static class DownloadOriginal
{
    public sealed record Result(string FileName, byte[] Content);

    public sealed class Handler(NationalReturnsDbContext db, AuditWriter audit)
    {
        /// <summary>Null when there is no such version.</summary>
        public async Task<Result?> HandleAsync(string onsCode, ReturnPeriod period, int number, CancellationToken ct)
        {
            var key = period.UrlSegment;
            var file = await db.ReturnVersions.AsNoTracking()
                .Where(v => v.AuthorityReturn.AuthorityCode == onsCode && v.AuthorityReturn.Period == key && v.Number == number)
                .Select(v => new { v.UploadedFile.FileName, v.UploadedFile.Content })
                .SingleOrDefaultAsync(ct);
            if (file is null)
            {
                return null;
            }

            var name = FileName(file.FileName);
            // Queued, not awaited to disk, as the other downloads' events are (ADR 11).
            await audit.RecordAsync(AuditActions.DownloadOriginal, onsCode, key, $"version {number}: {name}, {file.Content.LongLength:N0} bytes", ct);
            return new Result(name, file.Content);
        }

        /// <summary>
        /// The uploader's name for the file, with nothing a file system or a header could take for something else, and
        /// always ending .xlsx: the file is sent as a workbook whatever it was called.
        /// </summary>
        public static string FileName(string uploaded)
        {
            var invalid = Path.GetInvalidFileNameChars().Concat(['<', '>', ':', '"', '/', '\\', '|', '?', '*', ';']).ToHashSet();
            var name = new string(uploaded.Select(c => char.IsControl(c) || invalid.Contains(c) ? '_' : c).ToArray()).Trim(' ', '.');
            if (name.Length == 0)
            {
                name = "return";
            }

            if (!name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
            {
                name += ".xlsx";
            }

            return name.Length > 200 ? string.Concat(name.AsSpan(0, 195), ".xlsx") : name;
        }
    }
}
