using System.Globalization;
using System.Text;
using NationalReturns.Domain.Statistics;

namespace NationalReturns.Domain.Indicators;

/// <summary>
/// The methodology in words, from the catalogue: the page at /indicators/methodology and
/// docs/indicator-methodology.md both print this, so neither can drift from what is computed.
/// </summary>
public static class IndicatorMethodology
{
    public static IReadOnlyList<string> CommonMethods { get; } =
    [
        "Only published returns count. Region and England figures add up the authorities' counts and denominators (pooled), and say how many authorities are included of how many there are.",
        "Denominators: ONS mid-year estimates, mid-year Y for the financial year Y to Y+1 (the year to 31 March 2025 uses mid-2024), the latest year held where that one is not yet published. Children aged 0 to 17 use the latest revised series, as DfE does; the 10 to 17 and 16 to 17 bands use the estimates as first published (no revised series exists for them). Households: the household projections MHCLG divides homelessness figures by.",
        "Confidence intervals at 95% and 99.8%: Byar's method for rates from 10 events, the exact Poisson interval below 10; Wilson's score interval for proportions.",
        "Compared with England and the region: similar when the benchmark lies inside the area's 95% interval, better or worse when outside, and marked 99.8% when outside that interval too (Fingertips method 17). Where an indicator has no polarity: higher or lower.",
        "Statistical neighbours (DfE's 2025 model, ten per authority): the median of their values, as DfE shows it, and their counts pooled into one rate with its interval, both from the neighbours whose figures are shown (a c is left out).",
        "Rank 1 is the best by polarity (the highest where there is none); tied values share the lower rank. Ranks and quartiles are among the authorities whose figures are shown, so a c's place in the order cannot be read off. Quartiles use Excel's PERCENTILE.INC cut points; quartile 1 holds the lowest values.",
        "Change since the previous quarter and since the same quarter a year earlier: the difference, called significant when the two 95% intervals do not overlap; not given for an authority when either figure is a c.",
        "Recent trend: the last five quarters, a chi-squared test for trend, significant beyond 9.5495 (99.8%, one degree of freedom) when the slope keeps its sign with any one point left out; otherwise no significant change, or cannot be calculated with the reason (a missing quarter, no events). Rolling four-quarter figures share quarters, so their trend moves slowly.",
        "Funnel plots: each authority's value against its denominator, with the limits a value would stay inside by chance alone if England's value were true for it, at 95% and 99.8% (Fingertips methods 5 and 6). The expected count is England's rate or proportion times the authority's denominator; rates take exact Poisson limits around it (the gamma quantiles behind the chi-squared limits, for any expected count, whole or not), proportions Wilson's score limits; both are divided back by the denominator. Inside the 95% limits is similar; between them and the 99.8% limits better or worse; beyond, best or worst.",
        "Spine charts: for each indicator England sits in the middle; the authorities' lowest, 25th percentile, 75th percentile and highest values are placed around it on a scale whose half-width is the further of the lowest and highest from England, and the chart is drawn with the better end on the right whatever the polarity. An indicator is left off the chart when a quarter or more of authorities have no value, and so is one without a polarity (it has no better end). The spread is taken from the values the reader sees, so a withheld value is never shown as the lowest or highest.",
        "Box plots by quarter: the lowest and highest authority, the 25th and 75th percentiles and the median (PERCENTILE.INC), with England beside them; every authority counts (no outlier rule), from the values the reader sees; a quarter with fewer than five values is left out.",
        "Maps and the overview colour each authority by its comparison with England (above) or by its quartile; the words are always given as well, and indicators without a polarity use two blues for higher and lower, never green and red.",
        "Disclosure control, as DfE does it: an authority's count from 1 to 4 (configurable) is shown as c with its rate, interval, rank and comparisons withheld, for officials and in every download; for a proportion of families, so is one whose number of families is from 1 to 4. An authority sees its own figures in full and the national team sees every figure on its pages. Beside them, region and England counts are rounded to the nearest 10 (for a proportion, the number of families too), and a region or England count is shown as c where even rounded it would let a reader, or one authority knowing its own figure, work an authority's c out to a single value. Rates, intervals and comparisons for regions and England are worked out from the unrounded counts, as DfE does, and shown to one decimal place.",
        "Symbols: c confidential (withheld); x not available (no published return, or a quarter missing from a rolling sum); z not applicable (the authority did not exist).",
        "Boundary changes: Cumbria made returns until March 2023, then Cumberland and Westmorland and Furness; Northamptonshire until March 2021, then North and West Northamptonshire. A successor's page shows its predecessor's figures before it began, marked as a series break. Recoded authorities (North Yorkshire, Somerset, Barnsley, Sheffield) carry on as one series under their current codes.",
        "Values are stored in full and shown to one decimal place everywhere (pages, API, CSV), rounded half away from zero.",
    ];

    public static string PeriodText(PeriodType type) => type switch
    {
        PeriodType.RollingFourQuarters => "Rolling four quarters (at Q4, the financial year)",
        PeriodType.SnapshotAtQuarterEnd => "Snapshot on the last day of the quarter",
        _ => "Events in the quarter",
    };

    public static string PolarityText(Polarity polarity) => polarity switch
    {
        Polarity.LowerIsBetter => "Lower is better",
        Polarity.HigherIsBetter => "Higher is better",
        _ => "Neither: compared as higher or lower",
    };

    public static string IntervalText(IntervalMethod method) =>
        method == IntervalMethod.WilsonProportion ? "Wilson score interval for a proportion" : "Byar's method from 10 events, exact Poisson below";

    public static string DisclosureText(IndicatorDefinition indicator) =>
        Disclosure.CountDenominator(indicator)
            ? "An authority's count, or number of families, from 1 to 4 shown as c with the percentage withheld, for officials and in downloads; region and England counts and numbers of families rounded to the nearest 10, or c."
            : "An authority's count from 1 to 4 shown as c with the rate withheld, for officials and in downloads; region and England counts rounded to the nearest 10, or c.";

    public static string MultiplierText(IndicatorDefinition indicator) =>
        string.Create(CultureInfo.InvariantCulture, $"x {indicator.Multiplier:#,0}: {indicator.Unit}");

    public static string Markdown()
    {
        var md = new StringBuilder();
        md.Append("# Indicator methodology\n\n");
        md.Append("Generated from `IndicatorCatalogue` and `IndicatorMethodology` in NationalReturns.Domain; the page /indicators/methodology shows the same text. ");
        md.Append("After changing either, regenerate with `NR_UPDATE_DOCS=1 dotnet test tests/NationalReturns.Domain.Tests`.\n\n");
        md.Append("## Methods common to every indicator\n\n");
        foreach (var method in CommonMethods)
        {
            md.Append("- ").Append(method).Append('\n');
        }

        foreach (var i in IndicatorCatalogue.All)
        {
            md.Append("\n## ").Append(i.Id).Append(": ").Append(i.Title).Append("\n\n");
            md.Append("| | |\n|---|---|\n");
            void Row(string key, string value) => md.Append("| ").Append(key).Append(" | ").Append(value.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |\n");
            Row("Definition", i.Definition);
            Row("Numerator", $"{i.Numerator} (return figure `{i.NumeratorKey}`)");
            Row("Denominator", i.Denominator.Description);
            Row("Multiplier and unit", MultiplierText(i));
            Row("Period", PeriodText(i.PeriodType));
            Row("Polarity", PolarityText(i.Polarity));
            Row("Confidence interval", IntervalText(i.Interval));
            Row("Benchmark", i.Benchmark);
            Row("Disclosure", DisclosureText(i));
            Row("Caveats", string.IsNullOrEmpty(i.Caveats) ? "None known." : i.Caveats);
        }

        return md.ToString();
    }
}
