namespace NationalReturns.Domain.Areas;

/// <summary>The population age bands the indicators use as denominators.</summary>
public enum AgeBand
{
    Age0To17,
    Age10To17,
    Age16To17,
    AllAges,
}

public static class AgeBands
{
    public static string Code(this AgeBand band) => band switch
    {
        AgeBand.Age0To17 => "0-17",
        AgeBand.Age10To17 => "10-17",
        AgeBand.Age16To17 => "16-17",
        AgeBand.AllAges => "all_ages",
        _ => throw new ArgumentOutOfRangeException(nameof(band)),
    };

    public static string Label(this AgeBand band) => band switch
    {
        AgeBand.Age0To17 => "aged 0 to 17",
        AgeBand.Age10To17 => "aged 10 to 17",
        AgeBand.Age16To17 => "aged 16 to 17",
        AgeBand.AllAges => "all ages",
        _ => throw new ArgumentOutOfRangeException(nameof(band)),
    };

    public static AgeBand FromCode(string code) => code switch
    {
        "0-17" => AgeBand.Age0To17,
        "10-17" => AgeBand.Age10To17,
        "16-17" => AgeBand.Age16To17,
        "all_ages" => AgeBand.AllAges,
        _ => throw new ArgumentException($"Unknown age band '{code}'.", nameof(code)),
    };
}
