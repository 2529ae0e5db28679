namespace NationalReturns.Web.Data;

/// <summary>A set of authorities a person has named to compare against (LG Inform's comparison groups): theirs alone.</summary>
public class SavedComparisonGroup
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }
    public required List<string> AuthorityCodes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A built benchmarking pack (an area's, a region's, England's, or the ZIP of every area's) for one quarter. One row
/// per pack, replaced in a single statement when rebuilt, so a download reads the old file or the new, never half.
/// </summary>
public class StoredPack
{
    public int Id { get; set; }

    /// <summary>area, region, england or areas-zip.</summary>
    public required string Kind { get; set; }

    /// <summary>The area's or region's code; E92000001 for England and for the ZIP.</summary>
    public required string Code { get; set; }

    public required string Period { get; set; }

    /// <summary>The indicator table's state the pack was built from (<see cref="Features.Benchmarking.BenchmarkingSnapshot.Source"/>): a different one means it is out of date.</summary>
    public required string Source { get; set; }

    public required byte[] Content { get; set; }

    public int Size { get; set; }

    public DateTimeOffset BuiltAt { get; set; }

    public int BuildMilliseconds { get; set; }
}
