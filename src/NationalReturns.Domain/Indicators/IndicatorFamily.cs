namespace NationalReturns.Domain.Indicators;

/// <summary>The programme's outcome areas, which group the indicators on dashboards and in packs.</summary>
public enum IndicatorFamily
{
    ChildrensSocialCare,
    YouthJustice,
    Homelessness,
    EarlyHelp,
}

public static class IndicatorFamilies
{
    public static readonly IReadOnlyList<IndicatorFamily> All = Enum.GetValues<IndicatorFamily>();

    /// <summary>An indicator's family, read from its identifier's prefix (CARE-, YJ-, HL-, EH-).</summary>
    public static IndicatorFamily Of(IndicatorDefinition indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        var prefix = indicator.Id.Split('-')[0];
        return prefix switch
        {
            "CARE" => IndicatorFamily.ChildrensSocialCare,
            "YJ" => IndicatorFamily.YouthJustice,
            "HL" => IndicatorFamily.Homelessness,
            "EH" => IndicatorFamily.EarlyHelp,
            _ => throw new ArgumentException($"Indicator {indicator.Id} has no family: its identifier must start CARE-, YJ-, HL- or EH-.", nameof(indicator)),
        };
    }

    public static string Label(IndicatorFamily family) => family switch
    {
        IndicatorFamily.ChildrensSocialCare => "Children's social care",
        IndicatorFamily.YouthJustice => "Youth justice",
        IndicatorFamily.Homelessness => "Homelessness",
        _ => "Early help",
    };
}
