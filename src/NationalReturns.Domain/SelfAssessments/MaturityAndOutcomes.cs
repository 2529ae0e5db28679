using System.Globalization;
using NationalReturns.Domain.Statistics;

namespace NationalReturns.Domain.SelfAssessments;

/// <summary>One authority on the scatter: its maturity index and its indicator value.</summary>
public sealed record ScatterPoint(string OnsCode, string Name, double Index, double Value);

/// <summary>Maturity set beside an outcome: the rank correlation and what it can and cannot be taken to mean.</summary>
public sealed record MaturityOutcomeComparison(IReadOnlyList<ScatterPoint> Points, RankCorrelationResult? Correlation, string Strength, string Reading);

/// <summary>
/// Spearman's rank correlation of maturity index against an indicator across authorities. Ranks, not
/// values, because the index is ordinal at heart and rates are skewed; the words are deliberately
/// cautious, because a correlation across areas says nothing about what caused what.
/// </summary>
public static class MaturityAndOutcomes
{
    public const double Significance = 0.05;

    public static MaturityOutcomeComparison Compare(IReadOnlyList<ScatterPoint> points, string indicatorTitle, Polarity polarity)
    {
        var correlation = points.Count >= 3 ? RankCorrelation.Spearman(points.Select(p => p.Index).ToList(), points.Select(p => p.Value).ToList()) : null;
        if (correlation is null)
        {
            return new MaturityOutcomeComparison(points, null, "cannot be calculated",
                "There are too few authorities with both a signed-off assessment and a figure (at least three are needed, not all the same) to calculate a correlation.");
        }

        var strength = Strength(correlation.Rho);
        var direction = correlation.Rho > 0 ? "higher" : "lower";
        var significant = correlation.PValue < Significance;
        var better = polarity switch
        {
            Polarity.LowerIsBetter => correlation.Rho < 0 ? " (lower is better for this indicator)" : " (lower is better for this indicator, so this is the wrong way round)",
            Polarity.HigherIsBetter => correlation.Rho > 0 ? " (higher is better for this indicator)" : " (higher is better for this indicator, so this is the wrong way round)",
            _ => "",
        };
        var reading = string.Create(CultureInfo.GetCultureInfo("en-GB"),
            $"Across {correlation.N} authorities, those rated more mature tend to have a {direction} figure for {indicatorTitle.ToLowerInvariant()}{better}: a {strength} relationship (Spearman's ρ = {correlation.Rho:0.00}, p {PText(correlation.PValue)}). ")
            + (significant
                ? "A relationship this strong would be unlikely by chance alone if there were none. "
                : "A relationship this weak could easily arise by chance, so it is no evidence of a link. ")
            + "Correlation is not causation: more mature areas may differ in deprivation, size or history, the index is a self-rating, and the indicator may move the maturity as much as the other way round. Use it to ask questions of areas, not to judge them.";
        return new MaturityOutcomeComparison(points, correlation, strength, reading);
    }

    /// <summary>Conventional bands for the size of a correlation, ignoring its sign.</summary>
    public static string Strength(double rho) => Math.Abs(rho) switch
    {
        < 0.1 => "negligible",
        < 0.3 => "weak",
        < 0.5 => "moderate",
        _ => "strong",
    };

    public static string PText(double p) => p < 0.001 ? "< 0.001" : "= " + p.ToString("0.000", CultureInfo.InvariantCulture);
}
