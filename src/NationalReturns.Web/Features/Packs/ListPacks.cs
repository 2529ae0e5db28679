using System.Security.Claims;
using NationalReturns.Domain.Indicators;
using NationalReturns.Domain.Periods;
using NationalReturns.Web.Features.Benchmarking;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Packs;

/// <summary>The packs a person may download for a quarter, with each one's size and when it was built, if it has been.</summary>
public static class ListPacks
{
    public sealed record Entry(string Name, string Href, string Kind, int? Size, DateTimeOffset? BuiltAt);

    public sealed record Model(ReturnPeriod Period, IReadOnlyList<ReturnPeriod> Periods, bool Provisional, Coverage Coverage,
        IReadOnlyList<Entry> National, IReadOnlyList<Entry> Regions, IReadOnlyList<Entry> Areas);

    public sealed class Handler(BenchmarkingData data, PackStore store)
    {
        public async Task<Model?> HandleAsync(ReturnPeriod? asked, ClaimsPrincipal user, CancellationToken ct)
        {
            var snapshot = await data.GetAsync(ct);
            if ((asked ?? snapshot.Opening) is not { } period || !snapshot.Periods.Contains(period))
            {
                return null;
            }

            var built = await store.ListAsync(period, ct);
            var q = $"?period={period.UrlSegment}";
            Entry Of(string name, string href, string kind, string code) =>
                built.TryGetValue((kind, code), out var b) ? new(name, href + q, kind, b.Size, b.BuiltAt) : new(name, href + q, kind, null, null);

            var national = AuthorityAccess.SeesNationalFigures(user);
            var own = AuthorityAccess.StaffAuthority(user);
            var areas = snapshot.Authorities.Values.Where(a => a.Current && (national || a.Code == own)).OrderBy(a => a.Name, StringComparer.Ordinal)
                .Select(a => Of(a.Name, $"/packs/areas/{a.Code}.xlsx", "area", a.Code)).ToList();
            IReadOnlyList<Entry> nationalPacks = national
                ? [Of("England", "/packs/england.xlsx", "england", IndicatorTable.EnglandCode), Of($"Every area's pack ({areas.Count} workbooks)", "/packs/areas.zip", DownloadPack.AreasZip, IndicatorTable.EnglandCode)]
                : [];
            var regions = national
                ? snapshot.Regions.OrderBy(r => r.Value, StringComparer.Ordinal).Select(r => Of(r.Value, $"/packs/regions/{r.Key}.xlsx", "region", r.Key)).ToList()
                : [];
            return new Model(period, snapshot.Periods, snapshot.IsProvisional(period), snapshot.CoverageOf(period), nationalPacks, regions, areas);
        }
    }
}
