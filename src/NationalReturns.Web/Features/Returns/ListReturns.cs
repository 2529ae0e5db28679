using NationalReturns.Domain.Workflow;
using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Periods;
using NationalReturns.Web.Data;

namespace NationalReturns.Web.Features.Returns;

/// <summary>Every authority's return for a quarter, with where its latest upload stands.</summary>
public static class ListReturns
{
    public sealed record Model(ReturnPeriod Period, IReadOnlyList<ReturnPeriod> Quarters, IReadOnlyList<Line> Lines)
    {
        public int Uploaded => Lines.Count(l => l.Version is not null);
    }

    public sealed record Line(string OnsCode, string Name, string Region, ReturnStatus Status, int? Version, ReadOutcome? Outcome, int Errors, int Queries);

    public sealed class Handler(NationalReturnsDbContext db, TimeProvider clock)
    {
        public async Task<Model> HandleAsync(ReturnPeriod? requested, CancellationToken ct)
        {
            var latestComplete = ReturnPeriod.Containing(DateOnly.FromDateTime(clock.GetLocalNow().Date)).Previous;
            var period = requested ?? latestComplete;
            var key = period.UrlSegment;
            var returns = await db.AuthorityReturns.AsNoTracking()
                .Where(r => r.Period == key)
                .Select(r => new
                {
                    r.AuthorityCode,
                    r.Status,
                    Latest = r.Versions.OrderByDescending(v => v.Number).Select(v => new { v.Number, v.Outcome, v.ErrorCount, v.QueryCount }).FirstOrDefault(),
                })
                .ToDictionaryAsync(r => r.AuthorityCode, ct);
            var authorities = await db.LocalAuthorities.AsNoTracking()
                .Where(a => a.ValidTo == null)
                .OrderBy(a => a.Region.Name).ThenBy(a => a.Name)
                .Select(a => new { a.OnsCode, a.Name, Region = a.Region.Name })
                .ToListAsync(ct);
            var lines = authorities.Select(a =>
            {
                var r = returns.GetValueOrDefault(a.OnsCode);
                return new Line(a.OnsCode, a.Name, a.Region, r?.Status ?? ReturnStatus.NotStarted, r?.Latest?.Number, r?.Latest?.Outcome, r?.Latest?.ErrorCount ?? 0, r?.Latest?.QueryCount ?? 0);
            }).ToList();
            var quarters = Enumerable.Range(0, 4).Select(i => Enumerable.Range(0, i).Aggregate(latestComplete, (p, _) => p.Previous)).ToList();
            return new Model(period, quarters, lines);
        }
    }
}
