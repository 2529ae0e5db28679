using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Periods;
using NationalReturns.Web.Data;

namespace NationalReturns.Web.Features.Returns;

/// <summary>An authority's return for a quarter: the template to download, the upload, and every version so far.</summary>
public static class ShowReturn
{
    public sealed record Model(string OnsCode, string AuthorityName, ReturnPeriod Period, ReturnStatus Status, IReadOnlyList<VersionLine> Versions)
    {
        public VersionLine? Latest => Versions.Count > 0 ? Versions[0] : null;
    }

    public sealed record VersionLine(int Number, ReadOutcome Outcome, string FileName, DateTimeOffset UploadedAt, string UploadedBy, int Errors, int Queries, int Explained);

    public sealed class Handler(NationalReturnsDbContext db)
    {
        public async Task<Model?> HandleAsync(string onsCode, ReturnPeriod period, CancellationToken ct)
        {
            var authority = await db.LocalAuthorities.AsNoTracking()
                .Where(a => a.OnsCode == onsCode && a.ValidTo == null)
                .Select(a => new { a.OnsCode, a.Name })
                .SingleOrDefaultAsync(ct);
            if (authority is null)
            {
                return null;
            }

            var key = period.UrlSegment;
            var status = await db.AuthorityReturns.AsNoTracking()
                .Where(r => r.AuthorityCode == onsCode && r.Period == key)
                .Select(r => (ReturnStatus?)r.Status)
                .SingleOrDefaultAsync(ct) ?? ReturnStatus.NotStarted;
            var versions = await db.ReturnVersions.AsNoTracking()
                .Where(v => v.AuthorityReturn.AuthorityCode == onsCode && v.AuthorityReturn.Period == key)
                .OrderByDescending(v => v.Number)
                .Select(v => new VersionLine(v.Number, v.Outcome, v.UploadedFile.FileName, v.CreatedAt, v.CreatedBy, v.ErrorCount, v.QueryCount,
                    v.Explanations.Count))
                .ToListAsync(ct);
            return new Model(authority.OnsCode, authority.Name, period, status, versions);
        }
    }
}
