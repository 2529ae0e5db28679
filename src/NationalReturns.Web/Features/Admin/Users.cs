using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Areas;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Admin;

/// <summary>
/// Admins add people, give each one role (and, for preparers and approvers, their authority), change it,
/// and disable accounts. Every change is in the audit log; a new person is emailed an invitation to set their own password.
/// </summary>
public static class Users
{
    public sealed record Line(string Id, string Email, string Name, string Role, string? AuthorityCode, string? AuthorityName, bool Disabled);

    public sealed record Page(IReadOnlyList<Line> People, IReadOnlyList<(string Code, string Name)> Authorities, string? Message, string? Error);

    public sealed record Change(string? Email, string? Name, string? Role, string? Authority);

    public sealed class Handler(NationalReturnsDbContext db, UserManager<UserAccount> users, AuditLog audit, Account.Passwords.Handler passwords, Sessions sessions, TimeProvider clock)
    {
        public async Task<Page> ListAsync(string? message, string? error, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var people = await (from user in db.Users.AsNoTracking()
                                join link in db.UserRoles on user.Id equals link.UserId into links
                                from link in links.DefaultIfEmpty()
                                join role in db.Roles on link.RoleId equals role.Id into roles
                                from role in roles.DefaultIfEmpty()
                                orderby user.Email
                                select new Line(user.Id, user.Email!, user.DisplayName, role != null ? role.Name! : "", user.AuthorityCode,
                                    user.Authority != null ? user.Authority!.Name : null, user.LockoutEnd != null && user.LockoutEnd > now.AddYears(50)))
                .ToListAsync(ct);
            var authorities = (await db.LocalAuthorities.AsNoTracking().Where(a => a.ValidTo == null).OrderBy(a => a.Name).Select(a => new { a.OnsCode, a.Name }).ToListAsync(ct))
                .Select(a => (a.OnsCode, a.Name)).ToList();
            return new Page(people, authorities, message, error);
        }

        /// <summary>Done when added and invited; otherwise refused with what is wrong.</summary>
        public async Task<Outcome> AddAsync(Change change, string by, CancellationToken ct)
        {
            if (Problem(change) is { } problem)
            {
                return Outcome.Invalid(problem);
            }

            var email = change.Email!.Trim();
            if (await users.FindByEmailAsync(email) is not null)
            {
                return Outcome.Invalid($"{email} already has an account");
            }

            // No password: the person sets their own from the invitation's single-use link.
            var user = new UserAccount { UserName = email, Email = email, EmailConfirmed = true, DisplayName = change.Name!.Trim(), AuthorityCode = AuthorityFor(change) };
            var created = await passwords.InviteAsync(user, change.Role!, by, ct);
            if (!created.Succeeded)
            {
                return Outcome.Invalid(string.Join(" ", created.Errors.Select(e => e.Description)));
            }

            await audit.RecordAsync(AuditActions.PermissionGranted, user.AuthorityCode, detail: $"{email} added as {Roles.Label(change.Role!)} and invited", actor: by, ct: ct);
            return Outcome.Done;
        }

        public async Task<Outcome> ChangeAsync(string id, Change change, string by, CancellationToken ct)
        {
            if (await users.FindByIdAsync(id) is not { } user)
            {
                return Outcome.NotFound("There is no such account");
            }

            if (Problem(change with { Email = user.Email, Name = user.DisplayName }) is { } problem)
            {
                return Outcome.Invalid(problem);
            }

            var before = (await users.GetRolesAsync(user)).SingleOrDefault() ?? "";
            await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user));
            await users.AddToRoleAsync(user, change.Role!);
            var authority = AuthorityFor(change);
            var was = user.AuthorityCode;
            user.AuthorityCode = authority;
            await users.UpdateAsync(user);
            // Sign-ins carry the role and authority, so a change ends the person's sessions at once.
            await users.UpdateSecurityStampAsync(user);
            await sessions.EndAllAsync(user.Id, ct);
            await audit.RecordAsync(AuditActions.PermissionChanged, authority ?? was,
                detail: $"{user.Email}: {Roles.Label(before)}{(was is null ? "" : $" ({was})")} -> {Roles.Label(change.Role!)}{(authority is null ? "" : $" ({authority})")}", actor: by, ct: ct);
            return Outcome.Done;
        }

        public async Task DisableAsync(string id, string by, CancellationToken ct)
        {
            if (await users.FindByIdAsync(id) is not { } user)
            {
                return;
            }

            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
            await users.UpdateSecurityStampAsync(user);
            await sessions.EndAllAsync(user.Id, ct);
            await audit.RecordAsync(AuditActions.PermissionRevoked, user.AuthorityCode, detail: $"{user.Email} disabled", actor: by, ct: ct);
        }

        private static string? AuthorityFor(Change change) =>
            change.Role is Roles.Preparer or Roles.Approver && OnsCode.TryParse(change.Authority, out var code) ? code.Value : null;

        private string? Problem(Change change)
        {
            if (string.IsNullOrWhiteSpace(change.Email) || !change.Email.Contains('@', StringComparison.Ordinal))
            {
                return "Enter the person's work email address";
            }

            if (string.IsNullOrWhiteSpace(change.Name))
            {
                return "Enter the person's name";
            }

            if (change.Role is null || !Roles.All.Contains(change.Role))
            {
                return "Choose a role";
            }

            var code = OnsCode.TryParse(change.Authority, out var parsed) ? parsed.Value : null;
            if (change.Role is Roles.Preparer or Roles.Approver && (code is null || !db.LocalAuthorities.Any(a => a.OnsCode == code && a.ValidTo == null)))
            {
                return "Choose the authority a preparer or approver works for";
            }

            return null;
        }
    }
}
