using System.Net;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;
using NationalReturns.Web.Tests.Returns;

namespace NationalReturns.Web.Tests.Workflow;

public class TrackerTests(WebApp app) : WebAppTest(app)
{
    private async Task UploadAsync(string onsCode)
    {
        using var preparer = await App.SignedInAsync(Roles.Preparer, onsCode);
        var profile = await ReturnFiles.ProfileAsync(App, onsCode);
        await ReturnFiles.UploadAndReadFeedbackAsync(preparer, onsCode, ReturnFiles.Period, ReturnFiles.FilledTemplate(profile, ReturnFiles.Demo(profile)));
    }

    [Fact]
    public async Task Tracker_FilteredByRegionAndStatus_ShowsThoseAuthoritiesAndTheSameInTheWorkbook()
    {
        await UploadAsync(ReturnFiles.Blackpool);
        await UploadAsync(ReturnFiles.Kent);
        await App.WithDbAsync(db => db.AuthorityReturns.Where(r => r.AuthorityCode == ReturnFiles.Kent).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReturnStatus.Submitted)));
        using var national = await App.SignedInAsync(Roles.NationalTeam);

        var all = await Pages.GetAsync(national, "/returns?period=2025-26-Q2");
        Assert.Equal(153, ReturnFiles.ReturnRows(all).Count);
        Assert.Equal("a draft: 1", all.QuerySelector("[data-field=counts] a[data-status=Draft]")!.Text());
        Assert.Equal("submitted: 1", all.QuerySelector("[data-field=counts] a[data-status=Submitted]")!.Text());
        Assert.Equal("not started: 151", all.QuerySelector("[data-field=counts] a[data-status=NotStarted]")!.Text());
        // The Due column, fourth in each row.
        Assert.Contains(ReturnFiles.ReturnRows(all), r => r.QuerySelectorAll("td")[3].Text().Contains("days overdue", StringComparison.Ordinal));

        var northWest = await Pages.GetAsync(national, "/returns?period=2025-26-Q2&region=North%20West");
        var northWestNames = ReturnFiles.ReturnNames(northWest);
        Assert.Contains("Blackpool", northWestNames);
        Assert.DoesNotContain("Kent", northWestNames);
        var submitted = await Pages.GetAsync(national, "/returns?period=2025-26-Q2&status=Submitted");
        Assert.Single(ReturnFiles.ReturnRows(submitted));

        using var workbook = new XLWorkbook(new MemoryStream(await national.GetByteArrayAsync("/returns/tracker.xlsx?period=2025-26-Q2&region=North%20West")));
        var sheet = workbook.Worksheet("Tracker");
        var names = sheet.Column(2).CellsUsed().Skip(1).Select(c => c.GetString()).ToList();
        Assert.Equal(northWestNames.Count, names.Count);
        Assert.Contains("Blackpool", names);
        Assert.Equal("a draft", sheet.CellsUsed().First(c => c.GetString() == "Blackpool").CellRight(2).GetString());
    }

    [Fact]
    public async Task Tracker_AuthorityStaffOrOfficial_CannotDownloadIt()
    {
        using var preparer = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        using var official = await App.SignedInAsync(Roles.Official);

        Assert.Equal(HttpStatusCode.Forbidden, (await preparer.GetAsync("/returns/tracker.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await official.GetAsync("/returns/tracker.xlsx")).StatusCode);
    }

    [Fact]
    public async Task YourReturns_Preparer_SeesFourQuartersWithDueDatesAndWhatToDoNext()
    {
        using var preparer = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        using var official = await App.SignedInAsync(Roles.Official);

        var page = await Pages.GetAsync(preparer, "/your-returns");

        var quarters = page.QuerySelectorAll("[data-field=quarters] .govuk-task-list__item--with-link");
        Assert.Equal(4, quarters.Length);
        Assert.Contains(quarters, q => q.QuerySelector(".govuk-task-list__hint")!.Text().Contains("Download the template, fill it in and upload it", StringComparison.Ordinal));
        Assert.All(quarters, q => Assert.StartsWith("/returns/E06000009/", q.QuerySelector("a.govuk-task-list__link")!.GetAttribute("href"), StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, (await official.GetAsync("/your-returns")).StatusCode);
    }

    [Fact]
    public async Task CollectionWindow_AdminChangesTheDueDate_TrackerUsesItAndBadDatesAreRefused()
    {
        using var admin = await App.SignedInAsync(Roles.Admin);
        using var national = await App.SignedInAsync(Roles.NationalTeam);
        var token = await WebApp.AntiforgeryTokenAsync(admin, "/admin/collection-windows");

        var bad = await admin.PostAsync("/admin/collection-windows/2025-26-Q2", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["opens"] = "2025-10-01",
            ["due"] = "11/12/2025",
        }));
        Assert.Equal(["Enter both dates as yyyy-mm-dd, such as 2025-11-11"], (await Pages.ParseAsync(bad)).ErrorMessages());

        var good = await admin.PostAsync("/admin/collection-windows/2025-26-Q2", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["opens"] = "2025-10-01",
            ["due"] = "2025-12-12",
        }));
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal("Due 12 December 2025.", (await Pages.GetAsync(national, "/returns?period=2025-26-Q2")).QuerySelector("[data-field=due]")!.Text());
        Assert.Equal(HttpStatusCode.Forbidden, (await national.GetAsync("/admin/collection-windows")).StatusCode);
        Assert.Contains(await App.WithDbAsync(db => db.AuditEvents.ToListAsync()), e => e.Action == "collection-window");
    }
}
