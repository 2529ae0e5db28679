using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;
using NationalReturns.Web.Tests.Returns;

namespace NationalReturns.Web.Tests.Notifications;

/// <summary>The national team reminds authorities from the tracker (issue 18, "Nobody waits unawares").</summary>
public class ReminderNowTests(WebApp app) : WebAppTest(app)
{
    private const string Blackpool = ReturnFiles.Blackpool;
    private const string Kent = ReturnFiles.Kent;
    private const string Manchester = "E08000003";

    /// <summary>The quarter being collected on the test clock's day (2026-27 Q2, overdue since 11 November).</summary>
    private string Current
    {
        get
        {
            using var scope = App.Services.CreateScope();
            return scope.ServiceProvider.GetRequiredService<CollectionCalendar>().Current.UrlSegment;
        }
    }

    private async Task StatusAsync(string onsCode, ReturnStatus status)
    {
        var period = Current;
        await App.WithDbAsync(async db =>
        {
            db.AuthorityReturns.Add(new AuthorityReturn { AuthorityCode = onsCode, Period = period, Status = status });
            return await db.SaveChangesAsync();
        });
    }

    private static async Task<HttpResponseMessage> RemindAsync(HttpClient client, string tracker, params (string Name, string Value)[] fields)
    {
        var token = await WebApp.AntiforgeryTokenAsync(client, tracker);
        return await client.PostAsync("/returns/reminders", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]));
    }

    private static IElement Row(IDocument tracker, string onsCode) =>
        ReturnFiles.ReturnRows(tracker).Single(r => r.QuerySelector("td:first-child > a")!.GetAttribute("href")!.StartsWith($"/returns/{onsCode}/", StringComparison.Ordinal));

    [Fact]
    public async Task Tracker_NationalTeam_OffersACheckboxOnlyOnRowsAwaitingTheAuthority()
    {
        await StatusAsync(Blackpool, ReturnStatus.Draft);
        await StatusAsync(Kent, ReturnStatus.Submitted);
        await StatusAsync(Manchester, ReturnStatus.Queried);
        using var national = await App.SignedInAsync(Roles.NationalTeam);
        using var admin = await App.SignedInAsync(Roles.Admin);

        var tracker = await Pages.GetAsync(national, "/returns");

        var blackpool = Row(tracker, Blackpool).QuerySelector("input[type=checkbox][name=codes]");
        Assert.Equal(Blackpool, blackpool?.GetAttribute("value"));
        Assert.Equal("Remind Blackpool", tracker.QuerySelector($"label[for={blackpool!.Id}] .govuk-visually-hidden")!.Text());
        Assert.NotNull(Row(tracker, Manchester).QuerySelector("input[type=checkbox][name=codes]"));
        Assert.Null(Row(tracker, Kent).QuerySelector("input[type=checkbox]"));
        // Every row awaiting its authority (150 not started, a draft, a queried one), and nothing else.
        Assert.Equal(152, tracker.QuerySelectorAll("form#reminders input[type=checkbox][name=codes]").Length);
        Assert.Equal("Remind all 152 overdue authorities shown", tracker.QuerySelector("form#reminders button[value=overdue]")!.Text());
        Assert.Empty((await Pages.GetAsync(admin, "/returns")).QuerySelectorAll("input[type=checkbox][name=codes]"));
    }

    [Fact]
    public async Task SendReminderNow_TwoAuthoritiesTicked_EmailsExactlyTheirStaffRecordsAuditsAndTheTrackerShowsTheDate()
    {
        await StatusAsync(Blackpool, ReturnStatus.Draft);
        await App.CreateAccountAsync("sam@blackpool.test", Roles.Preparer, Blackpool);
        await App.CreateAccountAsync("alex@blackpool.test", Roles.Approver, Blackpool);
        await App.CreateAccountAsync("priya@kent.test", Roles.Preparer, Kent);
        await App.CreateAccountAsync("omar@manchester.test", Roles.Preparer, Manchester);
        using var national = await App.SignedInAsync(Roles.NationalTeam);
        var period = Current;

        using var sent = await RemindAsync(national, "/returns", ("period", period), ("region", ""), ("status", ""), ("codes", Blackpool), ("codes", Kent), ("send", "selected"));

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var back = sent.Headers.Location!.OriginalString;
        Assert.StartsWith($"/returns?period={period}&region=&status=&reminded=2&people=3", back, StringComparison.Ordinal);
        var messages = await App.WithDbAsync(db => db.OutboxMessages.OrderBy(m => m.To).ToListAsync());
        Assert.Equal(["alex@blackpool.test", "priya@kent.test", "sam@blackpool.test"], messages.Select(m => m.To));
        var toSam = messages.Single(m => m.To == "sam@blackpool.test");
        Assert.Equal("Overdue: Blackpool's 2026-27 Q2 Supporting Families return", toSam.Subject);
        Assert.Contains("Blackpool's 2026-27 Q2 return was due on 11 November 2026 and has not been submitted. It is a draft.", toSam.Body, StringComparison.Ordinal);
        Assert.Contains($"http://localhost/returns/{Blackpool}/{period}", toSam.Body, StringComparison.Ordinal);
        Assert.Contains($"http://localhost/returns/{Kent}/{period}", messages.Single(m => m.To == "priya@kent.test").Body, StringComparison.Ordinal);
        Assert.Contains("It is not started.", messages.Single(m => m.To == "priya@kent.test").Body, StringComparison.Ordinal);

        var reminders = await App.WithDbAsync(db => db.ReturnReminders.OrderBy(r => r.AuthorityCode).ToListAsync());
        Assert.Equal([(Blackpool, 2), (Kent, 1)], reminders.Select(r => (r.AuthorityCode, r.Recipients)));
        Assert.All(reminders, r => Assert.Equal(period, r.Period));
        Assert.All(reminders, r => Assert.Equal("Test NationalTeam", r.SentBy));
        var audited = await App.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == AuditActions.ReminderSent).OrderBy(e => e.AuthorityCode).ToListAsync());
        Assert.Equal([Blackpool, Kent], audited.Select(e => e.AuthorityCode));
        Assert.All(audited, e => Assert.Equal(period, e.Period));

        var tracker = await Pages.GetAsync(national, back);
        Assert.Equal("Reminder sent to 2 authorities (3 people)", tracker.QuerySelector("[data-field=reminded]")!.Text());
        Assert.Null(tracker.QuerySelector("[data-field=reminders-skipped]"));
        Assert.Equal("30 Nov 2026", Row(tracker, Blackpool).QuerySelector("[data-field=last-reminder]")!.Text());
        Assert.Equal("30 Nov 2026", Row(tracker, Kent).QuerySelector("[data-field=last-reminder]")!.Text());
        Assert.Equal("", Row(tracker, Manchester).QuerySelector("[data-field=last-reminder]")!.Text());
    }

    [Fact]
    public async Task SendReminderNow_SubmittedAuthorityPostedAnyway_IsSkippedAndNamed()
    {
        await StatusAsync(Kent, ReturnStatus.Submitted);
        await App.CreateAccountAsync("sam@blackpool.test", Roles.Preparer, Blackpool);
        await App.CreateAccountAsync("priya@kent.test", Roles.Preparer, Kent);
        using var national = await App.SignedInAsync(Roles.NationalTeam);

        using var sent = await RemindAsync(national, "/returns", ("period", Current), ("codes", Blackpool), ("codes", Kent), ("codes", "E99999999"));

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(["sam@blackpool.test"], await App.WithDbAsync(db => db.OutboxMessages.Select(m => m.To).ToListAsync()));
        Assert.Equal([Blackpool], await App.WithDbAsync(db => db.ReturnReminders.Select(r => r.AuthorityCode).ToListAsync()));
        var tracker = await Pages.GetAsync(national, sent.Headers.Location!.OriginalString);
        Assert.Equal("Reminder sent to 1 authority (1 person)", tracker.QuerySelector("[data-field=reminded]")!.Text());
        Assert.Equal(["Kent: its return is submitted, so it no longer waits on them"], tracker.Texts("[data-field=reminders-skipped] li"));
    }

    [Fact]
    public async Task SendReminderNow_NothingTicked_ShowsTheErrorSummaryAndSendsNothing()
    {
        await App.CreateAccountAsync("sam@blackpool.test", Roles.Preparer, Blackpool);
        using var national = await App.SignedInAsync(Roles.NationalTeam);

        using var response = await RemindAsync(national, "/returns?region=North%20West", ("period", Current), ("region", "North West"), ("status", ""), ("send", "selected"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Pages.ParseAsync(response);
        Assert.Equal(["Select at least one authority to remind"], page.ErrorMessages());
        Assert.StartsWith("Error:", page.Title, StringComparison.Ordinal);
        Assert.Equal($"#remind-{page.QuerySelector("form#reminders input[name=codes]")!.GetAttribute("value")}", page.QuerySelector(".govuk-error-summary a")!.GetAttribute("href"));
        // Shown again as it was filtered.
        Assert.Contains("Blackpool", ReturnFiles.ReturnNames(page));
        Assert.DoesNotContain("Kent", ReturnFiles.ReturnNames(page));
        Assert.Equal(0, await App.WithDbAsync(db => db.OutboxMessages.CountAsync()));
        Assert.Equal(0, await App.WithDbAsync(db => db.ReturnReminders.CountAsync()));
    }

    [Fact]
    public async Task SendReminderNow_EveryOverdueShown_RemindsOnlyThoseTheFiltersShow()
    {
        await StatusAsync(Blackpool, ReturnStatus.Draft);
        await StatusAsync(Kent, ReturnStatus.Draft);
        await App.CreateAccountAsync("sam@blackpool.test", Roles.Preparer, Blackpool);
        await App.CreateAccountAsync("priya@kent.test", Roles.Preparer, Kent);
        using var national = await App.SignedInAsync(Roles.NationalTeam);

        using var sent = await RemindAsync(national, "/returns?region=North%20West&status=Draft", ("period", Current), ("region", "North West"), ("status", "Draft"), ("send", "overdue"));

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(["sam@blackpool.test"], await App.WithDbAsync(db => db.OutboxMessages.Select(m => m.To).ToListAsync()));
        Assert.Contains("region=North%20West&status=Draft&reminded=1&people=1", sent.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendReminderNow_PreparerOrOfficial_IsForbidden()
    {
        using var preparer = await App.SignedInAsync(Roles.Preparer, Blackpool);
        using var official = await App.SignedInAsync(Roles.Official);

        using var byPreparer = await RemindAsync(preparer, "/account/sign-in", ("codes", Blackpool));
        using var byOfficial = await RemindAsync(official, "/account/sign-in", ("codes", Blackpool));

        Assert.Equal(HttpStatusCode.Forbidden, byPreparer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byOfficial.StatusCode);
        Assert.Equal(0, await App.WithDbAsync(db => db.OutboxMessages.CountAsync()));
    }
}
