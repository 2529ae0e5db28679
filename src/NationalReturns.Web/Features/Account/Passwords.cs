using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using NationalReturns.Web.Data;
using NationalReturns.Web.Features.Notifications;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Account;

/// <summary>
/// Signing in, and every way a password is set: a new person's invitation, a forgotten password, a change.
/// No password is ever emailed or kept: an invitation or reset is a single-use link (valid five days and two
/// hours), spent when the password is set, and its email body is dropped from the outbox once sent. A wrong
/// password, an unknown address and a disabled account get the same answer in about the same time.
/// </summary>
public static class Passwords
{
    public enum Purpose
    {
        Invitation,
        Reset,
    }

    /// <param name="Device">Where the attempt comes from (the client's address, as forwarded by a trusted proxy).</param>
    public sealed record SignInCommand(string Email, string Password, string Device);

    /// <param name="StartPage">Where the person goes next when signed in.</param>
    public sealed record SignInResult(string? Error, string? StartPage);

    public sealed record SetCommand(string UserId, string Token, Purpose Purpose, string? Password, string? Confirm);

    /// <param name="Expired">The link has expired or been used: the page offers a new one.</param>
    public sealed record SetResult(IReadOnlyList<(string Field, string Message)> Errors, bool Expired, string? StartPage);

    public const string WrongDetails = "Enter a correct email address and password";

    public sealed class Handler(
        UserManager<UserAccount> users,
        SignInManager<UserAccount> signIn,
        IPasswordHasher<UserAccount> hasher,
        SignInThrottle throttle,
        Outbox outbox,
        Sessions sessions,
        AuditLog audit,
        Microsoft.Extensions.Options.IOptions<SiteOptions> site,
        IMemoryCache cache,
        TimeProvider clock)
    {
        /// <summary>Reset emails one address gets in an hour, so the form cannot be used to flood someone's inbox.</summary>
        public const int ResetEmailsPerHour = 5;

        private static readonly UserAccount Nobody = new() { DisplayName = "nobody", UserName = "nobody" };
        private static string? _nobodysHash;

        /// <summary>Ends the session on the server: the cookie, wherever it has been copied, no longer signs anyone in.</summary>
        public async Task SignOutAsync(CancellationToken ct)
        {
            await audit.RecordAsync(AuditActions.SignOut, ct: ct);
            await signIn.SignOutAsync();
        }

        public async Task<SignInResult> SignInAsync(SignInCommand command, CancellationToken ct)
        {
            var email = command.Email.Trim();
            if (throttle.Wait(command.Device, email) is { } wait)
            {
                await audit.RecordAsync(AuditActions.SignInThrottled, actor: email, ct: ct);
                var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
                return new SignInResult($"There have been too many attempts to sign in as this address from your device. Wait {minutes} {(minutes == 1 ? "minute" : "minutes")} and try again, or reset your password.", null);
            }

            var user = await users.FindByEmailAsync(email);
            var usable = user is not null && user.PasswordHash is not null && !await users.IsLockedOutAsync(user);
            if (!usable)
            {
                // The same work as checking a real password, so the answer takes as long whether or not the account exists.
                hasher.VerifyHashedPassword(Nobody, NobodysHash(), command.Password);
            }
            else if ((await signIn.CheckPasswordSignInAsync(user!, command.Password, lockoutOnFailure: false)).Succeeded)
            {
                throttle.Succeeded(command.Device, email);
                await sessions.StartAsync(user!);
                await audit.RecordAsync(AuditActions.SignIn, actor: email, ct: ct);
                return new SignInResult(null, StartPage(await users.GetRolesAsync(user!)));
            }

            throttle.Failed(command.Device, email);
            await audit.RecordAsync(AuditActions.SignInFailed, actor: email, ct: ct);
            return new SignInResult(WrongDetails, null);
        }

        /// <summary>A new person's account, without a password, and their invitation to set one.</summary>
        public async Task<IdentityResult> InviteAsync(UserAccount user, string role, string by, CancellationToken ct)
        {
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                return created;
            }

            await users.AddToRoleAsync(user, role);
            var token = await users.GenerateUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose);
            await outbox.EnqueueAsync($"invitation:{user.Id}:{user.SecurityStamp}", user.Email!, "Set up your Supporting Families returns account",
                $"Dear {user.DisplayName},\n\n{by} has made you an account as {Roles.Label(role)}. Set your password with this link within 5 days; it works once:\n\n"
                + $"{Link(user.Id, token, Purpose.Invitation)}\n\nIf the link has expired, ask for a new one on the sign-in page (\"Forgotten your password?\").\n\nSupporting Families national team",
                secret: true, ct);
            return created;
        }

        /// <summary>Answers the same whether or not the address has an account: either way one email goes to it (up to <see cref="ResetEmailsPerHour"/>).</summary>
        public async Task RequestResetAsync(string email, CancellationToken ct)
        {
            email = email.Trim();
            var sent = cache.GetOrCreate($"reset-emails:{email.ToUpperInvariant()}", entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(1);
                return new StrongBox<int>();
            })!;
            if (Interlocked.Increment(ref sent.Value) > ResetEmailsPerHour)
            {
                // The page says the same; only the email is held back.
                await audit.RecordAsync(AuditActions.PasswordResetHeldBack, detail: $"more than {ResetEmailsPerHour} in an hour", actor: email, ct: ct);
                return;
            }

            var user = await users.FindByEmailAsync(email);
            if (user is null || (await users.IsLockedOutAsync(user) && user.LockoutEnd > clock.GetUtcNow().AddYears(50)))
            {
                await outbox.EnqueueAsync($"reset-no-account:{email}:{Guid.NewGuid():N}", email, "Resetting your Supporting Families returns password",
                    "Someone asked to reset the password for this email address, but it has no account on the Supporting Families returns service, "
                    + "or the account is disabled. If you need one, ask your authority's administrator or the national team. If it was not you, you need do nothing.\n\nSupporting Families national team",
                    secret: false, ct);
                await audit.RecordAsync(AuditActions.PasswordResetRequested, detail: "no usable account", actor: email, ct: ct);
                return;
            }

            var token = await users.GeneratePasswordResetTokenAsync(user);
            await outbox.EnqueueAsync($"reset:{user.Id}:{Guid.NewGuid():N}", user.Email!, "Reset your Supporting Families returns password",
                $"Dear {user.DisplayName},\n\nSet a new password with this link within 2 hours; it works once:\n\n{Link(user.Id, token, Purpose.Reset)}\n\n"
                + "If you did not ask for this, you need do nothing: your password has not changed.\n\nSupporting Families national team",
                secret: true, ct);
            await audit.RecordAsync(AuditActions.PasswordResetRequested, user.AuthorityCode, actor: email, ct: ct);
        }

        /// <summary>Whether the link can still set a password: not expired, not used, for an account that exists.</summary>
        public async Task<bool> LinkWorksAsync(string userId, string token, Purpose purpose) =>
            await users.FindByIdAsync(userId) is { } user && await VerifyAsync(user, token, purpose);

        public async Task<SetResult> SetAsync(SetCommand command, CancellationToken ct)
        {
            if (await users.FindByIdAsync(command.UserId) is not { } user || !await VerifyAsync(user, command.Token, command.Purpose))
            {
                return new SetResult([], Expired: true, null);
            }

            if (Problems(command.Password, command.Confirm) is { Count: > 0 } problems)
            {
                return new SetResult(problems, false, null);
            }

            var result = command.Purpose == Purpose.Invitation
                ? await users.AddPasswordAsync(user, command.Password!)
                : await users.ResetPasswordAsync(user, command.Token, command.Password!);
            if (!result.Succeeded)
            {
                return new SetResult(result.Errors.Select(e => ("password", e.Description)).ToList(), false, null);
            }

            // Setting the password spends the link (the security stamp changes) and ends any other session.
            await sessions.EndAllAsync(user.Id, ct);
            await sessions.StartAsync(user);
            await audit.RecordAsync(command.Purpose == Purpose.Invitation ? AuditActions.PasswordSet : AuditActions.PasswordReset, user.AuthorityCode, actor: user.Email, ct: ct);
            return new SetResult([], false, StartPage(await users.GetRolesAsync(user)));
        }

        /// <summary>A signed-in person changes their password: every session of theirs ends, and this one starts afresh.</summary>
        public async Task<IReadOnlyList<(string Field, string Message)>> ChangeAsync(ClaimsPrincipal principal, string? current, string? password, string? confirm, CancellationToken ct)
        {
            if (await users.GetUserAsync(principal) is not { } user)
            {
                return [("current", "Sign in again to change your password")];
            }

            var problems = new List<(string, string)>();
            if (string.IsNullOrEmpty(current))
            {
                problems.Add(("current", "Enter your current password"));
            }

            problems.AddRange(Problems(password, confirm));
            if (problems.Count > 0)
            {
                return problems;
            }

            var changed = await users.ChangePasswordAsync(user, current!, password!);
            if (!changed.Succeeded)
            {
                return changed.Errors.Select(e => e.Code == "PasswordMismatch" ? ("current", "Your current password is not right") : ("password", e.Description)).ToList();
            }

            await sessions.EndAllAsync(user.Id, ct);
            await sessions.StartAsync(user);
            await audit.RecordAsync(AuditActions.PasswordChanged, user.AuthorityCode, ct: ct);
            return [];
        }

        /// <summary>Where each role's work is: their returns, the tracker, the indicators, the people admins look after.</summary>
        public static string StartPage(IList<string> roles) =>
            roles.Contains(Roles.Preparer) || roles.Contains(Roles.Approver) ? "/your-returns"
            : roles.Contains(Roles.NationalTeam) ? "/returns"
            : roles.Contains(Roles.Official) ? "/indicators"
            : roles.Contains(Roles.Admin) ? "/admin/users"
            : "/";

        private Task<bool> VerifyAsync(UserAccount user, string token, Purpose purpose) =>
            purpose == Purpose.Invitation
                ? users.VerifyUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose, token)
                : users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<UserAccount>.ResetPasswordTokenPurpose, token);

        private static List<(string Field, string Message)> Problems(string? password, string? confirm)
        {
            var problems = new List<(string, string)>();
            if (string.IsNullOrEmpty(password))
            {
                problems.Add(("password", "Enter a new password"));
            }
            else if (password.Length < 12)
            {
                problems.Add(("password", "Your password must be at least 12 characters: three random words make a good one"));
            }
            else if (password != confirm)
            {
                problems.Add(("confirm", "The passwords do not match: type the same password twice"));
            }

            return problems;
        }

        private string Link(string userId, string token, Purpose purpose)
        {
            return $"{site.Value.Root}/account/set-password?user={Uri.EscapeDataString(userId)}&purpose={purpose.ToString().ToLowerInvariant()}&token={Uri.EscapeDataString(token)}";
        }

        private string NobodysHash() => _nobodysHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N"));
    }
}
