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
                built += await store.BuildQuarterAsync(period, ct);
            }

            return $"{built} packs built for {string.Join(" and ", periods)} in {clock.GetElapsedTime(started).TotalSeconds:0.0} s";
        }
    }
}
