using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Returns;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure.Spreadsheets;

namespace NationalReturns.Web.Features.Returns;

/// <summary>Two versions of a return side by side, value by value, re-read from the files kept for good.</summary>
public static class CompareVersions
{
    public sealed record Model(string OnsCode, string AuthorityName, ReturnPeriod Period, int From, int To, IReadOnlyList<int> Versions, IReadOnlyList<ValueChange> Changes, string? Problem);

    public sealed class Handler(NationalReturnsDbContext db)
    {
        public async Task<Model?> HandleAsync(string onsCode, ReturnPeriod period, int? from, int? to, CancellationToken ct)
        {
            var key = period.UrlSegment;
            var versions = await db.ReturnVersions.AsNoTracking()
                .Where(v => v.AuthorityReturn.AuthorityCode == onsCode && v.AuthorityReturn.Period == key)
                .OrderBy(v => v.Number)
                .Select(v => new { v.Number, v.Outcome, v.TemplateVersion, v.UploadedFileId, Authority = v.AuthorityReturn.Authority.Name })
                .ToListAsync(ct);
            if (versions.Count == 0)
            {
                return null;
            }

            var newest = to ?? versions[^1].Number;
            var older = from ?? Math.Max(1, newest - 1);
            var a = versions.FirstOrDefault(v => v.Number == older);
            var b = versions.FirstOrDefault(v => v.Number == newest);
            var numbers = versions.Select(v => v.Number).ToList();
            if (a is null || b is null)
            {
                return new Model(onsCode, versions[0].Authority, period, older, newest, numbers, [], "Choose two versions this return has.");
            }

            if (a.Outcome != ReadOutcome.Read || b.Outcome != ReadOutcome.Read)
            {
                return new Model(onsCode, a.Authority, period, older, newest, numbers, [], "One of these versions could not be read, so there are no values to compare.");
            }

            var before = await ReadAsync(a.UploadedFileId, a.TemplateVersion, ct);
            var after = await ReadAsync(b.UploadedFileId, b.TemplateVersion, ct);
            return new Model(onsCode, a.Authority, period, older, newest, numbers, ReturnComparison.Compare(before, after), null);
        }

        private async Task<ReturnContent> ReadAsync(long fileId, string? templateVersion, CancellationToken ct)
        {
            var content = await db.UploadedFiles.Where(f => f.Id == fileId).Select(f => f.Content).SingleAsync(ct);
            using var stream = new MemoryStream(content, writable: false);
            using var workbook = XlsxWorkbook.Open(stream);
            return ReturnReader.Read(ReturnSpecifications.Find(templateVersion) ?? ReturnSpecifications.V2025_1, new XlsxWorkbookSource(workbook));
        }
    }
}
