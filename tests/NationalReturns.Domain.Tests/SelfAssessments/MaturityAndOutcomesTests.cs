using NationalReturns.Domain.SelfAssessments;
using NationalReturns.Domain.Statistics;

namespace NationalReturns.Domain.Tests.SelfAssessments;

public class MaturityAndOutcomesTests
{
    // Index ranks 1..5 and value ranks 5,4,3,1,2: d = 4,2,0,3,3 → Σd² = 16+4+0+9+9 = 38; ρ = 1 − 6·38/(5·24) = −0.9.
    private static readonly ScatterPoint[] Falling =
    [
        new("A", "A", 10, 50), new("B", "B", 20, 40), new("C", "C", 30, 30), new("D", "D", 40, 10), new("E", "E", 50, 20),
    ];

    [Fact]
    public void Compare_MoreMatureLowerRates_IsSpearmansRhoAndSaysLowerIsBetter()
    {
        var comparison = MaturityAndOutcomes.Compare(Falling, "Children starting to be looked after", Polarity.LowerIsBetter);

        Assert.Equal(-0.9, comparison.Correlation!.Rho, 1e-12);
        Assert.Equal(StudentT.TwoSidedP(comparison.Correlation.TStatistic, 3), comparison.Correlation.PValue, 1e-12);
        Assert.Equal("strong", comparison.Strength);
        Assert.Contains("tend to have a lower figure for children starting to be looked after (lower is better for this indicator)", comparison.Reading, StringComparison.Ordinal);
        Assert.Contains("Correlation is not causation", comparison.Reading, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_TooFewPoints_CannotBeCalculatedAndSaysWhy()
    {
        var comparison = MaturityAndOutcomes.Compare(Falling.Take(2).ToList(), "X", Polarity.None);

        Assert.Null(comparison.Correlation);
        Assert.Equal("cannot be calculated", comparison.Strength);
        Assert.Contains("at least three are needed", comparison.Reading, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.05, "negligible")]
    [InlineData(-0.2, "weak")]
    [InlineData(0.3, "moderate")]
    [InlineData(-0.49, "moderate")]
    [InlineData(0.5, "strong")]
    public void Strength_Rho_FallsInItsConventionalBand(double rho, string expected) =>
        Assert.Equal(expected, MaturityAndOutcomes.Strength(rho));

    [Theory]
    [InlineData(0.0004, "< 0.001")]
    [InlineData(0.0456, "= 0.046")]
    public void PText_PValue_IsShownToThreePlaces(double p, string expected) => Assert.Equal(expected, MaturityAndOutcomes.PText(p));
}
