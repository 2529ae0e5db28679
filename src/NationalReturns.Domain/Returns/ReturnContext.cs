using NationalReturns.Domain.Areas;
using NationalReturns.Domain.Periods;

namespace NationalReturns.Domain.Returns;

public sealed record District(string OnsCode, string Name);

/// <summary>The authority a return is for; counties carry their district councils (the housing authorities).</summary>
public sealed record AuthorityProfile(string OnsCode, string DfeCode, string Name, AuthorityType Type)
{
    public IReadOnlyList<District> Districts { get; init; } = [];

    /// <summary>The rows of the Homelessness sheet: a county's districts, otherwise the authority itself.</summary>
    public IReadOnlyList<District> HousingAuthorities => Type.IsHousingAuthority() ? [new District(OnsCode, Name)] : Districts;
}

/// <summary>The populations and households an area's rates are per.</summary>
public sealed record AreaDenominators(long Children0To17, long Children10To17, long Children16To17, long Households)
{
    public long Of(Denominator denominator) => denominator switch
    {
        Denominator.Children0To17 => Children0To17,
        Denominator.Children10To17 => Children10To17,
        Denominator.Children16To17 => Children16To17,
        Denominator.Households => Households,
        _ => throw new ArgumentOutOfRangeException(nameof(denominator)),
    };
}

public enum Denominator
{
    Children0To17,
    Children10To17,
    Children16To17,
    Households,
}

/// <summary>A statistical neighbour's figures for the same quarter, from its latest return.</summary>
public sealed record NeighbourFigures(string OnsCode, IReadOnlyDictionary<string, long> Figures, AreaDenominators Denominators);

/// <summary>Everything the rules need besides the return itself.</summary>
public sealed record ReturnContext(ReturnPeriod Period, AuthorityProfile Authority, DateOnly Today)
{
    /// <summary>Last quarter's figures for this authority (see <see cref="ReturnFigures"/>), when it made a return.</summary>
    public IReadOnlyDictionary<string, long>? PreviousFigures { get; init; }

    public AreaDenominators? Denominators { get; init; }

    public IReadOnlyList<NeighbourFigures> Neighbours { get; init; } = [];
}
