using Microsoft.AspNetCore.Identity;

namespace NationalReturns.Web.Data;

/// <summary>A person who signs in. Preparers and approvers belong to one authority; everyone else to none.</summary>
public class UserAccount : IdentityUser
{
    public required string DisplayName { get; set; }

    /// <summary>The authority whose returns a Preparer or Approver works on; null for national roles.</summary>
    public string? AuthorityCode { get; set; }

    public LocalAuthority? Authority { get; set; }
}

/// <summary>
/// One signed-in session. The cookie carries only the session's key; the ticket stays here, so signing out,
/// a password change or an admin's change ends the session at once, on every instance.
/// </summary>
public class SignInSession
{
    public required string Id { get; set; }
    public required string UserId { get; set; }
    public required byte[] Ticket { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}
