using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;

namespace NationalReturns.Web.Features.Returns;

/// <summary>
/// Publishing a quarter cannot be undone (a published return changes only by reopening it as a revision) and
/// releases its figures to officials, so the national team first sees what will be published and what will not.
/// </summary>
public static class PublishQuarter
{
    public sealed record Model(ReturnPeriod Period, IReadOnlyList<string> ToPublish, int AlreadyPublished, int Authorities, IReadOnlyList<(ReturnStatus Status, int Count)> Missing)
    {
        /// <summary>Authorities whose figures will not be in the quarter after this publication.</summary>
        public int MissingCount => Missing.Sum(m => m.Count);

        /// <summary>Set when the page is shown again because the accepted returns changed after it was opened.</summary>
        public string? Error { get; init; }
    }

    public sealed class Handler(NationalReturnsDbContext db)
    {
        public async Task<Model> HandleAsync(ReturnPeriod period, CancellationToken ct)
        {
            var key = period.UrlSegment;
            var authorities = await db.LocalAuthorities.AsNoTracking().Where(a => a.ValidTo == null).Select(a => new { a.OnsCode, a.Name }).ToListAsync(ct);
            var statuses = await db.AuthorityReturns.AsNoTracking().Where(r => r.Period == key).ToDictionaryAsync(r => r.AuthorityCode, r => r.Status, ct);
            var lines = authorities.Select(a => (a.Name, Status: statuses.GetValueOrDefault(a.OnsCode, ReturnStatus.NotStarted))).ToList();
            var toPublish = lines.Where(l => l.Status == ReturnStatus.Accepted).Select(l => l.Name).Order(StringComparer.Ordinal).ToList();
            var missing = lines.Where(l => l.Status is not (ReturnStatus.Accepted or ReturnStatus.Published))
                .GroupBy(l => l.Status).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())).ToList();
            return new Model(period, toPublish, lines.Count(l => l.Status == ReturnStatus.Published), lines.Count, missing);
        }
    }
}
