namespace NationalReturns.Web.Data;

/// <summary>
/// A council system allowed to upload and read one authority's returns through the API. Only a hash of
/// its token is kept: the token itself is shown once, when issued.
/// </summary>
public class ApiClient
{
    public int Id { get; set; }
    public required string AuthorityCode { get; set; }
    public LocalAuthority Authority { get; set; } = null!;
    public required string Name { get; set; }

    /// <summary>Lower-case hex SHA-256 of the token.</summary>
    public required string TokenHash { get; set; }

    /// <summary>The token's first characters, to tell clients apart without revealing them.</summary>
    public required string TokenPrefix { get; set; }

    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}
