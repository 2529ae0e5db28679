using NationalReturns.Domain.Statistics;

namespace NationalReturns.Domain.Tests.Statistics;

/// <summary>Funnel-plot control limits and spine-chart scaling against values worked out by hand (see docs/indicator-methodology.md).</summary>
public class FunnelAndSpineTests
{
    [Theory]
    // Whole expected counts: the exact Poisson confidence limits (PHEindicatormethods, checked with R's qchisq).
    [InlineData(5.0, Confidence.Ninety5, 1.623486, 11.668332)]
    [InlineData(5.0, Confidence.Ninety9Point8, 0.739372, 16.454745)]
    // 2.5 expected: qchisq(0.025, 5) / 2 = 0.831211 / 2 and qchisq(0.975, 7) / 2 = 16.012764 / 2.
    [InlineData(2.5, Confidence.Ninety5, 0.415606, 8.006382)]
    [InlineData(0.0, Confidence.Ninety5, 0.0, 3.688879)]
    public void Count_ExpectedCount_AreTheChiSquaredLimits(double expected, Confidence confidence, double lower, double upper)
    {
        var limits = FunnelLimits.Count(expected, confidence);

        // The published figures have six decimals: agree within half a unit in the sixth place (and a rounding).
        Assert.Equal(lower, limits.Lower, 0.000001);
        Assert.Equal(upper, limits.Upper, 0.000001);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(25)]
    public void Count_WholeExpectedCount_AgreesWithTheExactConfidenceLimitsFoundAnotherWay(long events)
    {
        // Two independent routes (the gamma quantile here, bisection on the Poisson distribution there) must meet.
        foreach (var confidence in new[] { Confidence.Ninety5, Confidence.Ninety9Point8 })
        {
            var gamma = FunnelLimits.Count(events, confidence);
            var poisson = ConfidenceIntervals.ExactPoisson(events, confidence);
            Assert.Equal(poisson.Lower, gamma.Lower, 6);
            Assert.Equal(poisson.Upper, gamma.Upper, 6);
        }
    }

    [Fact]
    public void Rate_EnglandsRate_IsTheCountLimitsOverTheDenominator()
    {
        // 50 per 10,000 over 1,000 children expects 5 events: the limits are 5's, per 10,000.
        var limits = FunnelLimits.Rate(50, 1_000, 10_000, Confidence.Ninety5);

        Assert.Equal(16.23486, limits.Lower, 4);
        Assert.Equal(116.68332, limits.Upper, 4);
    }

    [Fact]
    public void Proportion_EnglandsProportion_AreWilsonLimitsAroundTheExpectedCount()
    {
        // 65% of 100 expects 65: the limits are Wilson's for 65/100 (PHEindicatormethods' test data).
        var limits95 = FunnelLimits.Proportion(0.65, 100, Confidence.Ninety5);
        var limits998 = FunnelLimits.Proportion(0.65, 100, Confidence.Ninety9Point8);

        Assert.Equal(0.552544, limits95.Lower, 6);
        Assert.Equal(0.736358, limits95.Upper, 6);
        Assert.Equal(0.495495, limits998.Lower, 6);
        Assert.Equal(0.778354, limits998.Upper, 6);
    }

    [Fact]
    public void Limits_BiggerDenominators_Narrow()
    {
        var small = FunnelLimits.Rate(30, 5_000, 10_000, Confidence.Ninety9Point8);
        var large = FunnelLimits.Rate(30, 500_000, 10_000, Confidence.Ninety9Point8);

        Assert.True(large.Upper - large.Lower < (small.Upper - small.Lower) / 5);
        Assert.True(large.Contains(30) && small.Contains(30));
    }

    [Theory]
    [InlineData(30.0, Polarity.LowerIsBetter, Significance.Similar)]
    [InlineData(36.0, Polarity.LowerIsBetter, Significance.Worse)]
    [InlineData(45.0, Polarity.LowerIsBetter, Significance.Worst)]
    [InlineData(24.0, Polarity.LowerIsBetter, Significance.Better)]
    [InlineData(45.0, Polarity.HigherIsBetter, Significance.Best)]
    [InlineData(45.0, Polarity.None, Significance.Higher)]
    [InlineData(double.NaN, Polarity.None, Significance.NotCompared)]
    public void Judge_ValueAgainstLimits_IsSimilarInsideThenBetterOrWorseThenBestOrWorst(double value, Polarity polarity, Significance expected) =>
        Assert.Equal(expected, FunnelLimits.Judge(value, new Interval(25, 35), new Interval(20, 40), polarity));

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Count_ImpossibleExpectedCount_Throws(double expected) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FunnelLimits.Count(expected, Confidence.Ninety5));

    [Fact]
    public void CurveDenominators_SpanTheAuthoritiesAndIncludeEach()
    {
        var curve = FunnelLimits.CurveDenominators([1_000, 50_000, 200_000, double.NaN, 0]);

        Assert.True(curve[0] < 1_000 && curve[^1] > 200_000);
        Assert.Contains(50_000.0, curve);
        Assert.Equal(curve.Order().ToList(), curve);
    }

    private static readonly double[] HandExample = [3, 5, 7, 8, 12, 13, 14, 18, 21];

    [Fact]
    public void Spine_HigherIsBetter_EnglandInTheMiddleAndTheFurthestEndAtTheEdge()
    {
        // Quartiles 7 and 14 (PERCENTILE.INC), range 3 to 21, England 10: half-width max(7, 11) = 11.
        var row = SpineChart.Row(HandExample, 9, 10, Polarity.HigherIsBetter, area: 18, region: 12)!;

        Assert.Equal(4.0 / 22, row.Worst, 9);
        Assert.Equal(8.0 / 22, row.Q25, 9);
        Assert.Equal(15.0 / 22, row.Q75, 9);
        Assert.Equal(1.0, row.Best, 9);
        Assert.Equal(19.0 / 22, row.Area!.Value, 9);
        Assert.Equal(13.0 / 22, row.Region!.Value, 9);
        Assert.Equal((3.0, 7.0, 14.0, 21.0), (row.WorstValue, row.Q25Value, row.Q75Value, row.BestValue));
    }

    [Fact]
    public void Spine_LowerIsBetter_BestIsOnTheRight()
    {
        var row = SpineChart.Row(HandExample, 9, 10, Polarity.LowerIsBetter, area: 18, region: null)!;

        Assert.Equal((21.0, 14.0, 7.0, 3.0), (row.WorstValue, row.Q25Value, row.Q75Value, row.BestValue));
        Assert.Equal(0.0, row.Worst, 9);
        Assert.Equal(1 - (15.0 / 22), row.Q25, 9);
        Assert.Equal(1 - (8.0 / 22), row.Q75, 9);
        Assert.Equal(1 - (4.0 / 22), row.Best, 9);
        Assert.Equal(1 - (19.0 / 22), row.Area!.Value, 9);
        Assert.Null(row.Region);
    }

    [Fact]
    public void Spine_AQuarterOfAuthoritiesMissing_IsLeftOff()
    {
        Assert.NotNull(SpineChart.Row(HandExample, 11, 10, Polarity.None, null, null));
        Assert.Null(SpineChart.Row(HandExample, 12, 10, Polarity.None, null, null));
        Assert.Null(SpineChart.Row(HandExample, 9, null, Polarity.None, null, null));
    }
}
