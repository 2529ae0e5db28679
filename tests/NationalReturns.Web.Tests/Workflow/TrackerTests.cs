using System.Net;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;
using NationalReturns.Web.Tests.Returns;

namespace NationalReturns.Web.Tests.Workflow;

public partial class TrackerTests(WebApp app) : WebAppTest(app)
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

        var all = await national.GetStringAsync("/returns?period=2025-26-Q2");
        Assert.Equal(153, Row().Count(all));
        Assert.Contains("data-status=\"Draft\">a draft: 1</a>", all, StringComparison.Ordinal);
        Assert.Contains("data-status=\"Submitted\">submitted: 1</a>", all, StringComparison.Ordinal);
        Assert.Contains("data-status=\"NotStarted\">not started: 151</a>", all, StringComparison.Ordinal);
        Assert.Contains("days overdue", all, StringComparison.Ordinal);

        var northWest = await national.GetStringAsync("/returns?period=2025-26-Q2&region=North%20West");
        Assert.Contains(">Blackpool</a>", northWest, StringComparison.Ordinal);
        Assert.DoesNotContain(">Kent</a>", northWest, StringComparison.Ordinal);
        var submitted = await national.GetStringAsync("/returns?period=2025-26-Q2&status=Submitted");
        Assert.Equal(1, Row().Count(submitted));

        using var workbook = new XLWorkbook(new MemoryStream(await national.GetByteArrayAsync("/returns/tracker.xlsx?period=2025-26-Q2&region=North%20West")));
        var sheet = workbook.Worksheet("Tracker");
        var names = sheet.Column(2).CellsUsed().Skip(1).Select(c => c.GetString()).ToList();
        Assert.Equal(Row().Count(northWest), names.Count);
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

        var html = await preparer.GetStringAsync("/your-returns");

        Assert.Equal(4, Regex.Count(html, "govuk-task-list__item govuk-task-list__item--with-link"));
        Assert.Contains("Download the template, fill it in and upload it", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/returns/E06000009/", html, StringComparison.Ordinal);
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
        Assert.Contains("Enter both dates as yyyy-mm-dd", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var good = await admin.PostAsync("/admin/collection-windows/2025-26-Q2", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["opens"] = "2025-10-01",
            ["due"] = "2025-12-12",
        }));
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Contains("Due 12 December 2025.", await national.GetStringAsync("/returns?period=2025-26-Q2"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await national.GetAsync("/admin/collection-windows")).StatusCode);
        Assert.Contains(await App.WithDbAsync(db => db.AuditEvents.ToListAsync()), e => e.Action == "collection-window");
    }

    [GeneratedRegex("<tr class=\"govuk-table__row\">\\s*<td class=\"govuk-table__cell\"><a class=\"govuk-link\" href=\"/returns/E")]
    private static partial Regex Row();
}
