using NationalReturns.Domain.Indicators;
using NationalReturns.Domain.Returns;

namespace NationalReturns.Domain.Tests.Statistics;

public class IndicatorCalculatorTests
{
    private static readonly AreaDenominators Denominators = new(20_000, 9_000, 2_000, 50_000);

    private static Dictionary<string, long> Quarter(string key, long value) => new() { [key] = value };

    [Fact]
    public void Catalogue_HasTheTwelveIndicatorsEachWithDefinitionUnitAndDenominator()
    {
        Assert.Equal(["CARE-START", "CARE-CLA", "CARE-CPP", "YJ-FTE", "YJ-CUSTODY", "YJ-IN-CUSTODY", "HL-PREVENTION", "HL-RELIEF", "HL-TA-CHILDREN", "HL-16-17", "EH-REACH", "EH-OUTCOMES"],
            IndicatorCatalogue.All.Select(i => i.Id));
        Assert.All(IndicatorCatalogue.All, i => Assert.False(string.IsNullOrWhiteSpace(i.Definition + i.Unit + i.Denominator.Description)));
    }

    [Fact]
    public void Compute_RollingFourQuarters_SumsTheFourAndDividesByTheChildren()
    {
        var indicator = IndicatorCatalogue.Find("CARE-START")!;
        IReadOnlyDictionary<string, long>?[] quarters = [Quarter("care.starts", 20), Quarter("care.starts", 15), Quarter("care.starts", 18), Quarter("care.starts", 12), Quarter("care.starts", 99)];

        var value = IndicatorCalculator.Compute(indicator, quarters, Denominators);

        Assert.Equal(65, value.Numerator);
        Assert.Equal(32.5, value.Value!.Value, 9); // 65 / 20,000 × 10,000
        Assert.Equal(50.163188 / 2, value.Ci95!.Value.Lower, 5);
        Assert.Equal(ValueSymbol.None, value.Symbol);
    }

    [Fact]
    public void Compute_RollingWithAQuarterMissing_IsNotAvailable()
    {
        var indicator = IndicatorCatalogue.Find("CARE-START")!;
        IReadOnlyDictionary<string, long>?[] quarters = [Quarter("care.starts", 20), null, Quarter("care.starts", 18), Quarter("care.starts", 12)];

        Assert.Equal("x", IndicatorCalculator.Compute(indicator, quarters, Denominators).SymbolText);
    }

    [Fact]
    public void Compute_OutcomesProportion_UsesFamiliesWorkedWithAndWilson()
    {
        var indicator = IndicatorCatalogue.Find("EH-OUTCOMES")!;
        var quarter = new Dictionary<string, long> { [ReturnFigures.FamiliesOutcomeAchieved] = 65, [ReturnFigures.FamiliesWorkedWith] = 100 };

        var value = IndicatorCalculator.Compute(indicator, [quarter], Denominators);

        Assert.Equal(65, value.Value!.Value, 9);
        Assert.Equal(55.2544, value.Ci95!.Value.Lower, 3);
        Assert.Equal(73.6358, value.Ci95.Value.Upper, 3);
    }

    [Fact]
    public void Pool_RegionFromAreas_SumsCountsAndSaysHowManyAreIncluded()
    {
        var indicator = IndicatorCatalogue.Find("CARE-CLA")!;
        IndicatorValue[] areas =
        [
            IndicatorCalculator.FromCounts(indicator, 100, 20_000),
            IndicatorCalculator.FromCounts(indicator, 300, 30_000),
            IndicatorValue.Missing(),
        ];

        var (value, included, of) = IndicatorCalculator.Pool(indicator, areas);

        Assert.Equal(80, value.Value!.Value, 9); // 400 / 50,000 × 10,000, not the mean of 50 and 100
        Assert.Equal(2, included);
        Assert.Equal(3, of);
    }

    [Theory]
    [InlineData(0, "")]
    [InlineData(1, "c")]
    [InlineData(4, "c")]
    [InlineData(5, "")]
    public void Disclose_CountsFromOneToFour_AreWithheld(long count, string symbol)
    {
        var indicator = IndicatorCatalogue.Find("YJ-IN-CUSTODY")!;

        var shown = IndicatorCalculator.Disclose(indicator, IndicatorCalculator.FromCounts(indicator, count, 9_000));

        Assert.Equal(symbol, shown.SymbolText);
        Assert.Equal(symbol == "c", shown.Value is null);
    }

    [Theory]
    [InlineData(0, 3, "c")]
    [InlineData(2, 40, "c")]
    [InlineData(0, 40, "")]
    [InlineData(12, 40, "")]
    public void Disclose_ProportionOfASmallWhole_IsWithheldToo(long part, long whole, string symbol)
    {
        // 0 of 3 families says how many families there were: the whole is a count as well.
        var indicator = IndicatorCatalogue.Find("EH-OUTCOMES")!;

        var shown = IndicatorCalculator.Disclose(indicator, IndicatorCalculator.FromCounts(indicator, part, whole));

        Assert.Equal(symbol, shown.SymbolText);
    }
}
