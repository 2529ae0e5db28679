using NationalReturns.Domain.Indicators;
using NationalReturns.Domain.Statistics;

namespace NationalReturns.Domain.Tests.Statistics;

public class BoxPlotTests
{
    [Fact]
    public void Of_TenValues_GivesExcelsPercentileIncQuartiles()
    {
        // Checked by hand with =QUARTILE.INC({1..10}, k) in Excel: 1, 3.25, 5.5, 7.75, 10.
        var box = BoxPlot.Of([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])!;

        Assert.Equal(1, box.Lowest);
        Assert.Equal(3.25, box.LowerQuartile, 10);
        Assert.Equal(5.5, box.Median, 10);
        Assert.Equal(7.75, box.UpperQuartile, 10);
        Assert.Equal(10, box.Highest);
        Assert.Equal(10, box.Authorities);
    }

    [Fact]
    public void Of_NonFiniteValues_AreLeftOut()
    {
        var box = BoxPlot.Of([double.NaN, 4, 2, double.PositiveInfinity, 8, 6, 10])!;

        Assert.Equal(5, box.Authorities);
        Assert.Equal(6, box.Median, 10);
    }

    [Fact]
    public void Of_TooFewValues_IsNull() => Assert.Null(BoxPlot.Of([1, 2, 3, 4]));

    [Fact]
    public void Family_EveryIndicator_HasOne()
    {
        var families = IndicatorCatalogue.All.Select(IndicatorFamilies.Of).ToList();

        Assert.Equal(IndicatorFamilies.All.Count, families.Distinct().Count());
        Assert.Equal(IndicatorFamily.YouthJustice, IndicatorFamilies.Of(IndicatorCatalogue.Find("YJ-FTE")!));
    }
}
