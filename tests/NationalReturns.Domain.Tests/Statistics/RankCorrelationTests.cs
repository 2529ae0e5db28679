using NationalReturns.Domain.Statistics;

namespace NationalReturns.Domain.Tests.Statistics;

/// <summary>
/// Spearman's rho worked by hand on small samples; Student's t against printed table values and the closed
/// forms for 1 and 2 degrees of freedom; the incomplete beta against its closed forms.
/// </summary>
public class RankCorrelationTests
{
    private const double Exact = 1e-12;

    /// <summary>t tables print critical values to three decimals, so p at the printed t is off by up to about 1e-4.</summary>
    private const double TableTolerance = 2e-4;

    // No ties, n = 5.
    // x = 7, 3, 9, 1, 5     -> ranks 4, 2, 5, 1, 3
    // y = 20, 40, 50, 10, 30 -> ranks 2, 4, 5, 1, 3
    // d = 2, -2, 0, 0, 0; Σd² = 8; rho = 1 - 6·8/(5·24) = 1 - 48/120 = 0.6.
    private static readonly double[] NoTiesX = [7, 3, 9, 1, 5];
    private static readonly double[] NoTiesY = [20, 40, 50, 10, 30];

    // With ties, n = 6.
    // x = 4, 2, 1, 4, 3, 2: sorted 1 | 2 2 | 3 | 4 4 take ranks 1 | 2,3 | 4 | 5,6, so the 2s get 2.5 and the 4s 5.5.
    // y = 5, 1, 2, 4, 3, 3: sorted 1 | 2 | 3 3 | 4 | 5 take ranks 1 | 2 | 3,4 | 5 | 6, so the 3s get 3.5.
    private static readonly double[] TiedX = [4, 2, 1, 4, 3, 2];
    private static readonly double[] TiedY = [5, 1, 2, 4, 3, 3];
    private static readonly double[] TiedXRanks = [5.5, 2.5, 1, 5.5, 4, 2.5];
    private static readonly double[] TiedYRanks = [6, 1, 2, 5, 3.5, 3.5];

    // No ties, n = 10 (x sorted: 5.2 8.7 12.4 17.5 19.8 22.3 27.9 31.0 35.6 40.1; y sorted: 0.8 1.9 2.4 3.3 3.9 4.6 5.2 6.1 7.4 8.0).
    // x ranks 3, 8, 2, 6, 10, 4, 7, 9, 1, 5
    // y ranks 2, 7, 1, 8, 9, 4, 10, 6, 3, 5
    // d = 1, 1, 1, -2, 1, 0, -3, 3, -2, 0; Σd² = 1+1+1+4+1+0+9+9+4+0 = 30; rho = 1 - 6·30/(10·99) = 1 - 180/990 = 9/11.
    private static readonly double[] TenX = [12.4, 31.0, 8.7, 22.3, 40.1, 17.5, 27.9, 35.6, 5.2, 19.8];
    private static readonly double[] TenY = [1.9, 5.2, 0.8, 6.1, 7.4, 3.3, 8.0, 4.6, 2.4, 3.9];

    private static readonly double[] Rising = [1, 2, 3, 4, 5];
    private static readonly double[] Squares = [1, 4, 9, 16, 25];
    private static readonly double[] Falling = [10, 8, 5, 1, -3];
    private static readonly double[] Constant = [7, 7, 7, 7, 7];
    private static readonly double[] TwoX = [1, 2];
    private static readonly double[] TwoY = [3, 5];
    private static readonly double[] FourValues = [1, 2, 3, 4];

    [Fact]
    public void AverageRanks_NoTies_GivesOneToNInValueOrder()
    {
        // Ranks of x = 7, 3, 9, 1, 5 by hand, as in the comment on NoTiesX.
        Assert.Equal([4.0, 2.0, 5.0, 1.0, 3.0], RankCorrelation.AverageRanks(NoTiesX));
    }

    [Fact]
    public void Spearman_NoTies_MatchesSixSumDSquaredFormula()
    {
        // Hand-worked in the comment on NoTiesX: d = 2, -2, 0, 0, 0, Σd² = 8, rho = 1 - 48/120 = 0.6.
        var result = RankCorrelation.Spearman(NoTiesX, NoTiesY);

        Assert.NotNull(result);
        Assert.Equal(5, result.N);
        Assert.Equal(0.6, result.Rho, Exact);
    }

    [Fact]
    public void AverageRanks_Ties_TakeTheMeanOfTheRanksTheySpan()
    {
        // Hand-worked in the comments on TiedX and TiedY; halves are exact in binary, so compare exactly.
        Assert.Equal(TiedXRanks, RankCorrelation.AverageRanks(TiedX));
        Assert.Equal(TiedYRanks, RankCorrelation.AverageRanks(TiedY));
    }

    [Fact]
    public void Spearman_Ties_MatchesPearsonOnTheAverageRanks()
    {
        // Pearson on the ranks by hand; both sets of ranks have mean 3.5.
        // dx = 2, -1, -2.5, 2, 0.5, -1     Σdx² = 4 + 1 + 6.25 + 4 + 0.25 + 1 = 16.5
        // dy = 2.5, -2.5, -1.5, 1.5, 0, 0   Σdy² = 6.25 + 6.25 + 2.25 + 2.25 + 0 + 0 = 17
        // Σdx·dy = 5 + 2.5 + 3.75 + 3 + 0 + 0 = 14.25
        // rho = 14.25 / √(16.5 × 17) = 14.25 / √280.5 ≈ 0.850841
        // The no-ties shortcut would give d = -0.5, 1.5, -1, 0.5, -0.5, 0.5 (in the order of the pairs above),
        // Σd² = 4.25, 1 - 6·4.25/210 ≈ 0.878571: wrong with ties, which is why rho is Pearson on the ranks.
        var result = RankCorrelation.Spearman(TiedX, TiedY);

        Assert.NotNull(result);
        Assert.Equal(14.25 / Math.Sqrt(280.5), result.Rho, Exact);
        Assert.Equal(0.850841, result.Rho, 1e-6);
        Assert.NotEqual(1 - (6 * 4.25 / 210), result.Rho, 1e-3);
    }

    [Theory]
    [InlineData(8, 2.306, 0.05)]
    [InlineData(8, 3.355, 0.01)]
    [InlineData(20, 2.086, 0.05)]
    [InlineData(1, 12.706, 0.05)]
    [InlineData(30, 2.750, 0.01)]
    public void TwoSidedP_PrintedTableCriticalValues_GiveTheTableLevel(double degreesOfFreedom, double t, double level)
    {
        // Two-tailed critical values from a printed t table (three decimals).
        Assert.Equal(level, StudentT.TwoSidedP(t, degreesOfFreedom), TableTolerance);
        Assert.Equal(level, StudentT.TwoSidedP(-t, degreesOfFreedom), TableTolerance);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(1.0)]
    [InlineData(-2.5)]
    [InlineData(40.0)]
    public void TwoSidedP_OneDegreeOfFreedom_MatchesTheCauchyClosedForm(double t)
    {
        // With df = 1, t is Cauchy: P(|T| ≥ |t|) = 1 - (2/π)·atan(|t|).
        Assert.Equal(1 - (2 / Math.PI * Math.Atan(Math.Abs(t))), StudentT.TwoSidedP(t, 1), Exact);
    }

    [Fact]
    public void TwoSidedP_OneDegreeOfFreedom_GivesTheExactCauchyValues()
    {
        // atan(1) = π/4, so p = 1 - 1/2; atan(√3) = π/3, so p = 1 - 2/3.
        Assert.Equal(0.5, StudentT.TwoSidedP(1, 1), Exact);
        Assert.Equal(1.0 / 3, StudentT.TwoSidedP(Math.Sqrt(3), 1), Exact);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.2)]
    [InlineData(2.0)]
    [InlineData(-7.0)]
    [InlineData(100.0)]
    public void TwoSidedP_TwoDegreesOfFreedom_MatchesTheClosedForm(double t)
    {
        // With df = 2 the t distribution function is closed-form: P(|T| ≥ |t|) = 1 - |t|/√(2 + t²).
        Assert.Equal(1 - (Math.Abs(t) / Math.Sqrt(2 + (t * t))), StudentT.TwoSidedP(t, 2), Exact);
    }

    [Fact]
    public void TwoSidedP_TwoDegreesOfFreedomAtTwo_IsOneMinusTwoOverRootSix()
    {
        // 1 - 2/√(2 + 4) = 1 - 2/√6 ≈ 0.183503.
        Assert.Equal(1 - (2 / Math.Sqrt(6)), StudentT.TwoSidedP(2, 2), Exact);
    }

    [Fact]
    public void TwoSidedP_InfiniteT_IsZero()
    {
        Assert.Equal(0, StudentT.TwoSidedP(double.PositiveInfinity, 5));
        Assert.Equal(0, StudentT.TwoSidedP(double.NegativeInfinity, 5));
    }

    [Fact]
    public void TwoSidedP_NoDegreesOfFreedom_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.TwoSidedP(1, 0));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    [InlineData(0.37)]
    [InlineData(0.5)]
    [InlineData(0.93)]
    [InlineData(1.0)]
    public void Regularised_OneOne_IsX(double x)
    {
        // Beta(1, 1) is uniform on [0, 1], so its distribution function is x.
        Assert.Equal(x, IncompleteBeta.Regularised(x, 1, 1), Exact);
    }

    [Theory]
    [InlineData(0.1, 0.5)]
    [InlineData(0.3, 2.5)]
    [InlineData(0.5, 7)]
    [InlineData(0.77, 3)]
    [InlineData(0.95, 30)]
    [InlineData(0.1, 30)]
    public void Regularised_BIsOne_IsXToTheA(double x, double a)
    {
        // I_x(a, 1) = a·∫₀ˣ t^(a-1) dt / 1 = x^a. Also checked relatively, as x^a can be tiny (0.1^30).
        var expected = Math.Pow(x, a);
        var actual = IncompleteBeta.Regularised(x, a, 1);

        Assert.Equal(expected, actual, Exact);
        Assert.Equal(1, actual / expected, Exact);
    }

    [Theory]
    [InlineData(0.1, 0.5)]
    [InlineData(0.3, 2.5)]
    [InlineData(0.5, 7)]
    [InlineData(0.77, 3)]
    [InlineData(0.95, 30)]
    public void Regularised_AIsOne_IsOneMinusOneMinusXToTheB(double x, double b)
    {
        // I_x(1, b) = b·∫₀ˣ (1-t)^(b-1) dt = 1 - (1-x)^b.
        Assert.Equal(1 - Math.Pow(1 - x, b), IncompleteBeta.Regularised(x, 1, b), Exact);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1)]
    [InlineData(2.5)]
    [InlineData(7)]
    [InlineData(30)]
    [InlineData(400)]
    public void Regularised_EqualShapesAtOneHalf_IsOneHalf(double a)
    {
        // Beta(a, a) is symmetric about 1/2.
        Assert.Equal(0.5, IncompleteBeta.Regularised(0.5, a, a), Exact);
    }

    [Fact]
    public void Spearman_PerfectlyIncreasing_GivesRhoOneAndPZero()
    {
        // Squares rise with x, so the ranks match exactly even though the relationship is not a line.
        var result = RankCorrelation.Spearman(Rising, Squares);

        Assert.NotNull(result);
        Assert.Equal(1, result.Rho);
        Assert.Equal(double.PositiveInfinity, result.TStatistic);
        Assert.Equal(0, result.PValue);
    }

    [Fact]
    public void Spearman_PerfectlyDecreasing_GivesRhoMinusOneAndPZero()
    {
        var result = RankCorrelation.Spearman(Rising, Falling);

        Assert.NotNull(result);
        Assert.Equal(-1, result.Rho);
        Assert.Equal(double.NegativeInfinity, result.TStatistic);
        Assert.Equal(0, result.PValue);
    }

    [Fact]
    public void Spearman_ConstantX_ReturnsNull()
    {
        Assert.Null(RankCorrelation.Spearman(Constant, Rising));
        Assert.Null(RankCorrelation.Spearman(Rising, Constant));
    }

    [Fact]
    public void Spearman_TwoPairs_ReturnsNull()
    {
        Assert.Null(RankCorrelation.Spearman(TwoX, TwoY));
    }

    [Fact]
    public void Spearman_DifferentLengths_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => RankCorrelation.Spearman(Rising, FourValues));
    }

    [Fact]
    public void AverageRanks_NaN_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => RankCorrelation.AverageRanks([1, double.NaN, 3]));
    }

    [Fact]
    public void Spearman_TenPairs_PValueIsStudentTOfTheHandWorkedT()
    {
        // rho = 9/11 by hand (comment on TenX). Then with n - 2 = 8 degrees of freedom:
        // 1 - rho² = 40/121, so t = (9/11)·√(8·121/40) = (9/11)·11·√0.2 = 9/√5 ≈ 4.024922.
        // p = 0.00381492: computed in python3 (standard library only) by Simpson's rule with 200,000 intervals on
        // the t density Γ(9/2)/(√(8π)·Γ(4))·(1 + u²/8)^(-9/2) over [0, t], p = 1 - 2∫; gave 0.0038149200825.
        var result = RankCorrelation.Spearman(TenX, TenY);

        Assert.NotNull(result);
        Assert.Equal(10, result.N);
        Assert.Equal(9.0 / 11, result.Rho, Exact);
        Assert.Equal(9 / Math.Sqrt(5), result.TStatistic, 1e-10);
        Assert.Equal(StudentT.TwoSidedP(9 / Math.Sqrt(5), 8), result.PValue, Exact);
        Assert.Equal(0.00381492, result.PValue, 1e-4);
        Assert.Equal(0.0038149200825, result.PValue, 1e-12);
    }
}
