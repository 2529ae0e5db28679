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
