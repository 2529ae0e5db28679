namespace NationalReturns.Domain.Statistics;

public enum Polarity
{
    /// <summary>Lower values are better (for example children entering care).</summary>
    LowerIsBetter,

    HigherIsBetter,

    /// <summary>Neither: the comparison says higher or lower, not better or worse.</summary>
    None,
}

/// <summary>Rank 1 is the best by polarity (the highest where there is none); ties take the lower rank.</summary>
public static class Ranking
{
    public static IReadOnlyDictionary<string, int> Rank(IReadOnlyDictionary<string, double> values, Polarity polarity)
    {
        var ordered = polarity == Polarity.LowerIsBetter
            ? values.OrderBy(v => v.Value).ToList()
            : values.OrderByDescending(v => v.Value).ToList();
        var ranks = new Dictionary<string, int>();
        for (var i = 0; i < ordered.Count; i++)
        {
            ranks[ordered[i].Key] = i > 0 && ordered[i].Value == ordered[i - 1].Value ? ranks[ordered[i - 1].Key] : i + 1;
        }

        return ranks;
    }
}
