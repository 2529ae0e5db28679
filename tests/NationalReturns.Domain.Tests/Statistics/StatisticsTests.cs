using NationalReturns.Domain.Statistics;

namespace NationalReturns.Domain.Tests.Statistics;

/// <summary>Test values from PHEindicatormethods' Byar/Wilson test data and R's qchisq (../shared/notes/methods.md).</summary>
public class StatisticsTests
{
    private const double Tolerance = 2e-6; // the published values have six decimal places

    private static readonly string[] Keys = ["a", "b", "c", "d"];

    [Theory]
    [InlineData(65, 100, Confidence.Ninety5, 0.552544, 0.736358)]
    [InlineData(65, 100, Confidence.Ninety9Point8, 0.495495, 0.778354)]
    [InlineData(1045, 5000, Confidence.Ninety5, 0.197955, 0.220491)]
    [InlineData(1045, 5000, Confidence.Ninety9Point8, 0.191794, 0.227316)]
    public void Wilson_PublishedTestValues_Match(long x, long n, Confidence confidence, double lower, double upper)
    {
        var ci = ConfidenceIntervals.Wilson(x, n, confidence);

        Assert.Equal(lower, ci.Lower, Tolerance);
        Assert.Equal(upper, ci.Upper, Tolerance);
    }

    [Theory]
    [InlineData(65, Confidence.Ninety5, 50.163188, 82.849139)]
    [InlineData(65, Confidence.Ninety9Point8, 42.880261, 94.000291)]
    [InlineData(1045, Confidence.Ninety5, 982.593202, 1110.331213)]
    [InlineData(1045, Confidence.Ninety9Point8, 947.940704, 1148.806161)]
    [InlineData(10, Confidence.Ninety9Point8, 2.916318, 24.193725)]
    public void Byar_PublishedTestValues_Match(long x, Confidence confidence, double lower, double upper)
    {
        var ci = ConfidenceIntervals.Count(x, confidence);

        Assert.Equal(lower, ci.Lower, Tolerance);
        Assert.Equal(upper, ci.Upper, Tolerance);
    }

    [Theory]
    [InlineData(5, Confidence.Ninety5, 1.623486, 11.668332)]
    [InlineData(5, Confidence.Ninety9Point8, 0.739372, 16.454745)]
    public void ExactPoisson_BelowTenEvents_MatchesChiSquaredLimits(long x, Confidence confidence, double lower, double upper)
    {
        var ci = ConfidenceIntervals.Count(x, confidence);

        Assert.Equal(lower, ci.Lower, Tolerance);
        Assert.Equal(upper, ci.Upper, Tolerance);
    }

    [Fact]
    public void ExactPoisson_NoEvents_HasZeroLowerLimit()
    {
        var ci = ConfidenceIntervals.Count(0, Confidence.Ninety5);

        Assert.Equal(0, ci.Lower);
        Assert.Equal(3.688879, ci.Upper, Tolerance); // qchisq(0.975, 2) / 2
    }

    [Fact]
    public void Rate_LimitsOnTheCount_AreScaledToTheRate()
    {
        var ci = ConfidenceIntervals.Rate(65, 20_000, 10_000, Confidence.Ninety5);

        Assert.Equal(50.163188 / 2, ci.Lower, 4);
        Assert.Equal(82.849139 / 2, ci.Upper, 4);
    }

    [Fact]
    public void PercentileInc_PublishedExample_GivesTheQuintileAndQuartileCuts()
    {
        double[] values = [3, 5, 7, 8, 12, 13, 14, 18, 21];

        Assert.Equal([6.2, 8.8, 12.8, 15.6], Quantiles.Cuts(values, 5).Select(c => Math.Round(c, 6)));
        Assert.Equal([7.0, 12.0, 14.0], Quantiles.Cuts(values, 4));
        Assert.Equal(1, Quantiles.Group(3, Quantiles.Cuts(values, 4)));
        Assert.Equal(4, Quantiles.Group(21, Quantiles.Cuts(values, 4)));
    }

    [Fact]
    public void Rank_TiesTakeTheLowerRankAndPolarityDecidesWhichEndIsFirst()
    {
        var values = new Dictionary<string, double> { ["a"] = 10, ["b"] = 20, ["c"] = 20, ["d"] = 30 };

        var lowerBetter = Ranking.Rank(values, Polarity.LowerIsBetter);
        var higherBetter = Ranking.Rank(values, Polarity.HigherIsBetter);

        Assert.Equal([1, 2, 2, 4], Keys.Select(k => lowerBetter[k]));
        Assert.Equal([4, 2, 2, 1], Keys.Select(k => higherBetter[k]));
    }

    [Theory]
    [InlineData(60.0, Polarity.LowerIsBetter, Significance.Similar)]
    [InlineData(48.0, Polarity.LowerIsBetter, Significance.Worse)]   // benchmark below the 95% but inside the 99.8% limits
    [InlineData(40.0, Polarity.LowerIsBetter, Significance.Worst)]
    [InlineData(90.0, Polarity.LowerIsBetter, Significance.Better)]
    [InlineData(100.0, Polarity.LowerIsBetter, Significance.Best)]
    [InlineData(40.0, Polarity.HigherIsBetter, Significance.Best)]
    [InlineData(40.0, Polarity.None, Significance.Higher)]
    public void Compare_Method17_PlacesTheBenchmarkAgainstBothIntervals(double benchmark, Polarity polarity, Significance expected)
    {
        // 65 events: 95% 50.16–82.85, 99.8% 42.88–94.00.
        var ci95 = ConfidenceIntervals.Count(65, Confidence.Ninety5);
        var ci998 = ConfidenceIntervals.Count(65, Confidence.Ninety9Point8);

        Assert.Equal(expected, Benchmarking.Compare(65, ci95, ci998, benchmark, polarity));
    }

    [Fact]
    public void Trend_PublishedProportionExample_IsSignificantlyIncreasing()
    {
        TrendPoint[] series = [new(50, 1000), new(55, 1000), new(60, 1000), new(70, 1000), new(85, 1000)];

        var trend = Trend.ForProportion(series);

        Assert.Equal(TrendDirection.Increasing, trend.Direction);
        Assert.Equal(12.061, trend.ChiSquared!.Value, 3);
        Assert.False(trend.Improving(Polarity.LowerIsBetter));
    }

    [Fact]
    public void Trend_FlatOrShortSeries_SaysSoWithTheReason()
    {
        TrendPoint[] flat = [new(50, 1000), new(52, 1000), new(49, 1000), new(51, 1000), new(50, 1000)];
        TrendPoint[] short_ = [new(50, 1000), new(55, 1000)];

        Assert.Equal(TrendDirection.NoSignificantChange, Trend.ForRate(flat).Direction);
        var cannot = Trend.ForRate(short_);
        Assert.Equal(TrendDirection.CannotBeCalculated, cannot.Direction);
        Assert.Contains("needs 5", cannot.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Trend_SteadilyFallingRate_IsSignificantlyDecreasingAndImprovingWhenLowerIsBetter()
    {
        TrendPoint[] series = [new(500, 100_000), new(450, 100_000), new(400, 100_000), new(350, 100_000), new(300, 100_000)];

        var trend = Trend.ForRate(series);

        Assert.Equal(TrendDirection.Decreasing, trend.Direction);
        Assert.True(trend.Improving(Polarity.LowerIsBetter));
    }
}
