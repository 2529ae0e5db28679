using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.SelfAssessments;
using NationalReturns.Web.Data;
using NationalReturns.Web.Features.Admin;
using NationalReturns.Web.Features.SelfAssessments;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;
using NationalReturns.Web.Tests.Returns;
using NationalReturns.Web.Tests.SelfAssessments;
using Npgsql;

namespace NationalReturns.Web.Tests.Audit;

public class AuditLogTests(WebApp app) : WebAppTest(app)
{
    [Fact]
    public async Task AuditLog_SignInsUploadsAndDownloads_AreRecordedWithWhoWhatAndWhere()
    {
        using var anonymous = App.CreateHttpClient();
        using var _ = await WebApp.SignInAsync(anonymous, "nobody@test.gov.uk", "not a real password at all");
        using var preparer = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);
        var blackpool = await ReturnFiles.ProfileAsync(App, ReturnFiles.Blackpool);
        var (url, _) = await ReturnFiles.UploadAndReadFeedbackAsync(preparer, ReturnFiles.Blackpool, ReturnFiles.Period, ReturnFiles.FilledTemplate(blackpool, ReturnFiles.Demo(blackpool)));
        await preparer.GetByteArrayAsync("/returns/E06000009/2025-26-Q2/template");
        await preparer.GetByteArrayAsync(url + "/issues.csv");

        var events = await App.WithDbAsync(db => db.AuditEvents.OrderBy(e => e.Id).ToListAsync());

        Assert.Contains(events, e => e.Action == "sign-in-failed" && e.Actor == "nobody@test.gov.uk");
        Assert.Contains(events, e => e.Action == "sign-in" && e.Actor.Contains("<preparer-", StringComparison.Ordinal));
        var upload = Assert.Single(events, e => e.Action == "upload");
        Assert.Equal("E06000009", upload.AuthorityCode);
        Assert.Equal("2025-26-Q2", upload.Period);
        Assert.Contains("Test Preparer", upload.Actor, StringComparison.Ordinal);
        Assert.Contains("version 1", upload.Detail, StringComparison.Ordinal);
        Assert.Equal("127.0.0.1", upload.From);
        Assert.Contains(events, e => e.Action == "download-template");
        Assert.Contains(events, e => e.Action == "download-issues");
    }

    [Fact]
    public async Task Handlers_CalledWithoutARequest_LeaveTheSameTrailAsThePages()
    {
        // The demo seeders and jobs call the handlers directly: their work is audited as a person's is.
        var framework = await AssessmentForms.FrameworkAsync(App, Framework.EarlyHelp);
        var year = AssessmentForms.CurrentYear(App);
        await using var scope = App.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var answers = framework.Descriptors.Select(d => new RatingAnswer(d.Code, 2, "Evidence from the partnership's review.", 3, "Plans agreed by the board.")).ToList();

        var saved = await services.GetRequiredService<AnswerDescriptors.Handler>().HandleAsync(new(ReturnFiles.Blackpool, framework.Code, year, answers, "seeder"), CancellationToken.None);
        var moves = services.GetRequiredService<MoveAssessment.Handler>();
        var submitted = await moves.HandleAsync(new(ReturnFiles.Blackpool, framework.Code, year, MoveAssessment.Move.Submit, "seeder"), CancellationToken.None);
        var signedOff = await moves.HandleAsync(new(ReturnFiles.Blackpool, framework.Code, year, MoveAssessment.Move.SignOff, "seeder"), CancellationToken.None);
        var window = await services.GetRequiredService<ChangeCollectionWindow.Handler>()
            .HandleAsync(new(ReturnPeriod.Parse("2026-27-Q1"), "2026-07-01", "2026-07-31", "seeder"), CancellationToken.None);

        Assert.All(new Outcome[] { saved, submitted, signedOff, window }, o => Assert.True(o.Succeeded));
        var events = await App.WithDbAsync(db => db.AuditEvents.Where(e => e.Actor == "seeder").OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal([AuditActions.SelfAssessmentSave, AuditActions.SelfAssessmentSubmit, AuditActions.SelfAssessmentSignOff, AuditActions.CollectionWindow], events);
    }

    [Fact]
    public async Task Handlers_Refused_SayWhyByKindAndAuditNothing()
    {
        var framework = await AssessmentForms.FrameworkAsync(App, Framework.EarlyHelp);
        var year = AssessmentForms.CurrentYear(App);
        await using var scope = App.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var moves = services.GetRequiredService<MoveAssessment.Handler>();
        var oneAnswer = new[] { new RatingAnswer(framework.Descriptors.First().Code, 2, "Evidence from the partnership's review.", 3, "Plans agreed by the board.") };

        var signOffNothing = await moves.HandleAsync(new(ReturnFiles.Blackpool, framework.Code, year, MoveAssessment.Move.SignOff, "seeder"), CancellationToken.None);
        var outOfRange = await services.GetRequiredService<AnswerDescriptors.Handler>()
            .HandleAsync(new(ReturnFiles.Blackpool, framework.Code, year, [oneAnswer[0] with { Level = 99 }], "seeder"), CancellationToken.None);
        await services.GetRequiredService<AnswerDescriptors.Handler>().HandleAsync(new(ReturnFiles.Blackpool, framework.Code, year, oneAnswer, "seeder"), CancellationToken.None);
        var incomplete = await moves.HandleAsync(new(ReturnFiles.Blackpool, framework.Code, year, MoveAssessment.Move.Submit, "seeder"), CancellationToken.None);
        var badDates = await services.GetRequiredService<ChangeCollectionWindow.Handler>()
            .HandleAsync(new(ReturnPeriod.Parse("2026-27-Q1"), "2026-07-31", "2026-07-01", "seeder"), CancellationToken.None);

        Assert.Equal(RefusalKind.NotFound, signOffNothing.Refusal?.Kind);
        Assert.Equal(RefusalKind.Invalid, outOfRange.Refusal?.Kind);
        Assert.NotEmpty(outOfRange.Errors);
        Assert.Null(outOfRange.Message);
        Assert.Equal(RefusalKind.Invalid, incomplete.Refusal?.Kind);
        Assert.Equal(framework.DescriptorCount - 1, incomplete.Errors.Count(e => e.Field == AnswerRules.Fields.Level));
        Assert.Equal(RefusalKind.Invalid, badDates.Refusal?.Kind);
        Assert.Equal([AuditActions.SelfAssessmentSave], await App.WithDbAsync(db => db.AuditEvents.Where(e => e.Actor == "seeder").Select(e => e.Action).ToListAsync()));
    }

    [Fact]
    public async Task AuditLog_ChangeOrDelete_IsRefusedByTheDatabase()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        await audit.RecordAsync("test", actor: "tester");

        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        await using var update = new NpgsqlCommand("UPDATE audit_events SET actor = 'someone else'", connection);
        await using var delete = new NpgsqlCommand("DELETE FROM audit_events", connection);

        Assert.Contains("append-only", (await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync())).MessageText, StringComparison.Ordinal);
        Assert.Contains("append-only", (await Assert.ThrowsAsync<PostgresException>(() => delete.ExecuteNonQueryAsync())).MessageText, StringComparison.Ordinal);
        Assert.Equal("tester", await App.WithDbAsync(db => db.AuditEvents.Select(e => e.Actor).SingleAsync()));
    }

    [Fact]
    public async Task AuditPage_NationalTeamFiltersByAction_OthersAreForbidden()
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
            await audit.RecordAsync("upload", "E06000009", "2025-26-Q2", "version 1", actor: "Sam");
            await audit.RecordAsync("download-template", "E10000016", "2025-26-Q2", actor: "Priya");
        }

        using var national = await App.SignedInAsync(Roles.NationalTeam);
        using var preparer = await App.SignedInAsync(Roles.Preparer, ReturnFiles.Blackpool);

        var uploads = (await Pages.GetAsync(national, "/audit?action=upload")).QuerySelectorAll("[data-table=audit] tbody tr").Select(r => r.GetAttribute("data-action")).ToList();
        Assert.Contains("upload", uploads);
        Assert.DoesNotContain("download-template", uploads);
        // Who did each thing is the second column.
        Assert.Contains("Priya", (await Pages.GetAsync(national, "/audit?authority=e10000016")).Texts("[data-table=audit] tbody td:nth-child(2)"));
        Assert.Equal(HttpStatusCode.Forbidden, (await preparer.GetAsync("/audit")).StatusCode);
    }
}
