using NationalReturns.Domain.Areas;

namespace NationalReturns.Web.Data;

public class Region
{
    public required string Code { get; set; }
    public required string Name { get; set; }

    /// <summary>Inner and Outer London sit inside London; the nine English regions have no parent.</summary>
    public string? ParentCode { get; set; }
}

/// <summary>
/// An upper-tier authority, current or abolished. Abolished ones stay so that history can be
/// followed through <see cref="AuthoritySuccession"/>.
/// </summary>
public class LocalAuthority
{
    public required string OnsCode { get; set; }

    /// <summary>DfE's three-digit code. Not unique over history: a recoded authority keeps its DfE code.</summary>
    public required string DfeCode { get; set; }

    public required string Name { get; set; }
    public AuthorityType Type { get; set; }
    public required string RegionCode { get; set; }
    public Region Region { get; set; } = null!;
    public string? SubRegionCode { get; set; }
    public Region? SubRegion { get; set; }

    /// <summary>Null where the authority predates the records kept here.</summary>
    public DateOnly? ValidFrom { get; set; }

    /// <summary>The last day it existed; null while current.</summary>
    public DateOnly? ValidTo { get; set; }

    /// <summary>Position on the hex map (odd-r offset coordinates); current authorities only.</summary>
    public int? HexColumn { get; set; }
    public int? HexRow { get; set; }

    public List<StatisticalNeighbour> Neighbours { get; set; } = [];

    public bool IsCurrent => ValidTo is null;
}

public class AuthoritySuccession
{
    public required string PredecessorCode { get; set; }
    public LocalAuthority Predecessor { get; set; } = null!;
    public required string SuccessorCode { get; set; }
    public LocalAuthority Successor { get; set; } = null!;
    public DateOnly TookEffect { get; set; }
    public required string Change { get; set; }
}

public class StatisticalNeighbour
{
    public required string AuthorityCode { get; set; }
    public int Rank { get; set; }
    public required string NeighbourCode { get; set; }
    public LocalAuthority Neighbour { get; set; } = null!;
    public Closeness Closeness { get; set; }
}

public class PopulationEstimate
{
    public required string AuthorityCode { get; set; }
    public int MidYear { get; set; }
    public AgeBand AgeBand { get; set; }
    public PopulationSeries Series { get; set; }
    public int Population { get; set; }
    public required string Source { get; set; }
}

public enum HouseholdBasis
{
    /// <summary>Census 2021 table TS041: a count.</summary>
    Census2021,

    /// <summary>ONS household projections, as MHCLG divides homelessness figures by.</summary>
    HouseholdProjection,
}

public class HouseholdEstimate
{
    public required string AuthorityCode { get; set; }
    public int Year { get; set; }
    public HouseholdBasis Basis { get; set; }
    public int Households { get; set; }
    public required string Source { get; set; }
}

/// <summary>A district (or the unitary itself) and the upper-tier authority it belongs to.</summary>
public class LowerTierAuthority
{
    public required string OnsCode { get; set; }
    public required string Name { get; set; }
    public required string UpperTierCode { get; set; }
    public LocalAuthority UpperTier { get; set; } = null!;
}

/// <summary>One row per load of the reference files; the hash tells a start-up whether to load again.</summary>
public class ReferenceDataImport
{
    public int Id { get; set; }
    public required string ContentHash { get; set; }
    public DateTimeOffset LoadedAt { get; set; }
    public required string Summary { get; set; }
}
