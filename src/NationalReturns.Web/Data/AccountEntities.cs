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
