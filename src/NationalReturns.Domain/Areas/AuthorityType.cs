namespace NationalReturns.Domain.Areas;

/// <summary>The four kinds of upper-tier authority in England, as ONS entity codes E06, E08, E09 and E10 name them.</summary>
public enum AuthorityType
{
    Unitary,
    Metropolitan,
    LondonBorough,
    County,
}

public static class AuthorityTypes
{
    public static AuthorityType FromOnsCode(string onsCode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(onsCode);
        return onsCode[..3] switch
        {
            "E06" => AuthorityType.Unitary,
            "E08" => AuthorityType.Metropolitan,
            "E09" => AuthorityType.LondonBorough,
            "E10" => AuthorityType.County,
            _ => throw new ArgumentException($"'{onsCode}' is not the ONS code of an English upper-tier authority (E06, E08, E09 or E10).", nameof(onsCode)),
        };
    }

    public static string Label(this AuthorityType type) => type switch
    {
        AuthorityType.Unitary => "Unitary authority",
        AuthorityType.Metropolitan => "Metropolitan borough",
        AuthorityType.LondonBorough => "London borough",
        AuthorityType.County => "County council",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>County councils are not housing authorities: their districts report homelessness.</summary>
    public static bool IsHousingAuthority(this AuthorityType type) => type != AuthorityType.County;
}
