using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using NationalReturns.Web.Data;

namespace NationalReturns.Web.Features.Account;

[Route("account")]
public sealed class AccountController(SignInManager<UserAccount> signIn, NationalReturns.Web.Infrastructure.AuditLog audit) : Controller
{
    [AllowAnonymous]
    [HttpGet("sign-in")]
    public IActionResult SignIn(string? returnUrl) => View(new SignInForm { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost("sign-in")]
    [Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(NationalReturns.Web.Infrastructure.AccessSetup.SignInLimit)]
    public async Task<IActionResult> SignIn(SignInForm form)
    {
        if (string.IsNullOrWhiteSpace(form.Email) || string.IsNullOrEmpty(form.Password))
        {
            form.Error = string.IsNullOrWhiteSpace(form.Email) ? "Enter your email address" : "Enter your password";
            return View(form);
        }

        var result = await signIn.PasswordSignInAsync(form.Email.Trim(), form.Password, isPersistent: false, lockoutOnFailure: true);
        await audit.RecordAsync(result.Succeeded ? "sign-in" : result.IsLockedOut ? "sign-in-locked" : "sign-in-failed", actor: form.Email.Trim());
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl! : "/");
        }

        // The same words whether the email is unknown or the password wrong, so accounts cannot be discovered.
        form.Error = result.IsLockedOut
            ? "This account is locked after too many failed attempts. Try again in 15 minutes, or ask your administrator."
            : "Enter a correct email address and password";
        form.Password = null;
        return View(form);
    }

    [HttpPost("sign-out")]
    public new async Task<IActionResult> SignOut()
    {
        await audit.RecordAsync("sign-out");
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}

public sealed class SignInForm
{
    public string? Email { get; set; }

    public string? Password { get; set; }

    public string? ReturnUrl { get; set; }

    public string? Error { get; set; }
}
