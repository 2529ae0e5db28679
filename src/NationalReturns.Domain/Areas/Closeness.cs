namespace NationalReturns.Domain.Areas;

/// <summary>How close a statistical neighbour is in DfE's 2025 model, closest first.</summary>
public enum Closeness
{
    ExtremelyClose,
    VeryClose,
    Close,
    SomewhatClose,
    NotClose,
}

public static class Closenesses
{
    public static Closeness FromLabel(string label) => label.Trim() switch
    {
        "Extremely close" => Closeness.ExtremelyClose,
        "Very close" => Closeness.VeryClose,
        "Close" => Closeness.Close,
        "Somewhat close" => Closeness.SomewhatClose,
        "Not close" => Closeness.NotClose,
        _ => throw new ArgumentException($"Unknown closeness '{label}'.", nameof(label)),
    };

    public static string Label(this Closeness closeness) => closeness switch
    {
        Closeness.ExtremelyClose => "Extremely close",
        Closeness.VeryClose => "Very close",
        Closeness.Close => "Close",
        Closeness.SomewhatClose => "Somewhat close",
        Closeness.NotClose => "Not close",
        _ => throw new ArgumentOutOfRangeException(nameof(closeness)),
    };
}
