using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Returns;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Published;

/// <summary>
/// Each authority's published figures for a quarter, from the version the national team published.
/// Nothing unpublished appears; a return published again after reopening is marked R (revised).
/// </summary>
public static class ListPublishedFigures
{
    /// <summary>The figures shown, in order: (key, heading).</summary>
    public static readonly IReadOnlyList<(string Key, string Heading)> Columns =
    [
        ("care.starts", "Started to be looked after"),
        ("care.cla_end", "Looked after at quarter end"),
        ("care.cpp_end", "Child protection plans at quarter end"),
        ("yj.first_time_entrants", "First-time entrants"),
        ("hl.ta_children_end", "Households with children in temporary accommodation"),
        (ReturnFigures.FamiliesWorkedWith, "Families worked with"),
    ];

    public sealed record Model(ReturnPeriod Period, IReadOnlyList<ReturnPeriod> Quarters, IReadOnlyList<Line> Lines)
    {
        public int Published => Lines.Count(l => l.Figures is not null);
    }

    public sealed record Line(string OnsCode, string Name, string Region, IReadOnlyDictionary<string, long>? Figures, bool Revised, DateTimeOffset? PublishedAt);

    public sealed class Handler(NationalReturnsDbContext db, CollectionWindows windows)
    {
        public async Task<Model> HandleAsync(ReturnPeriod? requested, CancellationToken ct)
        {
            var period = requested ?? windows.Current;
            var key = period.UrlSegment;
            var published = await (from r in db.AuthorityReturns.AsNoTracking()
                                   join v in db.ReturnVersions on r.PublishedVersionId equals v.Id
                                   where r.Period == key && r.PublishedVersionId != null
                                   select new { r.AuthorityCode, v.Figures, r.Revision, r.PublishedAt }).ToDictionaryAsync(x => x.AuthorityCode, ct);
            var authorities = await db.LocalAuthorities.AsNoTracking().Where(a => a.ValidTo == null)
                .OrderBy(a => a.Region.Name).ThenBy(a => a.Name)
                .Select(a => new { a.OnsCode, a.Name, Region = a.Region.Name }).ToListAsync(ct);
            var lines = authorities.Select(a => published.TryGetValue(a.OnsCode, out var p)
                ? new Line(a.OnsCode, a.Name, a.Region, p.Figures, p.Revision > 0, p.PublishedAt)
                : new Line(a.OnsCode, a.Name, a.Region, null, false, null)).ToList();
            var quarters = windows.Current.AndPrevious(4);
            return new Model(period, quarters, lines);
        }
    }
}
