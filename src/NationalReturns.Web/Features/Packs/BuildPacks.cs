using NationalReturns.Domain.Indicators;
using NationalReturns.Domain.Periods;
using NationalReturns.Web.Features.Benchmarking;

namespace NationalReturns.Web.Features.Packs;

/// <summary>
/// The scheduled job's work (every ten minutes, <c>packs</c>): every pack for the quarter the views open on, and
/// the latest quarter when that is another, brought up to date with the figures. Packs already current are left
/// as they are, so a run after nothing was published costs a list query per quarter.
/// </summary>
public static class BuildPacks
{
    public sealed class Handler(BenchmarkingData data, PackStore store, TimeProvider clock)
    {
        public async Task<string> HandleAsync(CancellationToken ct)
        {
            var snapshot = await data.GetAsync(ct);
            var periods = new[] { snapshot.Opening, snapshot.Periods.Count > 0 ? snapshot.Periods[^1] : null }.OfType<ReturnPeriod>().Distinct().ToList();
            var started = clock.GetTimestamp();
            var built = 0;
            foreach (var period in periods)
            {
                built += await BuildAsync(snapshot, period, ct);
            }

            return $"{built} packs built for {string.Join(" and ", periods)} in {clock.GetElapsedTime(started).TotalSeconds:0.0} s";
        }

        /// <summary>Every pack for one quarter that is not current: areas, regions, England, then the areas' ZIP.</summary>
        public async Task<int> BuildAsync(BenchmarkingSnapshot snapshot, ReturnPeriod period, CancellationToken ct)
        {
            var current = await store.ListAsync(period, ct);
            var wanted = snapshot.Authorities.Values.Where(a => a.Current).Select(a => ("area", a.Code))
                .Concat(snapshot.Regions.Keys.Select(r => ("region", r)))
                .Append(("england", IndicatorTable.EnglandCode))
                .Append((DownloadPack.AreasZip, IndicatorTable.EnglandCode))
                .Where(p => !current.ContainsKey(p))
                .ToList();
            foreach (var (kind, code) in wanted)
            {
                await store.CurrentAsync(kind, code, period, ct);
            }

            return wanted.Count;
        }
    }
}
