using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NationalReturns.Web.Data;
using NationalReturns.Web.Features.Admin;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Account;

/// <summary>
/// The roles always exist. The local demo's accounts exist only where configured (Development); their
/// shared password is in the README for the local demo only, and production seeds no users.
/// </summary>
public static class SeedAccounts
{
    public const string DemoPassword = "demo-password-2026";

    /// <summary>A preparer and an approver for a county, a London borough, a metropolitan borough and a unitary.</summary>
    public static readonly IReadOnlyList<(string Email, string Name, string Role, string? Authority)> DemoAccounts =
    [
        ("preparer.kent@demo.gov.uk", "Priya Shah (Kent)", Roles.Preparer, "E10000016"),
        ("approver.kent@demo.gov.uk", "Alan Brooks (Kent)", Roles.Approver, "E10000016"),
        ("preparer.camden@demo.gov.uk", "Chloe Adeyemi (Camden)", Roles.Preparer, "E09000007"),
        ("approver.camden@demo.gov.uk", "Daniel Cohen (Camden)", Roles.Approver, "E09000007"),
        ("preparer.manchester@demo.gov.uk", "Mo Hussain (Manchester)", Roles.Preparer, "E08000003"),
        ("approver.manchester@demo.gov.uk", "Grace Lee (Manchester)", Roles.Approver, "E08000003"),
        ("preparer.blackpool@demo.gov.uk", "Sam Patel (Blackpool)", Roles.Preparer, "E06000009"),
        ("approver.blackpool@demo.gov.uk", "Alex Morgan (Blackpool)", Roles.Approver, "E06000009"),
        ("national@demo.gov.uk", "Nia Evans (national team)", Roles.NationalTeam, null),
        ("official@demo.gov.uk", "Oliver King (DfE official)", Roles.Official, null),
        ("admin@demo.gov.uk", "Ada Quinn (admin)", Roles.Admin, null),
    ];

    /// <summary>The local demo's API tokens, one per demo authority; listed in the README for the local demo only.</summary>
    public static readonly IReadOnlyList<(string Authority, string Token)> DemoTokens =
    [
        ("E10000016", "nr_demo-kent-local-only-4f1c9a7e2b6d"),
        ("E09000007", "nr_demo-camden-local-only-8a3e5c1f9d2b"),
        ("E08000003", "nr_demo-manchester-local-only-6b2d8f4a1c9e"),
        ("E06000009", "nr_demo-blackpool-local-only-3e7a9c5b2f1d"),
    ];

    public sealed class Handler(RoleManager<IdentityRole> roles, UserManager<UserAccount> users, AuditLog audit, ApiClients.Handler clients, NationalReturnsDbContext db)
    {
        public async Task EnsureRolesAsync()
        {
            foreach (var role in Roles.All)
            {
                if (!await roles.RoleExistsAsync(role))
                {
                    Check(await roles.CreateAsync(new IdentityRole(role)));
                }
            }
        }

        public async Task EnsureDemoAccountsAsync()
        {
            foreach (var (email, name, role, authority) in DemoAccounts)
            {
                if (await users.FindByEmailAsync(email) is not null)
                {
                    continue;
                }

                var user = new UserAccount { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, AuthorityCode = authority };
                Check(await users.CreateAsync(user, DemoPassword));
                Check(await users.AddToRoleAsync(user, role));
                await audit.RecordAsync(AuditActions.PermissionGranted, authority, detail: $"Demo account {email} created with role {role}", actor: "system (local demo)");
            }
        }

        public async Task EnsureDemoApiClientsAsync()
        {
            foreach (var (authority, token) in DemoTokens)
            {
                var hash = ApiTokens.Hash(token);
                if (!await db.ApiClients.AnyAsync(c => c.TokenHash == hash))
                {
                    await clients.IssueAsync(authority, "Demo client", "system (local demo)", token, CancellationToken.None);
                }
            }
        }

        private static void Check(IdentityResult result)
        {
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
            }
        }
    }
}
