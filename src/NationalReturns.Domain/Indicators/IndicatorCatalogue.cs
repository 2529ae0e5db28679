using NationalReturns.Domain.Returns;
using NationalReturns.Domain.Statistics;

namespace NationalReturns.Domain.Indicators;

public enum PeriodType
{
    /// <summary>Events in the quarter.</summary>
    QuarterFlow,

    /// <summary>Events in the four quarters to the one named; at Q4 this is the financial year.</summary>
    RollingFourQuarters,

    /// <summary>A count on the last day of the quarter.</summary>
    SnapshotAtQuarterEnd,
}

public enum IntervalMethod
{
    /// <summary>Byar's method from 10 events, exact Poisson below.</summary>
    PoissonRate,

    /// <summary>Wilson's score interval for a proportion.</summary>
    WilsonProportion,
}

/// <summary>What an indicator divides by, and where the figure comes from.</summary>
public sealed record DenominatorSource(Denominator Kind, string Description);

/// <summary>One population indicator: everything needed to compute it, compare it and explain it.</summary>
public sealed record IndicatorDefinition(
    string Id,
    string Title,
    string Definition,
    string Numerator,
    string NumeratorKey,
    DenominatorSource Denominator,
    double Multiplier,
    string Unit,
    Polarity Polarity,
    PeriodType PeriodType,
    IntervalMethod Interval,
    string Benchmark,
    string Caveats)
{
    /// <summary>For proportions, the figure key of the whole the numerator is part of.</summary>
    public string? DenominatorKey { get; init; }
}

/// <summary>The twelve indicators the programme exists to move (Supporting Families 2021-22 and beyond, §50 and §57).</summary>
public static class IndicatorCatalogue
{
    private const string RateBenchmark = "Compared with England and the region by the 95% and 99.8% confidence limits (Fingertips method 17); neighbours' median and pooled rate shown beside.";
    private const string ChildrenSource = "ONS mid-year estimates of children aged 0 to 17, latest revised series as DfE uses, mid-year Y for the financial year Y to Y+1";
    private const string OlderChildrenSource = "ONS mid-year estimates as first published (no revised series exists for this age band), mid-year Y for the financial year Y to Y+1";
    private const string HouseholdsSource = "ONS household projections for the year, as MHCLG divides homelessness figures by";

    private static readonly DenominatorSource Children = new(Denominator.Children0To17, ChildrenSource);
    private static readonly DenominatorSource Children10To17 = new(Denominator.Children10To17, OlderChildrenSource + ", aged 10 to 17");
    private static readonly DenominatorSource Children16To17 = new(Denominator.Children16To17, OlderChildrenSource + ", aged 16 to 17");
    private static readonly DenominatorSource Households = new(Denominator.Households, HouseholdsSource);

    public static IReadOnlyList<IndicatorDefinition> All { get; } =
    [
        new(
            Id: "CARE-START",
            Title: "Children starting to be looked after",
            Definition: "Children who started to be looked after in the four quarters to the period, per 10,000 children aged 0 to 17. At Q4 this is the financial year, as DfE publishes it.",
            Numerator: "Children who started to be looked after",
            NumeratorKey: FieldKeys.Care.Starts,
            Denominator: Children,
            Multiplier: 10_000,
            Unit: "per 10,000 children",
            Polarity: Polarity.LowerIsBetter,
            PeriodType: PeriodType.RollingFourQuarters,
            Interval: IntervalMethod.PoissonRate,
            Benchmark: RateBenchmark,
            Caveats: "A child who starts twice in a year counts twice across quarters but once in DfE's annual figure; the difference is small."),
        new(
            Id: "CARE-CLA",
            Title: "Children looked after",
            Definition: "Children looked after at the end of the quarter per 10,000 children aged 0 to 17.",
            Numerator: "Children looked after at quarter end",
            NumeratorKey: FieldKeys.Care.ClaEnd,
            Denominator: Children,
            Multiplier: 10_000,
            Unit: "per 10,000 children",
            Polarity: Polarity.LowerIsBetter,
            PeriodType: PeriodType.SnapshotAtQuarterEnd,
            Interval: IntervalMethod.PoissonRate,
            Benchmark: RateBenchmark,
            Caveats: ""),
        new(
            Id: "CARE-CPP",
            Title: "Children on a child protection plan",
            Definition: "Children subject of a child protection plan at the end of the quarter per 10,000 children aged 0 to 17.",
            Numerator: "Children on a plan at quarter end",
            NumeratorKey: FieldKeys.Care.CppEnd,
            Denominator: Children,
            Multiplier: 10_000,
            Unit: "per 10,000 children",
            Polarity: Polarity.LowerIsBetter,
            PeriodType: PeriodType.SnapshotAtQuarterEnd,
            Interval: IntervalMethod.PoissonRate,
            Benchmark: RateBenchmark,
            Caveats: ""),
        new(
            Id: "YJ-FTE",
            Title: "First-time entrants to the youth justice system",
            Definition: "First-time entrants aged 10 to 17 in the four quarters to the period, per 100,000 children aged 10 to 17.",
            Numerator: "First-time entrants",
            NumeratorKey: FieldKeys.YouthJustice.FirstTimeEntrants,
            Denominator: Children10To17,
            Multiplier: 100_000,
            Unit: "per 100,000 children aged 10 to 17",
            Polarity: Polarity.LowerIsBetter,
            PeriodType: PeriodType.RollingFourQuarters,
            Interval: IntervalMethod.PoissonRate,
            Benchmark: RateBenchmark,
            Caveats: "MoJ publishes first-time entrants by calendar year; these are financial-year quarters."),
        new(
            Id: "YJ-CUSTODY",
            Title: "Custodial sentences",
            Definition: "Custodial sentences given to children aged 10 to 17 in the four quarters to the period, per 1,000 children aged 10 to 17.",
            Numerator: "Custodial sentences",
            NumeratorKey: FieldKeys.YouthJustice.CustodialSentences,
            Denominator: Children10To17,
            Multiplier: 1_000,
            Unit: "per 1,000 children aged 10 to 17",
            Polarity: Polarity.LowerIsBetter,
            PeriodType: PeriodType.RollingFourQuarters,
            Interval: IntervalMethod.PoissonRate,
            Benchmark: RateBenchmark,
            Caveats: "Sentences, not children: a child sentenced twice counts twice."),
        new(
            Id: "YJ-IN-CUSTODY",
            Title: "Children in custody",
            Definition: "Children aged 10 to 17 in custody (remanded or sentenced) at the end of the quarter per 10,000 children aged 10 to 17.",
            Numerator: "Children in custody at quarter end",
            NumeratorKey: FieldKeys.YouthJustice.InCustodyEnd,
            Denominator: Children10To17,
            Multiplier: 10_000,
            Unit: "per 10,000 children aged 10 to 17",
            Polarity: Polarity.LowerIsBetter,
            PeriodType: PeriodType.SnapshotAtQuarterEnd,
            Interval: IntervalMethod.PoissonRate,
            Benchmark: RateBenchmark,
            Caveats: "Small numbers: most areas have none or a handful."),
        new(
            Id: "HL-PREVENTION",
            Title: "Households owed a prevention duty",
            Definition: "Households owed a prevention duty in the quarter per 1,000 households.",
            Numerator: "Households owed a prevention duty",
            NumeratorKey: FieldKeys.Homelessness.Prevention,
            Denominator: Households,
            Multiplier: 1_000,
            Unit: "per 1,000 households",
            Polarity: Polarity.None,
            PeriodType: PeriodType.QuarterFlow,
            Interval: IntervalMethod.PoissonRate,
            Benchmark: RateBenchmark,
            Caveats: "No polarity: more prevention may mean more need or earlier help."),
        new(
            Id: "HL-RELIEF",
            Title: "Households owed a relief duty",
            Definition: "Households owed a relief duty in the quarter per 1,000 households.",
            Numerator: "Households owed a relief duty",
            NumeratorKey: FieldKeys.Homelessness.Relief,
            Denominator: Households,
            Multiplier: 1_000,
            Unit: "per 1,000 households",
            Polarity: Polarity.LowerIsBetter,
            PeriodType: PeriodType.QuarterFlow,
            Interval: IntervalMethod.PoissonRate,
            Benchmark: RateBenchmark,
            Caveats: ""),
        new(
            Id: "HL-TA-CHILDREN",
            Title: "Households with children in temporary accommodation",
            Definition: "Households with children in temporary accommodation at the end of the quarter per 1,000 households.",
            Numerator: "Households with children in temporary accommodation",
            NumeratorKey: FieldKeys.Homelessness.TaChildrenEnd,
            Denominator: Households,
            Multiplier: 1_000,
            Unit: "per 1,000 households",
            Polarity: Polarity.LowerIsBetter,
            PeriodType: PeriodType.SnapshotAtQuarterEnd,
            Interval: IntervalMethod.PoissonRate,
            Benchmark: RateBenchmark,
            Caveats: ""),
        new(
            Id: "HL-16-17",
            Title: "16 and 17 year olds owed a homelessness duty",
            Definition: "16 and 17 year olds owed a prevention or relief duty in the four quarters to the period, per 10,000 aged 16 to 17.",
            Numerator: "16 and 17 year olds owed a duty",
            NumeratorKey: FieldKeys.Homelessness.Aged1617,
            Denominator: Children16To17,
            Multiplier: 10_000,
            Unit: "per 10,000 aged 16 to 17",
            Polarity: Polarity.LowerIsBetter,
            PeriodType: PeriodType.RollingFourQuarters,
            Interval: IntervalMethod.PoissonRate,
            Benchmark: RateBenchmark,
            Caveats: ""),
        new(
            Id: "EH-REACH",
            Title: "Families worked with",
            Definition: "Families the programme worked with during the quarter per 10,000 children aged 0 to 17.",
            Numerator: "Families worked with",
            NumeratorKey: ReturnFigures.FamiliesWorkedWith,
            Denominator: Children,
            Multiplier: 10_000,
            Unit: "per 10,000 children",
            Polarity: Polarity.None,
            PeriodType: PeriodType.QuarterFlow,
            Interval: IntervalMethod.PoissonRate,
            Benchmark: RateBenchmark,
            Caveats: "Reach has no polarity: it reflects both need and capacity."),
        new(
            Id: "EH-OUTCOMES",
            Title: "Families whose outcome was achieved",
            Definition: "Percentage of the families worked with during the quarter whose outcome was achieved in the quarter.",
            Numerator: "Families whose outcome was achieved in the quarter",
            NumeratorKey: ReturnFigures.FamiliesOutcomeAchieved,
            Denominator: new DenominatorSource(Denominator.Children0To17, "Families worked with during the quarter (from the Families sheet)"),
            Multiplier: 100,
            Unit: "%",
            Polarity: Polarity.HigherIsBetter,
            PeriodType: PeriodType.QuarterFlow,
            Interval: IntervalMethod.WilsonProportion,
            Benchmark: "Compared with England and the region by Wilson score limits at 95% and 99.8%.",
            Caveats: "Outcomes are counted when achieved; a family's outcome may follow months after the work.")
        {
            DenominatorKey = ReturnFigures.FamiliesWorkedWith,
        },
    ];

    public static IndicatorDefinition? Find(string id) => All.FirstOrDefault(i => string.Equals(i.Id, id, StringComparison.OrdinalIgnoreCase));
}
