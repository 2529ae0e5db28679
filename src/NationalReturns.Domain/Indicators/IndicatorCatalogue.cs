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
        new("CARE-START", "Children starting to be looked after", "Children who started to be looked after in the four quarters to the period, per 10,000 children aged 0 to 17. At Q4 this is the financial year, as DfE publishes it.",
            "Children who started to be looked after", "care.starts", Children, 10_000, "per 10,000 children", Polarity.LowerIsBetter, PeriodType.RollingFourQuarters, IntervalMethod.PoissonRate, RateBenchmark,
            "A child who starts twice in a year counts twice across quarters but once in DfE's annual figure; the difference is small."),
        new("CARE-CLA", "Children looked after", "Children looked after at the end of the quarter per 10,000 children aged 0 to 17.",
            "Children looked after at quarter end", "care.cla_end", Children, 10_000, "per 10,000 children", Polarity.LowerIsBetter, PeriodType.SnapshotAtQuarterEnd, IntervalMethod.PoissonRate, RateBenchmark, ""),
        new("CARE-CPP", "Children on a child protection plan", "Children subject of a child protection plan at the end of the quarter per 10,000 children aged 0 to 17.",
            "Children on a plan at quarter end", "care.cpp_end", Children, 10_000, "per 10,000 children", Polarity.LowerIsBetter, PeriodType.SnapshotAtQuarterEnd, IntervalMethod.PoissonRate, RateBenchmark, ""),
        new("YJ-FTE", "First-time entrants to the youth justice system", "First-time entrants aged 10 to 17 in the four quarters to the period, per 100,000 children aged 10 to 17.",
            "First-time entrants", "yj.first_time_entrants", Children10To17, 100_000, "per 100,000 children aged 10 to 17", Polarity.LowerIsBetter, PeriodType.RollingFourQuarters, IntervalMethod.PoissonRate, RateBenchmark,
            "MoJ publishes first-time entrants by calendar year; these are financial-year quarters."),
        new("YJ-CUSTODY", "Custodial sentences", "Custodial sentences given to children aged 10 to 17 in the four quarters to the period, per 1,000 children aged 10 to 17.",
            "Custodial sentences", "yj.custodial_sentences", Children10To17, 1_000, "per 1,000 children aged 10 to 17", Polarity.LowerIsBetter, PeriodType.RollingFourQuarters, IntervalMethod.PoissonRate, RateBenchmark,
            "Sentences, not children: a child sentenced twice counts twice."),
        new("YJ-IN-CUSTODY", "Children in custody", "Children aged 10 to 17 in custody (remanded or sentenced) at the end of the quarter per 10,000 children aged 10 to 17.",
            "Children in custody at quarter end", "yj.in_custody_end", Children10To17, 10_000, "per 10,000 children aged 10 to 17", Polarity.LowerIsBetter, PeriodType.SnapshotAtQuarterEnd, IntervalMethod.PoissonRate, RateBenchmark,
            "Small numbers: most areas have none or a handful."),
        new("HL-PREVENTION", "Households owed a prevention duty", "Households owed a prevention duty in the quarter per 1,000 households.",
            "Households owed a prevention duty", "hl.prevention", Households, 1_000, "per 1,000 households", Polarity.None, PeriodType.QuarterFlow, IntervalMethod.PoissonRate, RateBenchmark,
            "No polarity: more prevention may mean more need or earlier help."),
        new("HL-RELIEF", "Households owed a relief duty", "Households owed a relief duty in the quarter per 1,000 households.",
            "Households owed a relief duty", "hl.relief", Households, 1_000, "per 1,000 households", Polarity.LowerIsBetter, PeriodType.QuarterFlow, IntervalMethod.PoissonRate, RateBenchmark, ""),
        new("HL-TA-CHILDREN", "Households with children in temporary accommodation", "Households with children in temporary accommodation at the end of the quarter per 1,000 households.",
            "Households with children in temporary accommodation", "hl.ta_children_end", Households, 1_000, "per 1,000 households", Polarity.LowerIsBetter, PeriodType.SnapshotAtQuarterEnd, IntervalMethod.PoissonRate, RateBenchmark, ""),
        new("HL-16-17", "16 and 17 year olds owed a homelessness duty", "16 and 17 year olds owed a prevention or relief duty in the four quarters to the period, per 10,000 aged 16 to 17.",
            "16 and 17 year olds owed a duty", "hl.aged_16_17", Children16To17, 10_000, "per 10,000 aged 16 to 17", Polarity.LowerIsBetter, PeriodType.RollingFourQuarters, IntervalMethod.PoissonRate, RateBenchmark, ""),
        new("EH-REACH", "Families worked with", "Families the programme worked with during the quarter per 10,000 children aged 0 to 17.",
            "Families worked with", ReturnFigures.FamiliesWorkedWith, Children, 10_000, "per 10,000 children", Polarity.None, PeriodType.QuarterFlow, IntervalMethod.PoissonRate, RateBenchmark,
            "Reach has no polarity: it reflects both need and capacity."),
        new("EH-OUTCOMES", "Families whose outcome was achieved", "Percentage of the families worked with during the quarter whose outcome was achieved in the quarter.",
            "Families whose outcome was achieved in the quarter", ReturnFigures.FamiliesOutcomeAchieved, new DenominatorSource(Denominator.Children0To17, "Families worked with during the quarter (from the Families sheet)"),
            100, "%", Polarity.HigherIsBetter, PeriodType.QuarterFlow, IntervalMethod.WilsonProportion,
            "Compared with England and the region by Wilson score limits at 95% and 99.8%.", "Outcomes are counted when achieved; a family's outcome may follow months after the work.")
        {
            DenominatorKey = ReturnFigures.FamiliesWorkedWith,
        },
    ];

    public static IndicatorDefinition? Find(string id) => All.FirstOrDefault(i => string.Equals(i.Id, id, StringComparison.OrdinalIgnoreCase));
}
