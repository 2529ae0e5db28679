using NationalReturns.Domain.Returns;
using NationalReturns.Domain.Statistics;

namespace NationalReturns.Domain.Indicators;

/// <summary>The GSS symbols for a value that is not shown.</summary>
public enum ValueSymbol
{
    None,

    /// <summary><c>c</c>: confidential, a count small enough to identify people.</summary>
    Suppressed,

    /// <summary><c>x</c>: not available (no published return, or a quarter of the four missing).</summary>
    NotAvailable,

    /// <summary><c>z</c>: not applicable (the authority did not exist).</summary>
    NotApplicable,
}

public sealed record IndicatorValue(long? Numerator, double? Denominator, double? Value, Interval? Ci95, Interval? Ci998, ValueSymbol Symbol)
{
    public static IndicatorValue Missing(ValueSymbol symbol = ValueSymbol.NotAvailable) => new(null, null, null, null, null, symbol);

    public string SymbolText => Symbol switch
    {
        ValueSymbol.Suppressed => "c",
        ValueSymbol.NotAvailable => "x",
        ValueSymbol.NotApplicable => "z",
        _ => "",
    };
}

/// <summary>Computes an indicator for one area from its quarters' figures; pools areas for regions and England.</summary>
public static class IndicatorCalculator
{
    /// <summary>Counts from 1 to this appear as <c>c</c> to officials and in downloads (configurable per deployment).</summary>
    public const int DefaultDisclosureLimit = 4;

    /// <param name="quarters">The area's figures for the period and the quarters before it, newest first; null where no return counts.</param>
    public static IndicatorValue Compute(IndicatorDefinition indicator, IReadOnlyList<IReadOnlyDictionary<string, long>?> quarters, AreaDenominators? denominators)
    {
        var needed = indicator.PeriodType == PeriodType.RollingFourQuarters ? 4 : 1;
        if (quarters.Count < needed || quarters.Take(needed).Any(q => q is null || !q.ContainsKey(indicator.NumeratorKey)))
        {
            return IndicatorValue.Missing();
        }

        // Summed as decimals: a figure no return could hold must not overflow into an exception.
        var numerator = quarters.Take(needed).Sum(q => (decimal)q![indicator.NumeratorKey]);
        if (numerator is > long.MaxValue or < long.MinValue)
        {
            return IndicatorValue.Missing();
        }

        double denominator = indicator.DenominatorKey is { } key
            ? quarters[0]!.GetValueOrDefault(key)
            : denominators?.Of(indicator.Denominator.Kind) ?? 0;
        return FromCounts(indicator, (long)numerator, denominator);
    }

    /// <summary>
    /// The boundary where figures become statistics: anything the methods cannot handle (no or a non-finite
    /// denominator, a negative count, a proportion's part larger than its whole or a whole that is not a whole
    /// number) is a missing value, x, never a NaN or an inverted interval.
    /// </summary>
    public static IndicatorValue FromCounts(IndicatorDefinition indicator, long numerator, double denominator)
    {
        if (!Usable(indicator, numerator, denominator))
        {
            return IndicatorValue.Missing();
        }

        var value = numerator / denominator * indicator.Multiplier;
        if (indicator.Interval == IntervalMethod.WilsonProportion)
        {
            var trials = (long)denominator;
            return new IndicatorValue(numerator, denominator, value,
                ConfidenceIntervals.Wilson(numerator, trials, Confidence.Ninety5).Scale(indicator.Multiplier),
                ConfidenceIntervals.Wilson(numerator, trials, Confidence.Ninety9Point8).Scale(indicator.Multiplier),
                ValueSymbol.None);
        }

        return new IndicatorValue(numerator, denominator, value,
            ConfidenceIntervals.Rate(numerator, denominator, indicator.Multiplier, Confidence.Ninety5),
            ConfidenceIntervals.Rate(numerator, denominator, indicator.Multiplier, Confidence.Ninety9Point8),
            ValueSymbol.None);
    }

    /// <summary>Whether a count and denominator can be turned into a value with an interval.</summary>
    public static bool Usable(IndicatorDefinition indicator, long numerator, double denominator) =>
        numerator >= 0
        && ConfidenceIntervals.IsUsableDenominator(denominator)
        && (indicator.Interval != IntervalMethod.WilsonProportion
            || (denominator == Math.Floor(denominator) && denominator <= long.MaxValue / 2 && numerator <= denominator));

    /// <summary>Regions and England: the areas' counts summed, only from those that have a value; with coverage.</summary>
    public static (IndicatorValue Value, int Included, int Of) Pool(IndicatorDefinition indicator, IReadOnlyCollection<IndicatorValue> areas)
    {
        var included = areas.Where(a => a.Numerator is not null && a.Denominator is > 0).ToList();
        if (included.Count == 0)
        {
            return (IndicatorValue.Missing(), 0, areas.Count);
        }

        var numerator = included.Sum(a => (decimal)a.Numerator!.Value);
        return numerator > long.MaxValue
            ? (IndicatorValue.Missing(), 0, areas.Count)
            : (FromCounts(indicator, (long)numerator, included.Sum(a => a.Denominator!.Value)), included.Count, areas.Count);
    }

    /// <summary>
    /// Values are stored in full and shown to one decimal place everywhere (page, API, CSV, pack), rounded
    /// half away from zero as Excel and the published statistics do, so every output shows the same figure.
    /// </summary>
    public static double? Shown(double? value) => value is { } v && double.IsFinite(v) ? Math.Round(v, 1, MidpointRounding.AwayFromZero) : null;

    /// <summary>What officials and downloads see of an authority's value: withheld as <c>c</c> when it is a small count (<see cref="Disclosure"/>).</summary>
    public static IndicatorValue Disclose(IndicatorDefinition indicator, IndicatorValue value, int limit = DefaultDisclosureLimit) =>
        Disclosure.RowWithheld(indicator, value, limit) ? IndicatorValue.Missing(ValueSymbol.Suppressed) : value;
}
