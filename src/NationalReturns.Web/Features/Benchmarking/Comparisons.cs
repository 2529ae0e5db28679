using NationalReturns.Domain.Indicators;
using NationalReturns.Domain.Statistics;

namespace NationalReturns.Web.Features.Benchmarking;

/// <summary>
/// How a comparison is shown: always as words, and as a colour that adds to them. Better and worse read as green
/// and red only where an indicator has a polarity; without one, higher and lower are two blues (Fingertips' way),
/// so nobody reads a rise in family work as good or bad.
/// </summary>
public static class Comparisons
{
    /// <summary>The CSS modifier for a stored comparison (nr-cmp--better and so on).</summary>
    public static string Css(string? significance) => significance switch
    {
        nameof(Significance.Better) or nameof(Significance.Best) => "nr-cmp--better",
        nameof(Significance.Worse) or nameof(Significance.Worst) => "nr-cmp--worse",
        nameof(Significance.Similar) => "nr-cmp--similar",
        nameof(Significance.Higher) => "nr-cmp--higher",
        nameof(Significance.Lower) => "nr-cmp--lower",
        _ => "nr-cmp--none",
    };

    /// <summary>The legend's entries for an indicator: better/similar/worse, or higher/similar/lower.</summary>
    public static IReadOnlyList<(string Significance, string Label)> Legend(Polarity polarity) => polarity == Polarity.None
        ? [(nameof(Significance.Higher), "Higher than England"), (nameof(Significance.Similar), "Similar to England"), (nameof(Significance.Lower), "Lower than England"), (nameof(Significance.NotCompared), "Not compared")]
        : [(nameof(Significance.Better), "Better than England"), (nameof(Significance.Similar), "Similar to England"), (nameof(Significance.Worse), "Worse than England"), (nameof(Significance.NotCompared), "Not compared")];

    public static string PolarityKey(Polarity polarity) => polarity switch
    {
        Polarity.HigherIsBetter => "higher-better",
        Polarity.LowerIsBetter => "lower-better",
        _ => "none",
    };

    /// <summary>"worse than England", "similar to England"…: for summary sentences.</summary>
    public static string Phrase(string significance, string benchmark = "England") => significance switch
    {
        nameof(Significance.Better) => $"better than {benchmark}",
        nameof(Significance.Best) => $"better than {benchmark} (at 99.8%)",
        nameof(Significance.Worse) => $"worse than {benchmark}",
        nameof(Significance.Worst) => $"worse than {benchmark} (at 99.8%)",
        nameof(Significance.Similar) => $"similar to {benchmark}",
        nameof(Significance.Higher) => $"higher than {benchmark}",
        nameof(Significance.Lower) => $"lower than {benchmark}",
        _ => $"not compared with {benchmark}",
    };

    /// <summary>"12 better than England, 80 similar to England, 40 worse than England": 99.8% counted with 95%.</summary>
    public static string Tally(IEnumerable<string> significances)
    {
        static string Merged(string s) => s switch
        {
            nameof(Significance.Best) => nameof(Significance.Better),
            nameof(Significance.Worst) => nameof(Significance.Worse),
            _ => s,
        };

        var order = new[] { nameof(Significance.Better), nameof(Significance.Higher), nameof(Significance.Similar), nameof(Significance.Worse), nameof(Significance.Lower), nameof(Significance.NotCompared) };
        var counts = significances.GroupBy(Merged).ToDictionary(g => g.Key, g => g.Count());
        var parts = order.Where(counts.ContainsKey).Select(k => $"{counts[k]} {Phrase(k)}").ToList();
        return parts.Count == 0 ? "none compared with England" : string.Join(", ", parts);
    }

    public static string Ordinal(int n) => (n % 100) switch
    {
        11 or 12 or 13 => $"{n}th",
        _ => (n % 10) switch { 1 => $"{n}st", 2 => $"{n}nd", 3 => $"{n}rd", _ => $"{n}th" },
    };

    /// <summary>Quartile 1 holds the lowest values; which end is better depends on the polarity.</summary>
    public static string Quartile(int? quartile, Polarity polarity) => quartile switch
    {
        null => "",
        1 => polarity == Polarity.None ? "Lowest quarter" : polarity == Polarity.LowerIsBetter ? "Lowest quarter (best)" : "Lowest quarter (worst)",
        4 => polarity == Polarity.None ? "Highest quarter" : polarity == Polarity.LowerIsBetter ? "Highest quarter (worst)" : "Highest quarter (best)",
        2 => "Second quarter",
        _ => "Third quarter",
    };
}
