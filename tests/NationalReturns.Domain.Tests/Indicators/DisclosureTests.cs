using NationalReturns.Domain.Indicators;

namespace NationalReturns.Domain.Tests.Indicators;

/// <summary>
/// The disclosure check reasons in intervals; these tests hold it to brute force on small cases, and show the
/// corner where DfE's rounding alone gives a small count away.
/// </summary>
public class DisclosureTests
{
    private static readonly HashSet<string> None = [];

    [Theory]
    [InlineData(0, 0)]
    [InlineData(4, 0)]
    [InlineData(5, 10)]
    [InlineData(14, 10)]
    [InlineData(15, 20)]
    [InlineData(1_234_565, 1_234_570)]
    public void Round_ToTheNearestTen_HalvesAwayFromZero(long count, long shown)
    {
        Assert.Equal(shown, Disclosure.Round(count));
    }

    [Fact]
    public void WithheldTotals_RoundedTotalThatPinsASmallCount_WithholdsThatTotal()
    {
        // One c of 1 beside 13 shown: total 14 is shown as 10, so the c is at most 10 + 4 - 13 = 1. Rounding alone gives it away.
        Disclosure.Part[] parts =
        [
            new("A", "R1", 1, Hidden: true, 1, 4), new("B", "R1", 13, Hidden: false),
            new("C", "R2", 40, Hidden: false), new("D", "R2", 27, Hidden: false),
        ];

        Assert.NotNull(Disclosure.FirstPinned(parts, None, englandWithheld: false));

        var totals = Disclosure.WithheldTotals(parts);

        Assert.Contains("R1", totals.RegionsWithheld);
        Assert.Null(Disclosure.FirstPinned(parts, totals.RegionsWithheld, totals.EnglandWithheld));
    }

    [Fact]
    public void FirstPinned_AuthorityThatKnowsItsOwnCount_CouldPinAnother()
    {
        // 4 and 1 withheld beside 19: the total 24 shows as 20, so the pair is 2 to 5 and a reader cannot pin
        // either. But the first authority's staff know their 4, which leaves the other at most 1: pinned.
        Disclosure.Part[] parts =
        [
            new("A", "R1", 4, Hidden: true, 1, 4), new("B", "R1", 1, Hidden: true, 1, 4), new("C", "R1", 19, Hidden: false),
        ];

        Assert.Equal((1, 4), Disclosure.Bounds(parts, parts[1], known: null, None, englandWithheld: true));
        Assert.Equal((1, 1), Disclosure.Bounds(parts, parts[1], known: parts[0], None, englandWithheld: true));
        Assert.Equal("B", Disclosure.FirstPinned(parts, None, englandWithheld: true)?.Code);
    }

    [Fact]
    public void Bounds_SmallRandomTables_MatchEveryAssignmentTriedByBruteForce()
    {
        var random = new Random(20261130);
        for (var trial = 0; trial < 400; trial++)
        {
            var parts = new List<Disclosure.Part>();
            for (var i = 0; i < random.Next(3, 7); i++)
            {
                var hidden = i < 3 && random.Next(3) > 0;
                parts.Add(new($"P{i}", random.Next(2) == 0 ? "R1" : "R2", hidden ? random.Next(1, 5) : random.Next(0, 30), hidden, 1, 4));
            }

            var regionsWithheld = random.Next(3) == 0 ? new HashSet<string> { "R1" } : None;
            var englandWithheld = random.Next(3) == 0;
            var hiddenParts = parts.Where(p => p.Hidden).ToList();
            foreach (var known in hiddenParts.Select(h => (Disclosure.Part?)h).Prepend(null))
            {
                foreach (var target in hiddenParts.Where(h => h != known))
                {
                    var (low, high) = Disclosure.Bounds(parts, target, known, regionsWithheld, englandWithheld);
                    var (bruteLow, bruteHigh) = BruteForce(parts, target, known, regionsWithheld, englandWithheld);

                    Assert.True((bruteLow, bruteHigh) == (low, high), $"trial {trial}: intervals say {low}..{high}, every assignment says {bruteLow}..{bruteHigh}");
                }
            }
        }
    }

    /// <summary>Every assignment of 1 to 4 to the unknown parts that agrees with the shown totals; the range of the target's values.</summary>
    private static (long Low, long High) BruteForce(List<Disclosure.Part> parts, Disclosure.Part target, Disclosure.Part? known, HashSet<string> regionsWithheld, bool englandWithheld)
    {
        var unknown = parts.Where(p => p.Hidden && p != known).ToList();
        long low = long.MaxValue, high = long.MinValue;
        var values = new long[unknown.Count];
        void Try(int index)
        {
            if (index == unknown.Count)
            {
                long Sum(IEnumerable<Disclosure.Part> members) => members.Sum(p => unknown.Contains(p) ? values[unknown.IndexOf(p)] : p.Value);
                bool Fits(IEnumerable<Disclosure.Part> members) => Disclosure.Round(Sum(members)) == Disclosure.Round(members.Sum(p => p.Value));
                var regionsFit = parts.Select(p => p.RegionCode).Distinct().Where(r => !regionsWithheld.Contains(r)).All(r => Fits(parts.Where(p => p.RegionCode == r)));
                if (regionsFit && (englandWithheld || Fits(parts)))
                {
                    var value = values[unknown.IndexOf(target)];
                    low = Math.Min(low, value);
                    high = Math.Max(high, value);
                }

                return;
            }

            for (var v = 1; v <= 4; v++)
            {
                values[index] = v;
                Try(index + 1);
            }
        }

        Try(0);
        return (low, high);
    }
}
