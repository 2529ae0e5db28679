using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Account;

/// <summary>Signing in and out, and setting, resetting and changing a password.</summary>
[Route("account")]
public sealed class AccountController : Controller
{
    [AllowAnonymous]
    [HttpGet("sign-in")]
    public IActionResult SignIn(string? returnUrl) => View(new SignInForm { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost("sign-in")]
    [EnableRateLimiting(AccessSetup.SignInLimit)]
    public async Task<IActionResult> SignIn(SignInForm form, [FromServices] Passwords.Handler passwords, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(form.Email) || string.IsNullOrEmpty(form.Password))
        {
            form.Error = string.IsNullOrWhiteSpace(form.Email) ? "Enter your email address" : "Enter your password";
            return View(form);
        }

        var result = await passwords.SignInAsync(new Passwords.SignInCommand(form.Email, form.Password, Device()), ct);
        if (result.StartPage is { } start)
        {
            // Back to the page that asked for sign-in, if it was one of ours; otherwise where the person's work is.
            return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) && form.ReturnUrl != "/" ? form.ReturnUrl! : start);
        }

        form.Error = result.Error;
        form.Password = null;
        return View(form);
    }

    /// <summary>
    /// Every page carries the sign-out button, and a token in it cost every signed-in page two encryptions (about a
    /// sixth of its work). The token is not what protects this action: the session cookie is SameSite=Lax, so a
    /// form posted from another site arrives without it and signs no one out; <see cref="SameOriginAttribute"/>
    /// also refuses a browser's post that says it came from elsewhere.
    /// </summary>
    [HttpPost("sign-out")]
    [IgnoreAntiforgeryToken]
    [SameOrigin]
    public async Task<IActionResult> SignOut([FromServices] Passwords.Handler passwords, CancellationToken ct)
    {
        await passwords.SignOutAsync(ct);
        return LocalRedirect("/");
    }

    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] UserManager<UserAccount> accounts, bool changed = false)
    {
        if (await accounts.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        var roles = await accounts.GetRolesAsync(user);
        return View(new AccountPage(user.DisplayName, user.Email!, roles.Select(Roles.Label).FirstOrDefault() ?? "", user.AuthorityCode, changed, AccountPage.NoticesFor(roles)));
    }

    [HttpGet("change-password")]
    public IActionResult ChangePassword() => View(new PasswordForm());

    [HttpPost("change-password")]
    [EnableRateLimiting(AccessSetup.SignInLimit)]
    public async Task<IActionResult> ChangePassword([FromForm] string? current, [FromForm] string? password, [FromForm] string? confirm,
        [FromServices] Passwords.Handler passwords, CancellationToken ct)
    {
        var errors = await passwords.ChangeAsync(User, current, password, confirm, ct);
        return errors.Count == 0 ? Redirect("/account?changed=true") : View(new PasswordForm { Errors = errors });
    }

    [AllowAnonymous]
    [HttpGet("forgot-password")]
    public IActionResult ForgotPassword() => View(new ForgotForm(null, null));

    [AllowAnonymous]
    [HttpPost("forgot-password")]
    [EnableRateLimiting(AccessSetup.SignInLimit)]
    public async Task<IActionResult> ForgotPassword([FromForm] string? email, [FromServices] Passwords.Handler passwords, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal) || email.Length > 256)
        {
            return View(new ForgotForm(email, "Enter your email address, such as name@council.gov.uk"));
        }

        // The same page whether or not the address has an account.
        await passwords.RequestResetAsync(email, ct);
        return View("ForgotPasswordSent", email.Trim());
    }

    [AllowAnonymous]
    [HttpGet("set-password")]
    public async Task<IActionResult> SetPassword(string? user, string? purpose, string? token, [FromServices] Passwords.Handler passwords) =>
        Link(user, purpose, token) is { } link && await passwords.LinkWorksAsync(link.UserId, link.Token, link.Purpose)
            ? View(new PasswordForm { UserId = link.UserId, Token = link.Token, Purpose = link.Purpose })
            : LinkExpired();

    [AllowAnonymous]
    [HttpPost("set-password")]
    [EnableRateLimiting(AccessSetup.SignInLimit)]
    public async Task<IActionResult> SetPassword([FromForm] string? user, [FromForm] string? purpose, [FromForm] string? token, [FromForm] string? password, [FromForm] string? confirm,
        [FromServices] Passwords.Handler passwords, CancellationToken ct)
    {
        if (Link(user, purpose, token) is not { } link)
        {
            return LinkExpired();
        }

        var result = await passwords.SetAsync(new Passwords.SetCommand(link.UserId, link.Token, link.Purpose, password, confirm), ct);
        return result.Expired ? LinkExpired()
            : result.StartPage is { } start ? LocalRedirect(start)
            : View(new PasswordForm { UserId = link.UserId, Token = link.Token, Purpose = link.Purpose, Errors = result.Errors });
    }

    private ViewResult LinkExpired()
    {
        var page = View("LinkExpired", new ForgotForm(null, null));
        page.StatusCode = StatusCodes.Status410Gone;
        return page;
    }

    private static (string UserId, string Token, Passwords.Purpose Purpose)? Link(string? user, string? purpose, string? token) =>
        string.IsNullOrEmpty(user) || string.IsNullOrEmpty(token) || !Enum.TryParse<Passwords.Purpose>(purpose, ignoreCase: true, out var p)
            ? null
            : (user, token, p);

    private string Device() => HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

public sealed class SignInForm
{
    public string? Email { get; set; }

    public string? Password { get; set; }

    public string? ReturnUrl { get; set; }

    public string? Error { get; set; }
}

/// <summary>Setting a password from a link (user, token and purpose set) or changing one when signed in (none set).</summary>
public sealed class PasswordForm
{
    public string? UserId { get; init; }

    public string? Token { get; init; }

    public Passwords.Purpose? Purpose { get; init; }

    public IReadOnlyList<(string Field, string Message)> Errors { get; init; } = [];

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field).Message;
}

public sealed record ForgotForm(string? Email, string? Error);

public sealed record AccountPage(string Name, string Email, string Role, string? Authority, bool Changed, IReadOnlyList<string> Notices)
{
    /// <summary>The emails a person's roles bring them: the workflow's notices, and the reminders the collection sends.</summary>
    public static IReadOnlyList<string> NoticesFor(IList<string> roles)
    {
        var notices = new List<string>();
        if (roles.Contains(Roles.Preparer))
        {
            notices.AddRange(Domain.Workflow.ReturnNotices.For(Domain.Workflow.WorkflowRole.Preparer));
        }

        if (roles.Contains(Roles.Approver))
        {
            notices.AddRange(Domain.Workflow.ReturnNotices.For(Domain.Workflow.WorkflowRole.Approver));
        }

        if (roles.Contains(Roles.Preparer) || roles.Contains(Roles.Approver))
        {
            notices.Add("Reminders 14 and 3 days before a return is due, a notice the day after if it is overdue, and reminders the national team sends from its tracker, while the return still waits for your authority");
        }

        if (roles.Contains(Roles.NationalTeam))
        {
            notices.AddRange(Domain.Workflow.ReturnNotices.For(Domain.Workflow.WorkflowRole.NationalTeam));
            notices.Add("In the daily digest: the quarter's returns by status and the authorities that are overdue");
        }

        notices.Add("When you ask to reset your password");
        return notices.Distinct().ToList();
    }
}

/// <summary>The GOV.UK password input: a password field with a button to show or hide what was typed.</summary>
public sealed record PasswordInput(string Id, string Name, string Label, string Autocomplete, string? Error = null, string? Hint = null);
