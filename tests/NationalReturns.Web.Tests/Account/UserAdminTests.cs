using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;

namespace NationalReturns.Web.Tests.Account;

public class UserAdminTests(WebApp app) : WebAppTest(app)
{
    private static async Task<IDocument> PostAsync(HttpClient admin, string url, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await WebApp.AntiforgeryTokenAsync(admin, "/admin/users");
        using var response = await admin.PostAsync(url, new FormUrlEncodedContent(fields));
        return await Pages.ParseAsync(response);
    }

    [Fact]
    public async Task Admin_AddsChangesAndDisablesAPerson_WithEveryChangeAudited()
    {
        using var admin = await App.SignedInAsync(Roles.Admin);

        var refused = await PostAsync(admin, "/admin/users", new() { ["email"] = "jo@camden.gov.uk", ["name"] = "Jo Smith", ["role"] = Roles.Preparer, ["authority"] = "" });
        Assert.Equal(["Choose the authority a preparer or approver works for"], refused.ErrorMessages());

        var added = await PostAsync(admin, "/admin/users", new() { ["email"] = "jo@camden.gov.uk", ["name"] = "Jo Smith", ["role"] = Roles.Preparer, ["authority"] = "E09000007" });
        Assert.Equal("jo@camden.gov.uk added and emailed an invitation to set their password (the link works once, for 5 days).", added.QuerySelector("[data-field=message]")!.Text());
        var jo = await App.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == "jo@camden.gov.uk"));
        Assert.Equal("E09000007", jo.AuthorityCode);
        var welcome = await App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.To == "jo@camden.gov.uk"));
        Assert.Contains("/account/set-password?user=", welcome.Body, StringComparison.Ordinal);
        Assert.True(welcome.Secret);
        Assert.Null(jo.PasswordHash); // no password exists until Jo sets one

        await PostAsync(admin, $"/admin/users/{jo.Id}", new() { ["role"] = Roles.NationalTeam, ["authority"] = "E09000007" });
        var changed = await App.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == "jo@camden.gov.uk"));
        Assert.Null(changed.AuthorityCode); // the national team belongs to no authority
        Assert.Contains(await App.WithDbAsync(db => db.UserRoles.Where(r => r.UserId == jo.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync()), r => r == Roles.NationalTeam);

        await PostAsync(admin, $"/admin/users/{jo.Id}/disable", []);
        // Disabling spends the invitation too: the link no longer sets a password.
        using var joClient = App.CreateHttpClient();
        using var link = await joClient.GetAsync(AccountSecurityTests.LinkIn(welcome.Body));
        Assert.Equal(HttpStatusCode.Gone, link.StatusCode);

        var audit = await App.WithDbAsync(db => db.AuditEvents.Select(e => e.Action).ToListAsync());
        Assert.Contains("permission-granted", audit);
        Assert.Contains("permission-changed", audit);
        Assert.Contains("permission-revoked", audit);
    }
}
