using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Profiler;

/// <summary>What the profiler's list shows, from the profiles in memory: the slowest, and the statements repeated most within one request.</summary>
public static class ShowProfiles
{
    public const int Shown = 50;

    /// <summary>A statement run more than once in a request: the most times in one, which request that was, how many requests repeated it.</summary>
    public sealed record Repeat(string Sql, int MostCalls, double MostMs, RequestProfiles.Profile Worst, int Requests);

    public sealed record Page(int Profiles, IReadOnlyList<RequestProfiles.Profile> Slowest, IReadOnlyList<Repeat> Repeats);

    public static Page Summarise(IReadOnlyList<RequestProfiles.Profile> recent)
    {
        var repeats = recent.SelectMany(p => p.Repeated().Select(r => (Profile: p, r.Sql, r.Calls, r.Ms)))
            .GroupBy(r => r.Sql, StringComparer.Ordinal)
            .Select(g =>
            {
                var worst = g.MaxBy(r => r.Calls);
                return new Repeat(g.Key, worst.Calls, worst.Ms, worst.Profile, g.Count());
            })
            .OrderByDescending(r => r.MostCalls).ThenByDescending(r => r.Requests).Take(Shown).ToList();
        return new Page(recent.Count, [.. recent.OrderByDescending(p => p.DurationMs).Take(Shown)], repeats);
    }
}
