using NationalReturns.Domain.Indicators;
using NationalReturns.Domain.Statistics;

namespace NationalReturns.Domain.Tests.Statistics;

/// <summary>
/// What the statistics cannot handle is turned away where figures become statistics: a missing value (x),
/// never a NaN, an infinity or an upside-down interval on a page or in a download.
/// </summary>
public class StatisticsGuardTests
{
    private static readonly IndicatorDefinition Rate = IndicatorCatalogue.Find("CARE-CLA")!;
    private static readonly IndicatorDefinition Proportion = IndicatorCatalogue.Find("EH-OUTCOMES")!;

    public static TheoryData<string, long, double> Unusable => new()
    {
        { "CARE-CLA", 10, double.NaN },
        { "CARE-CLA", 10, double.PositiveInfinity },
        { "CARE-CLA", 10, double.NegativeInfinity },
        { "CARE-CLA", 10, 0 },
        { "CARE-CLA", 10, -5 },
        { "CARE-CLA", -3, 10_000 },
        { "EH-OUTCOMES", 12, 10 },
        { "EH-OUTCOMES", 3, 10.5 },
        { "EH-OUTCOMES", -1, 10 },
        { "EH-OUTCOMES", 3, double.NaN },
    };

    [Theory]
    [MemberData(nameof(Unusable))]
    public void FromCounts_FiguresTheMethodsCannotUse_AreMissingNotNaN(string indicator, long numerator, double denominator)
    {
        var value = IndicatorCalculator.FromCounts(IndicatorCatalogue.Find(indicator)!, numerator, denominator);

        Assert.Equal(ValueSymbol.NotAvailable, value.Symbol);
        Assert.Null(value.Value);
        Assert.Null(value.Ci95);
    }

    [Fact]
    public void FromCounts_UsableFigures_GiveOrderedFiniteIntervals()
    {
        foreach (var (indicator, numerator, denominator) in new[] { (Rate, 0L, 5_000d), (Rate, 7L, 5_000d), (Proportion, 0L, 9d), (Proportion, 9L, 9d) })
        {
            var value = IndicatorCalculator.FromCounts(indicator, numerator, denominator);

            Assert.True(double.IsFinite(value.Value!.Value));
            Assert.True(value.Ci95!.Value.Lower <= value.Value && value.Value <= value.Ci95.Value.Upper);
            Assert.True(double.IsFinite(value.Ci998!.Value.Lower) && double.IsFinite(value.Ci998.Value.Upper));
        }
    }

    [Fact]
    public void Pool_AreaWithANaNDenominator_IsLeftOut()
    {
        var areas = new[] { IndicatorCalculator.FromCounts(Rate, 10, 1_000), new IndicatorValue(5, double.NaN, null, null, null, ValueSymbol.None) };

        var (value, included, of) = IndicatorCalculator.Pool(Rate, areas);

        Assert.Equal((1, 2), (included, of));
        Assert.Equal(100, value.Value);
    }

    [Fact]
    public void Intervals_ImpossibleInputs_AreRefusedRatherThanGuessed()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfidenceIntervals.Count(-1, Confidence.Ninety5));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfidenceIntervals.Byar(-20, Confidence.Ninety5));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfidenceIntervals.Rate(5, double.NaN, 1_000, Confidence.Ninety5));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfidenceIntervals.Wilson(11, 10, Confidence.Ninety5));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfidenceIntervals.Wilson(1, 0, Confidence.Ninety5));
    }

    [Fact]
    public void Trend_APointWithANaNOrInfiniteDenominator_CannotBeCalculated()
    {
        TrendPoint[] rising = [new(10, 1_000), new(20, 1_000), new(30, double.NaN), new(40, 1_000), new(50, 1_000)];
        TrendPoint[] infinite = [new(10, 1_000), new(20, 1_000), new(30, double.PositiveInfinity), new(40, 1_000), new(50, 1_000)];

        Assert.Equal(TrendDirection.CannotBeCalculated, Trend.ForRate(rising).Direction);
        Assert.Equal(TrendDirection.CannotBeCalculated, Trend.ForRate(infinite).Direction);
        Assert.Equal(TrendDirection.CannotBeCalculated, Trend.ForProportion(rising).Direction);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Shown_NonFiniteValue_IsNothingToShow(double value)
    {
        Assert.Null(IndicatorCalculator.Shown(value));
    }
}
