using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NationalReturns.Web.Data;
using NationalReturns.Web.Features.Account;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Account;
using NationalReturns.Web.Tests.Infrastructure;

namespace NationalReturns.Web.Tests.Browser;

public class AccountInBrowserTests(WebApp app, Browser browser) : BrowserTest(app, browser)
{
    [Fact]
    public async Task PasswordInput_ShowButton_RevealsWhatWasTypedAndHidesItAgain()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/account/sign-in", new() { WaitUntil = WaitUntilState.NetworkIdle });
        await page.Locator("#password").FillAsync("harbour pencil thistle");
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Show password" });

        await toggle.ClickAsync();
        var shown = await page.Locator("#password").GetAttributeAsync("type");
        await page.GetByRole(AriaRole.Button, new() { Name = "Hide password" }).ClickAsync();

        Assert.Equal("text", shown);
        Assert.Equal("password", await page.Locator("#password").GetAttributeAsync("type"));
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task Invitation_InChromium_SetsAPasswordOnAnAccessiblePageAndLandsOnTheReturns()
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var user = new UserAccount { UserName = "jo@camden.gov.uk", Email = "jo@camden.gov.uk", EmailConfirmed = true, DisplayName = "Jo Smith", AuthorityCode = "E09000007" };
            await scope.ServiceProvider.GetRequiredService<Passwords.Handler>().InviteAsync(user, Roles.Preparer, "An admin", CancellationToken.None);
        }

        var link = AccountSecurityTests.LinkIn((await App.WithDbAsync(db => db.OutboxMessages.SingleAsync())).Body);
        var page = await NewPageAsync();
        await page.GotoAsync(link, new() { WaitUntil = WaitUntilState.NetworkIdle });
        Assert.Equal("Set your password", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));

        // A mistake first: the error summary says what is wrong and links to the field.
        await page.Locator("#password").FillAsync("harbour pencil thistle");
        await page.Locator("#confirm").FillAsync("harbour pencil thistles");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set password and sign in" }).ClickAsync();
        Assert.Contains("The passwords do not match", await page.Locator(".govuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));
        await ScreenshotAsync(page, "account-set-password-error");

        await page.Locator("#password").FillAsync("harbour pencil thistle");
        await page.Locator("#confirm").FillAsync("harbour pencil thistle");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set password and sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/your-returns", StringComparison.Ordinal));
        Assert.Contains("Sign out (Jo Smith)", await page.Locator("[data-field=signed-in-as]").InnerTextAsync(), StringComparison.Ordinal);

        await page.GotoAsync("/account/change-password", new() { WaitUntil = WaitUntilState.NetworkIdle });
        Assert.Equal("Change your password", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));

        await page.GotoAsync(link, new() { WaitUntil = WaitUntilState.NetworkIdle });
        Assert.Equal("This link has expired or has been used", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));
        Assert.DoesNotContain(ConsoleErrors, e => !e.Contains("410", StringComparison.Ordinal));
    }
}
