using System.Net;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NationalReturns.Domain.SelfAssessments;
using NationalReturns.Web.Features.SelfAssessments;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;
using static NationalReturns.Web.Tests.SelfAssessments.AssessmentForms;

namespace NationalReturns.Web.Tests.SelfAssessments;

/// <summary>Completing, submitting, signing off and moderating self-assessments through the real pages over a real database.</summary>
public class SelfAssessmentTests(WebApp app) : WebAppTest(app)
{
    [Fact]
    public async Task CompleteSubmitAndSignOff_ThroughTheFormPages_StoresEveryAnswerAndScoresIt()
    {
        var year = CurrentYear(App);
        var framework = await FrameworkAsync(App, Framework.EarlyHelp);
        var preparer = await App.SignedInAsync(Roles.Preparer, Blackpool);
        var approver = await App.SignedInAsync(Roles.Approver, Blackpool);
        var url = Url(Blackpool, framework.Code, year);

        // Levels chosen so the scores are easy to check by hand: areas at 3,3,2,4,3 of 4.
        int[] levels = [3, 3, 2, 4, 3];
        await AnswerAllAsync(preparer, framework, Blackpool, year, a => levels[framework.Areas.ToList().IndexOf(a)]);
        using var submitted = await PostAsync(preparer, url, $"{url}/submit", new Dictionary<string, string>());
        using var signedOff = await PostAsync(approver, url, $"{url}/sign-off", new Dictionary<string, string>());
        var page = await Pages.GetAsync(approver, url);

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signedOff.StatusCode);
        var record = await App.WithDbAsync(db => db.SelfAssessments.Include(a => a.Ratings).SingleAsync(a => a.AuthorityCode == Blackpool));
        Assert.Equal(AssessmentStatus.SignedOff, record.Status);
        Assert.Equal(framework.DescriptorCount, record.Ratings.Count);
        Assert.All(record.Ratings, r => Assert.False(string.IsNullOrWhiteSpace(r.Evidence)));
        // Mean of area means 3.0 on 4 levels: 100 × (3 − 1) ÷ 3 = 66.7; the median descriptor is Maturing.
        Assert.Equal("66.7", page.QuerySelector("[data-scores] [data-index]")!.Text());
        Assert.Equal("Maturing", page.QuerySelector("[data-scores] [data-stage]")!.Text());
        Assert.Equal("Signed off", page.QuerySelector("[data-status]")!.Text());
    }

    [Fact]
    public async Task Submit_WithAreasUnanswered_ListsEveryMissingDescriptorAndStaysInDraft()
    {
        var year = CurrentYear(App);
        var framework = await FrameworkAsync(App, Framework.DataMaturity);
        var preparer = await App.SignedInAsync(Roles.Preparer, Blackpool);
        var url = Url(Blackpool, framework.Code, year);
        var first = framework.Areas[0];
        using var saved = await PostAsync(preparer, $"{url}/areas/{first.Code}", $"{url}/areas/{first.Code}", Answers(framework, first, 2));

        using var response = await PostAsync(preparer, url, $"{url}/submit", new Dictionary<string, string>());
        var page = await Pages.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("There is a problem", page.ErrorSummaryTitle());
        foreach (var missing in framework.Areas.Skip(1).SelectMany(a => a.Descriptors))
        {
            Assert.Contains($"{missing.Code}: select the level your partnership is at now.", page.ErrorMessages());
        }

        Assert.Equal(AssessmentStatus.Draft, await App.WithDbAsync(db => db.SelfAssessments.Select(a => a.Status).SingleAsync()));
    }

    [Fact]
    public async Task SaveArea_TargetBelowTheLevelNow_ShowsTheErrorBesideItAndSavesNothing()
    {
        var year = CurrentYear(App);
        var framework = await FrameworkAsync(App, Framework.EarlyHelp);
        var preparer = await App.SignedInAsync(Roles.Preparer, Blackpool);
        var area = framework.Areas[1];
        var url = $"{Url(Blackpool, framework.Code, year)}/areas/{area.Code}";
        var form = Answers(framework, area, 3);
        var descriptor = area.Descriptors[0].Code;
        form[$"target-{descriptor}"] = "Early";

        using var response = await PostAsync(preparer, url, url, form);
        var page = await Pages.ParseAsync(response);
        var message = $"{descriptor}: the target for next year (Early) cannot be below the level now (Maturing).";

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, page.ErrorMessages());
        Assert.Equal($"Error: {message}", page.GetElementById($"target-error-{descriptor}")?.Text());
        Assert.Equal(0, await App.WithDbAsync(db => db.SelfAssessmentRatings.CountAsync()));
    }

    [Fact]
    public async Task SaveArea_LevelNotOnTheScale_IsRefusedWithTheLevels()
    {
        var year = CurrentYear(App);
        var framework = await FrameworkAsync(App, Framework.EarlyHelp);
        var preparer = await App.SignedInAsync(Roles.Preparer, Blackpool);
        var area = framework.Areas[0];
        var url = $"{Url(Blackpool, framework.Code, year)}/areas/{area.Code}";
        var form = Answers(framework, area, 2);
        form[$"level-{area.Descriptors[0].Code}"] = "Excellent";

        using var response = await PostAsync(preparer, url, url, form);

        Assert.Contains($"{area.Descriptors[0].Code}: choose one of Early, Developing, Maturing or Mature.", (await Pages.ParseAsync(response)).ErrorMessages());
        Assert.Equal(0, await App.WithDbAsync(db => db.SelfAssessments.CountAsync()));
    }

    [Fact]
    public async Task Answer_AfterSubmission_IsRefusedAndTheAnswersStand()
    {
        var year = CurrentYear(App);
        var framework = await FrameworkAsync(App, Framework.EarlyHelp);
        var preparer = await App.SignedInAsync(Roles.Preparer, Blackpool);
        var url = Url(Blackpool, framework.Code, year);
        await AnswerAllAsync(preparer, framework, Blackpool, year, _ => 2);
        using var submitted = await PostAsync(preparer, url, $"{url}/submit", new Dictionary<string, string>());
        var area = framework.Areas[0];

        // The form is no longer offered, so post straight at it as a stale tab would.
        using var response = await PostAsync(preparer, url, $"{url}/areas/{area.Code}", Answers(framework, area, 4));

        Assert.Contains($"The {year.Label} assessment has been submitted, so it cannot be changed. Ask your approver to send it back if it needs correcting.",
            (await Pages.ParseAsync(response)).ErrorMessages());
        Assert.All(await App.WithDbAsync(db => db.SelfAssessmentRatings.ToListAsync()), r => Assert.Equal(2, r.Level));
    }

    [Fact]
    public async Task Answer_AnEarlierYear_IsClosedButStillReadable()
    {
        var year = CurrentYear(App).Previous;
        var framework = await FrameworkAsync(App, Framework.EarlyHelp);
        var preparer = await App.SignedInAsync(Roles.Preparer, Blackpool);
        var area = framework.Areas[0];
        var url = Url(Blackpool, framework.Code, year);

        using var response = await PostAsync(preparer, url, $"{url}/areas/{area.Code}", Answers(framework, area, 2));
        using var read = await preparer.GetAsync(url);

        Assert.Contains($"The {year.Label} assessment is closed: earlier years can be read but not changed.", (await Pages.ParseAsync(response)).ErrorMessages());
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(0, await App.WithDbAsync(db => db.SelfAssessments.CountAsync()));
    }

    [Fact]
    public async Task SignOff_LastYearsSubmittedAssessment_IsAllowedButSendingItBackIsNot()
    {
        var year = CurrentYear(App).Previous;
        var framework = await FrameworkAsync(App, Framework.EarlyHelp);
        var approver = await App.SignedInAsync(Roles.Approver, Blackpool);
        await SeedAsync(framework, year, 2, MoveAssessment.Move.Submit);
        var url = Url(Blackpool, framework.Code, year);

        using var sendBack = await PostAsync(approver, url, $"{url}/send-back", new Dictionary<string, string> { ["reason"] = "Please add the audit figures." });
        using var signOff = await PostAsync(approver, url, $"{url}/sign-off", new Dictionary<string, string>());

        Assert.Contains($"The {year.Label} assessment is closed: earlier years can be read but not changed.", (await Pages.ParseAsync(sendBack)).ErrorMessages());
        Assert.Equal(HttpStatusCode.Redirect, signOff.StatusCode);
        Assert.Equal(AssessmentStatus.SignedOff, await App.WithDbAsync(db => db.SelfAssessments.Select(a => a.Status).SingleAsync()));
    }

    [Fact]
    public async Task SendBack_WithAReason_ReturnsItToDraftForThePreparer()
    {
        var year = CurrentYear(App);
        var framework = await FrameworkAsync(App, Framework.EarlyHelp);
        var preparer = await App.SignedInAsync(Roles.Preparer, Blackpool);
        var approver = await App.SignedInAsync(Roles.Approver, Blackpool);
        var url = Url(Blackpool, framework.Code, year);
        await AnswerAllAsync(preparer, framework, Blackpool, year, _ => 2);
        using var submitted = await PostAsync(preparer, url, $"{url}/submit", new Dictionary<string, string>());

        using var noReason = await PostAsync(approver, url, $"{url}/send-back", new Dictionary<string, string> { ["reason"] = " " });
        using var withReason = await PostAsync(approver, url, $"{url}/send-back", new Dictionary<string, string> { ["reason"] = "The workforce evidence needs the audit figures." });

        Assert.Contains("Enter what the preparer needs to change.", (await Pages.ParseAsync(noReason)).ErrorMessages());
        Assert.Equal(HttpStatusCode.Redirect, withReason.StatusCode);
        Assert.Equal(AssessmentStatus.Draft, await App.WithDbAsync(db => db.SelfAssessments.Select(a => a.Status).SingleAsync()));
    }

    [Fact]
    public async Task Moderate_AdjustedLevels_KeepsTheSelfRatingAndScoresTheModeratedOne()
    {
        var year = CurrentYear(App);
        var framework = await FrameworkAsync(App, Framework.EarlyHelp);
        var preparer = await App.SignedInAsync(Roles.Preparer, Blackpool);
        var approver = await App.SignedInAsync(Roles.Approver, Blackpool);
        var national = await App.SignedInAsync(Roles.NationalTeam);
        var url = Url(Blackpool, framework.Code, year);
        await AnswerAllAsync(preparer, framework, Blackpool, year, _ => 4);
        using var submitted = await PostAsync(preparer, url, $"{url}/submit", new Dictionary<string, string>());
        using var signedOff = await PostAsync(approver, url, $"{url}/sign-off", new Dictionary<string, string>());
        var form = framework.Descriptors.ToDictionary(d => $"level-{d.Code}", _ => "Mature");
        var data = framework.Area("data")!;
        foreach (var d in data.Descriptors)
        {
            form[$"level-{d.Code}"] = "Developing";
        }

        using var noReason = await PostAsync(national, $"{url}/moderate", $"{url}/moderate", form);
        foreach (var d in data.Descriptors)
        {
            form[$"reason-{d.Code}"] = "No shared data system is in place yet; agreed with the authority.";
        }

        using var moderated = await PostAsync(national, $"{url}/moderate", $"{url}/moderate", form);
        var page = await Pages.GetAsync(national, url);

        Assert.Contains($"{data.Descriptors[0].Code}: give the reason for moving it from Mature to Developing.", (await Pages.ParseAsync(noReason)).ErrorMessages());
        Assert.Equal(HttpStatusCode.Redirect, moderated.StatusCode);
        var ratings = await App.WithDbAsync(db => db.SelfAssessmentRatings.ToListAsync());
        Assert.All(ratings, r => Assert.Equal(4, r.Level));
        Assert.Equal(data.Descriptors.Count, ratings.Count(r => r.ModeratedLevel == 2));
        // Four areas at 4 and Data at 2: m = 3.6, index = 100 × 2.6 ÷ 3 = 86.7; self-rated 100.
        Assert.Equal("86.7 (self-rated 100.0)", page.QuerySelector("[data-scores] [data-index]")!.Text());
        Assert.Equal("· moderated to Developing", page.QuerySelector($"[data-descriptor='{data.Descriptors[0].Code}'] [data-moderated-level]")!.Text());
        Assert.Equal("Moderated", page.QuerySelector("[data-moderated]")!.Text());
    }

    [Fact]
    public async Task Moderate_BeforeSignOff_IsRefused()
    {
        var year = CurrentYear(App);
        var framework = await FrameworkAsync(App, Framework.EarlyHelp);
        var preparer = await App.SignedInAsync(Roles.Preparer, Blackpool);
        var national = await App.SignedInAsync(Roles.NationalTeam);
        var url = Url(Blackpool, framework.Code, year);
        await AnswerAllAsync(preparer, framework, Blackpool, year, _ => 3);
        var form = framework.Descriptors.ToDictionary(d => $"level-{d.Code}", _ => "Early");
        form["__RequestVerificationToken"] = await WebApp.AntiforgeryTokenAsync(national, url);

        using var response = await national.PostAsync($"{url}/moderate", new FormUrlEncodedContent(form));

        Assert.Contains("Only an assessment the authority's approver has signed off can be moderated.", (await Pages.ParseAsync(response)).ErrorMessages());
        Assert.All(await App.WithDbAsync(db => db.SelfAssessmentRatings.ToListAsync()), r => Assert.Null(r.ModeratedLevel));
    }

    [Fact]
    public async Task Flags_JumpThinEvidenceAndDataRatedApart_AreShownForModeration()
    {
        var year = CurrentYear(App);
        var earlyHelp = await FrameworkAsync(App, Framework.EarlyHelp);
        var dataMaturity = await FrameworkAsync(App, Framework.DataMaturity);
        var preparer = await App.SignedInAsync(Roles.Preparer, Blackpool);
        var national = await App.SignedInAsync(Roles.NationalTeam);
        // Last year's agreed Data area at Early; this year Mature, with thin evidence on one descriptor.
        await SeedSignedOffAsync(earlyHelp, year.Previous, 1);
        await AnswerAllAsync(preparer, earlyHelp, Blackpool, year, _ => 4);
        await AnswerAllAsync(preparer, dataMaturity, Blackpool, year, _ => 1);
        var area = earlyHelp.Areas[0];
        var form = Answers(earlyHelp, area, 4);
        form[$"evidence-{area.Descriptors[0].Code}"] = "See attached.";
        using var thin = await PostAsync(preparer, $"{Url(Blackpool, earlyHelp.Code, year)}/areas/{area.Code}", $"{Url(Blackpool, earlyHelp.Code, year)}/areas/{area.Code}", form);

        var flags = (await Pages.GetAsync(national, Url(Blackpool, earlyHelp.Code, year))).Texts("[data-flags] [data-flag]");

        Assert.Contains($"{area.Descriptors[0].Code} has moved from Early in {year.Previous.Label} to Mature: 3 levels in a year.", flags);
        Assert.Contains($"{area.Descriptors[0].Code}: the evidence is shorter than a sentence (2 words).", flags);
        Assert.Contains("Early Help System Guide \"Data\" is rated Mature while the Data Maturity Model's \"Data sharing and governance\" is at Beginning.", flags);
    }

    [Fact]
    public async Task Upload_TheDownloadedTemplateFilledIn_SavesEveryAnswer()
    {
        var year = CurrentYear(App);
        var framework = await FrameworkAsync(App, Framework.DataMaturity);
        var preparer = await App.SignedInAsync(Roles.Preparer, Blackpool);
        var url = Url(Blackpool, framework.Code, year);
        var template = await preparer.GetByteArrayAsync($"{url}/template");

        var filled = Fill(template, framework, (sheet, row) =>
        {
            sheet.Cell(row, AssessmentWorkbook.LevelColumn).SetValue("Learning");
            sheet.Cell(row, AssessmentWorkbook.EvidenceColumn).SetValue("Our information sharing agreements are signed by every partner and reviewed each year.");
            sheet.Cell(row, AssessmentWorkbook.TargetColumn).SetValue("4");
            sheet.Cell(row, AssessmentWorkbook.ActionsColumn).SetValue("Build the shared dashboard with police and health analysts.");
        });
        using var response = await UploadAsync(preparer, url, filled);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var ratings = await App.WithDbAsync(db => db.SelfAssessmentRatings.ToListAsync());
        Assert.Equal(framework.DescriptorCount, ratings.Count);
        Assert.All(ratings, r => Assert.Equal((3, 4), (r.Level!.Value, r.TargetLevel!.Value)));
    }

    [Fact]
    public async Task Upload_AnotherAuthoritysWorkbook_IsRefusedAndNothingIsStored()
    {
        var year = CurrentYear(App);
        var framework = await FrameworkAsync(App, Framework.DataMaturity);
        var kent = await App.SignedInAsync(Roles.Preparer, Kent);
        var preparer = await App.SignedInAsync(Roles.Preparer, Blackpool);
        var kentTemplate = await kent.GetByteArrayAsync($"{Url(Kent, framework.Code, year)}/template");

        using var response = await UploadAsync(preparer, Url(Blackpool, framework.Code, year), kentTemplate);

        Assert.Contains($"This workbook is for authority {Kent}, not {Blackpool}. Upload your own authority's workbook.", (await Pages.ParseAsync(response)).ErrorMessages());
        Assert.Equal(0, await App.WithDbAsync(db => db.SelfAssessments.CountAsync()));
    }

    [Fact]
    public async Task Upload_LevelsThatAreNotLevels_ListsEachWithItsRowAndStoresNothing()
    {
        var year = CurrentYear(App);
        var framework = await FrameworkAsync(App, Framework.EarlyHelp);
        var preparer = await App.SignedInAsync(Roles.Preparer, Blackpool);
        var url = Url(Blackpool, framework.Code, year);
        var template = await preparer.GetByteArrayAsync($"{url}/template");
        var filled = Fill(template, framework, (sheet, row) =>
        {
            sheet.Cell(row, AssessmentWorkbook.LevelColumn).SetValue(sheet.Name == "Workforce" && row == 4 ? "Brilliant" : "Developing");
            sheet.Cell(row, AssessmentWorkbook.EvidenceColumn).SetValue("Whole-family working is in place in the family hubs and most schools.");
        });

        using var response = await UploadAsync(preparer, url, filled);
        var problems = (await Pages.ParseAsync(response)).ErrorMessages();

        Assert.Contains("Workforce, row 4: the level now \"Brilliant\" is not one of Early, Developing, Maturing or Mature.", problems);
        Assert.Contains("Nothing from this workbook has been saved.", problems);
        Assert.Equal(0, await App.WithDbAsync(db => db.SelfAssessmentRatings.CountAsync()));
    }

    [Fact]
    public async Task Upload_NotAWorkbook_IsRefusedWithAClearMessage()
    {
        var year = CurrentYear(App);
        var preparer = await App.SignedInAsync(Roles.Preparer, Blackpool);

        using var response = await UploadAsync(preparer, Url(Blackpool, Framework.EarlyHelp, year), "code,level\nFV1,Mature\n"u8.ToArray());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("There is a problem", (await Pages.ParseAsync(response)).ErrorSummaryTitle());
        Assert.Equal(0, await App.WithDbAsync(db => db.SelfAssessments.CountAsync()));
    }

    [Fact]
    public async Task Show_AnotherAuthoritysAssessment_IsForbidden()
    {
        var year = CurrentYear(App);
        var framework = await FrameworkAsync(App, Framework.EarlyHelp);
        var preparer = await App.SignedInAsync(Roles.Preparer, Blackpool);
        await AnswerAllAsync(preparer, framework, Blackpool, year, _ => 2);
        var kent = await App.SignedInAsync(Roles.Preparer, Kent);

        using var page = await kent.GetAsync(Url(Blackpool, framework.Code, year));
        using var template = await kent.GetAsync($"{Url(Blackpool, framework.Code, year)}/template");
        using var progress = await kent.GetAsync($"/self-assessments/authorities/{Blackpool}");

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, template.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, progress.StatusCode);
    }

    [Fact]
    public async Task SaveTwice_SameAuthorityFrameworkAndYear_KeepsOneAssessment()
    {
        var year = CurrentYear(App);
        var framework = await FrameworkAsync(App, Framework.EarlyHelp);
        var preparer = await App.SignedInAsync(Roles.Preparer, Blackpool);
        await AnswerAllAsync(preparer, framework, Blackpool, year, _ => 2);
        await AnswerAllAsync(preparer, framework, Blackpool, year, _ => 3);

        var records = await App.WithDbAsync(db => db.SelfAssessments.Include(a => a.Ratings).ToListAsync());

        var record = Assert.Single(records);
        Assert.All(record.Ratings, r => Assert.Equal(3, r.Level));
        await Assert.ThrowsAsync<DbUpdateException>(() => App.WithDbAsync(async db =>
        {
            db.SelfAssessments.Add(new Web.Data.SelfAssessmentRecord
            {
                AuthorityCode = Blackpool,
                FrameworkCode = framework.Code,
                FrameworkVersionId = record.FrameworkVersionId,
                Year = year.StartYear,
                StartedBy = "test",
            });
            return await db.SaveChangesAsync();
        }));
    }

    private Task SeedSignedOffAsync(Framework framework, AssessmentYear year, int level) => SeedAsync(framework, year, level, MoveAssessment.Move.SignOff);

    /// <summary>An assessment answered at one level throughout and taken as far as <paramref name="until"/>, through the handlers.</summary>
    private async Task SeedAsync(Framework framework, AssessmentYear year, int level, MoveAssessment.Move until)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var answers = framework.Descriptors.Select(d => new RatingAnswer(d.Code, level, "Evidence from last year's partnership review of the system.", level + 1, "Plans agreed by the board.")).ToList();
        var saved = await services.GetRequiredService<Features.SelfAssessments.AnswerDescriptors.Handler>()
            .HandleAsync(new(Blackpool, framework.Code, year, answers, "test", AsOf(year)), CancellationToken.None);
        Assert.True(saved.Succeeded);
        var move = services.GetRequiredService<Features.SelfAssessments.MoveAssessment.Handler>();
        Assert.True((await move.HandleAsync(new(Blackpool, framework.Code, year, Features.SelfAssessments.MoveAssessment.Move.Submit, "test", AsOf: AsOf(year)), CancellationToken.None)).Succeeded);
        if (until == MoveAssessment.Move.SignOff)
        {
            Assert.True((await move.HandleAsync(new(Blackpool, framework.Code, year, MoveAssessment.Move.SignOff, "test", AsOf: AsOf(year)), CancellationToken.None)).Succeeded);
        }
    }

    /// <summary>Earlier years are seeded as they were made: on a day inside their own year.</summary>
    private static DateOnly AsOf(AssessmentYear year) => new(year.StartYear, 10, 1);

    private static byte[] Fill(byte[] template, Framework framework, Action<IXLWorksheet, int> fill)
    {
        using var workbook = new XLWorkbook(new MemoryStream(template));
        foreach (var area in framework.Areas)
        {
            var sheet = workbook.Worksheet(area.Name);
            for (var row = AssessmentWorkbook.HeaderRow + 1; row <= AssessmentWorkbook.HeaderRow + area.Descriptors.Count; row++)
            {
                fill(sheet, row);
            }
        }

        using var output = new MemoryStream();
        workbook.SaveAs(output);
        return output.ToArray();
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string url, byte[] content)
    {
        var token = await WebApp.AntiforgeryTokenAsync(client, $"{url}/upload");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(content), "file", "assessment.xlsx" },
        };
        return await client.PostAsync($"{url}/upload", form);
    }
}
