using System.Security.Claims;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Layout;

/// <summary>
/// The service navigation: each person is offered only what they may open, by the same rules the pages check
/// (<see cref="RequiresAttribute.Allows"/>), and exactly one item is current, named by the page's section.
/// </summary>
public static class Navigation
{
    private sealed record Entry(string Href, string Text, string Section, Func<ClaimsPrincipal, bool> Shown);

    private static bool SignedIn(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true;

    private static readonly Entry[] Entries =
    [
        new("/areas", "Areas", "Areas", _ => true),
        new("/returns", "Returns", "Returns", user => RequiresAttribute.Allows(Need.EveryAuthority, user)),
        new("/your-returns", "Your returns", "YourReturns", user => RequiresAttribute.Allows(Need.AuthorityStaff, user)),
        new("/indicators", "Indicators", "Indicators", SignedIn),
        new("/self-assessments", "Self-assessments", "SelfAssessments", SignedIn),
        new("/published", "Published figures", "Published", user => RequiresAttribute.Allows(Need.NationalFigures, user)),
        new("/admin/collection-windows", "Collection windows", "CollectionWindows", user => RequiresAttribute.Allows(Need.Admin, user)),
        new("/admin/users", "Users", "Users", user => RequiresAttribute.Allows(Need.Admin, user)),
        new("/admin/api-clients", "API clients", "ApiClients", user => RequiresAttribute.Allows(Need.Admin, user)),
        new("/admin/frameworks", "Frameworks", "Frameworks", user => RequiresAttribute.Allows(Need.Admin, user)),
        new("/audit", "Audit log", "Audit", user => RequiresAttribute.Allows(Need.Audit, user)),
        new("/account", "Your account", "Account", SignedIn),
    ];

    public static IReadOnlyList<NavigationItem> For(ClaimsPrincipal user, string? section) =>
        Entries.Where(e => e.Shown(user)).Select(e => new NavigationItem(e.Href, e.Text, e.Section == section)).ToList();
}
