using NationalReturns.Domain.Statistics;

namespace NationalReturns.Domain.SelfAssessments;

/// <summary>One area's (or dimension's) level, worked out from its descriptors' levels.</summary>
public sealed record AreaScore(string Code, string Name, int Level, double Mean, IReadOnlyList<KeyValuePair<string, int>> Descriptors);

/// <summary>An assessment's scores: each area's level, the maturity index (0-100) and the stage.</summary>
public sealed record MaturityScore(IReadOnlyList<AreaScore> Areas, double Index, int Stage)
{
    public AreaScore? Area(string code) => Areas.FirstOrDefault(a => a.Code == code);
}

/// <summary>
/// Our own scoring: the programme sets no national score. An area's level is the median of its
/// descriptors' levels, the lower of the middle two when their number is even, so an area only reaches a
/// level when at least half its descriptors have. The maturity index rescales the mean of the areas'
/// mean levels to 0-100, each area counting the same however many descriptors it has. The stage is the
/// median (lower middle) of every descriptor's level.
/// </summary>
public static class MaturityScoring
{
    public const string IndexFormula = "index = 100 × (m − 1) ÷ (L − 1), where m is the mean of the areas' mean descriptor levels and L is the number of levels";

    /// <summary>Scores a complete set of levels (descriptor code → rank); null when any descriptor has none.</summary>
    public static MaturityScore? Score(Framework framework, IReadOnlyDictionary<string, int> levels)
    {
        if (framework.Descriptors.Any(d => !levels.ContainsKey(d.Code)))
        {
            return null;
        }

        var areas = framework.Areas.Select(a =>
        {
            var ratings = a.Descriptors.Select(d => new KeyValuePair<string, int>(d.Code, levels[d.Code])).ToList();
            return new AreaScore(a.Code, a.Name, LowerMedian(ratings.Select(r => r.Value)), ratings.Average(r => r.Value), ratings);
        }).ToList();
        var index = Index(areas.Average(a => a.Mean), framework.Top);
        return new MaturityScore(areas, index, LowerMedian(framework.Descriptors.Select(d => levels[d.Code])));
    }

    public static double Index(double meanLevel, int levels) => 100.0 * (meanLevel - 1) / (levels - 1);

    /// <summary>The median of whole levels; the lower middle one when there is an even number.</summary>
    public static int LowerMedian(IEnumerable<int> levels)
    {
        var sorted = levels.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("The median of no levels is undefined.", nameof(levels));
        }

        return sorted[(sorted.Length - 1) / 2];
    }

    /// <summary>How many authorities sit at each level of an area (index 0 is level 1), from their scores.</summary>
    public static IReadOnlyList<int> Distribution(Framework framework, IEnumerable<MaturityScore> scores, string? areaCode)
    {
        var counts = new int[framework.Top];
        foreach (var score in scores)
        {
            var level = areaCode is null ? score.Stage : score.Area(areaCode)?.Level ?? 0;
            if (level >= 1 && level <= framework.Top)
            {
                counts[level - 1]++;
            }
        }

        return counts;
    }
}

/// <summary>Where an authority's index sits among itself and its statistical neighbours: 1 is the most mature.</summary>
public sealed record NeighbourPosition(int Rank, int Of, double? NeighbourMedian)
{
    /// <summary>Ranks the authority with whichever of its neighbours have a score; ties take the lower rank.</summary>
    public static NeighbourPosition? Among(string onsCode, IReadOnlyDictionary<string, double> indices, IEnumerable<string> neighbours)
    {
        if (!indices.TryGetValue(onsCode, out _))
        {
            return null;
        }

        var group = neighbours.Where(indices.ContainsKey).Distinct().Where(n => n != onsCode).ToList();
        var values = group.Append(onsCode).ToDictionary(c => c, c => indices[c]);
        var ranks = Ranking.Rank(values, Polarity.HigherIsBetter);
        return new NeighbourPosition(ranks[onsCode], values.Count, group.Count == 0 ? null : RobustSpread.Median(group.Select(g => indices[g]).ToArray()));
    }
}
