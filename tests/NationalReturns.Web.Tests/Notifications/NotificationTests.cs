using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;
using NationalReturns.Web.Features.Notifications;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;

namespace NationalReturns.Web.Tests.Notifications;

public class NotificationTests(WebApp app) : WebAppTest(app)
{
    /// <summary>Moves the current quarter's due date so that today is <paramref name="daysBefore"/> days before it.</summary>
    private async Task DueInAsync(int daysBefore)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var windows = scope.ServiceProvider.GetRequiredService<CollectionCalendar>();
        var db = scope.ServiceProvider.GetRequiredService<NationalReturnsDbContext>();
        db.CollectionWindowSettings.Add(new CollectionWindowSetting
        {
            Period = windows.Current.UrlSegment,
            OpensOn = windows.Current.End.AddDays(1),
            DueOn = windows.Today.AddDays(daysBefore),
            ChangedBy = "test",
        });
        await db.SaveChangesAsync();
    }

    private async Task<string> RunAsync<THandler>(Func<THandler, Task<string>> run)
        where THandler : notnull
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await run(scope.ServiceProvider.GetRequiredService<THandler>());
    }

    [Fact]
    public async Task Reminders_FourteenDaysBeforeDue_GoOnceToStaffOfAuthoritiesThatHaveNotSubmitted()
    {
        await DueInAsync(14);
        await App.CreateAccountAsync("sam@blackpool.test", Roles.Preparer, "E06000009");
        await App.CreateAccountAsync("alex@blackpool.test", Roles.Approver, "E06000009");
        await App.CreateAccountAsync("priya@kent.test", Roles.Preparer, "E10000016");
        await App.CreateAccountAsync("nia@national.test", Roles.NationalTeam, null);
        var current = App.Services.CreateScope().ServiceProvider.GetRequiredService<CollectionCalendar>().Current.UrlSegment;
        await App.WithDbAsync(async db =>
        {
            db.AuthorityReturns.Add(new AuthorityReturn { AuthorityCode = "E10000016", Period = current, Status = ReturnStatus.Submitted });
            return await db.SaveChangesAsync();
        });

        var first = await RunAsync<SendReminders.Handler>(h => h.HandleAsync(CancellationToken.None));
        var second = await RunAsync<SendReminders.Handler>(h => h.HandleAsync(CancellationToken.None));

        Assert.StartsWith("2 14-day reminders queued", first, StringComparison.Ordinal);
        Assert.StartsWith("0 14-day reminders queued", second, StringComparison.Ordinal);
        var messages = await App.WithDbAsync(db => db.OutboxMessages.OrderBy(m => m.To).ToListAsync());
        Assert.Equal(["alex@blackpool.test", "sam@blackpool.test"], messages.Select(m => m.To));
        Assert.All(messages, m => Assert.Contains("is due in 14 days", m.Subject, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reminders_ThreeDaysBeforeDue_AreRecordedOncePerAuthorityForTheTracker()
    {
        await DueInAsync(3);
        await App.CreateAccountAsync("sam@blackpool.test", Roles.Preparer, "E06000009");
        await App.CreateAccountAsync("alex@blackpool.test", Roles.Approver, "E06000009");
        await App.CreateAccountAsync("priya@kent.test", Roles.Preparer, "E10000016");
        var current = App.Services.CreateScope().ServiceProvider.GetRequiredService<CollectionCalendar>().Current.UrlSegment;

        await RunAsync<SendReminders.Handler>(h => h.HandleAsync(CancellationToken.None));
        await RunAsync<SendReminders.Handler>(h => h.HandleAsync(CancellationToken.None));

        var reminders = await App.WithDbAsync(db => db.ReturnReminders.OrderBy(r => r.AuthorityCode).ToListAsync());
        Assert.Equal([("E06000009", 2), ("E10000016", 1)], reminders.Select(r => (r.AuthorityCode, r.Recipients)));
        Assert.All(reminders, r => Assert.Equal((current, Reminders.Scheduled), (r.Period, r.SentBy)));
        Assert.Contains($"http://localhost/returns/E06000009/{current}", await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.To == "sam@blackpool.test").Select(m => m.Body).SingleAsync()), StringComparison.Ordinal);
        using var national = await App.SignedInAsync(Roles.NationalTeam);
        var tracker = await Pages.GetAsync(national, "/returns");
        Assert.Equal(App.Clock.GetUtcNow().ToString("d MMM yyyy", English.Culture), Returns.ReturnFiles.ReturnRows(tracker).Single(r => r.QuerySelector("a[href^='/returns/E06000009/']") is not null).QuerySelector("[data-field=last-reminder]")!.Text());
    }

    [Fact]
    public async Task Reminders_OnAnOrdinaryDay_QueueNothing()
    {
        await DueInAsync(9);
        await App.CreateAccountAsync("sam@blackpool.test", Roles.Preparer, "E06000009");

        var outcome = await RunAsync<SendReminders.Handler>(h => h.HandleAsync(CancellationToken.None));

        Assert.Contains("no reminders today", outcome, StringComparison.Ordinal);
        Assert.Equal(0, await App.WithDbAsync(db => db.OutboxMessages.CountAsync()));
    }

    [Fact]
    public async Task Overdue_TheDayAfterTheDueDate_NoticeIsQueued()
    {
        await DueInAsync(-1);
        await App.CreateAccountAsync("sam@blackpool.test", Roles.Preparer, "E06000009");

        var outcome = await RunAsync<SendReminders.Handler>(h => h.HandleAsync(CancellationToken.None));

        Assert.StartsWith("1 overdue notices queued", outcome, StringComparison.Ordinal);
        Assert.StartsWith("Overdue:", await App.WithDbAsync(db => db.OutboxMessages.Select(m => m.Subject).SingleAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digest_RunTwiceInADay_GoesOnceToEachNationalTeamMember()
    {
        await App.CreateAccountAsync("nia@national.test", Roles.NationalTeam, null);
        await App.CreateAccountAsync("sam@blackpool.test", Roles.Preparer, "E06000009");

        await RunAsync<SendDigest.Handler>(h => h.HandleAsync(CancellationToken.None));
        await RunAsync<SendDigest.Handler>(h => h.HandleAsync(CancellationToken.None));

        var digest = Assert.Single(await App.WithDbAsync(db => db.OutboxMessages.ToListAsync()));
        Assert.Equal("nia@national.test", digest.To);
        Assert.Contains("not started: 153", digest.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outbox_DeliveredToThePickupFolder_IsMarkedSentAndWrittenOnce()
    {
        await RunAsync<Outbox>(o => o.EnqueueAsync("test:1", "sam@blackpool.test", "Hello", "A body", secret: false, CancellationToken.None).ContinueWith(_ => ""));
        var folder = App.Services.GetRequiredService<EmailSender>().PickupFolder;
        var before = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml").Length : 0;

        Assert.Equal("1 sent, 0 failed", await RunAsync<DeliverOutbox.Handler>(h => h.HandleAsync(CancellationToken.None)));
        Assert.Equal("0 sent, 0 failed", await RunAsync<DeliverOutbox.Handler>(h => h.HandleAsync(CancellationToken.None)));

        Assert.Equal(before + 1, Directory.GetFiles(folder, "*.eml").Length);
        Assert.NotNull(await App.WithDbAsync(db => db.OutboxMessages.Select(m => m.SentAt).SingleAsync()));
    }
}
