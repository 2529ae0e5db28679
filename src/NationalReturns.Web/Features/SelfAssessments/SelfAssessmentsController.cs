using Microsoft.AspNetCore.Mvc;
using NationalReturns.Domain.Areas;
using NationalReturns.Domain.Indicators;
using NationalReturns.Domain.SelfAssessments;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.SelfAssessments;

/// <summary>
/// The yearly self-assessments against the Early Help System Guide and the Data Maturity Model: an
/// authority completes them (form pages or workbook) and signs them off; the national team moderates
/// them and, with officials, reads the scores, the readiness list and maturity beside outcomes.
/// </summary>
[Route("self-assessments")]
public sealed class SelfAssessmentsController : Controller
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [HttpGet("")]
    public async Task<IActionResult> Index(AssessmentYear? year, string? status, [FromServices] ListAssessments.Handler handler, CancellationToken ct)
    {
        if (AuthorityAccess.SeesEveryAuthority(User))
        {
            return View(await handler.HandleAsync(year, null, status, ct));
        }

        if (AuthorityAccess.StaffAuthority(User) is { } own)
        {
            return View(await handler.HandleAsync(year, own, null, ct));
        }

        return User.IsInRole(Roles.Official) ? Redirect("/self-assessments/scores") : Forbid();
    }

    [HttpGet("{onsCode}/{framework}/{year}")]
    [Requires(Need.SeeAuthority)]
    public async Task<IActionResult> Show(OnsCode onsCode, FrameworkCode framework, AssessmentYear year, [FromServices] ShowAssessment.Handler handler, CancellationToken ct) =>
        await handler.HandleAsync(onsCode, framework, year, ct) is { } model ? View(new AssessmentPage(model, null, [])) : NotFound();

    [HttpGet("{onsCode}/{framework}/{year}/areas/{area}")]
    [Requires(Need.PrepareForAuthority)]
    public async Task<IActionResult> Answer(OnsCode onsCode, FrameworkCode framework, AssessmentYear year, string area, [FromServices] ShowAssessment.Handler handler, CancellationToken ct)
    {
        if (await handler.HandleAsync(onsCode, framework, year, ct) is not { } model || model.Framework.Area(area) is not { } part)
        {
            return NotFound();
        }

        return !model.CanBeChanged ? Redirect(model.Url) : View(new AreaForm(model, part, part.Descriptors.Select(d => model.Answer(d.Code)).ToList(), [], null));
    }

    [HttpPost("{onsCode}/{framework}/{year}/areas/{area}")]
    [Requires(Need.PrepareForAuthority)]
    public async Task<IActionResult> Answer(OnsCode onsCode, FrameworkCode framework, AssessmentYear year, string area, [FromForm] string? then,
        [FromServices] AssessmentFrameworks.Handler frameworks, [FromServices] ShowAssessment.Handler handler, [FromServices] AnswerDescriptors.Handler answer, CancellationToken ct)
    {
        if (await frameworks.ForAsync(onsCode, framework, year, ct) is not { } published
            || published.Framework.Area(area) is not { } part)
        {
            return NotFound();
        }

        // The assessment page's model is only needed to show the form again; a good save goes straight on.
        async Task<IActionResult> FormAgain(IReadOnlyList<RatingAnswer> answers, IReadOnlyList<AnswerError> errors, string? refusal) =>
            await handler.HandleAsync(onsCode, published.Framework.Code, year, ct) is { } model ? View(new AreaForm(model, part, answers, errors, refusal)) : NotFound();

        var f = published.Framework;
        var answers = part.Descriptors.Select(d => new RatingAnswer(d.Code, Level(f, Request.Form[$"level-{d.Code}"]), Request.Form[$"evidence-{d.Code}"],
            Level(f, Request.Form[$"target-{d.Code}"]), Request.Form[$"actions-{d.Code}"])).ToList();
        var outcome = await answer.HandleAsync(new AnswerDescriptors.Command(onsCode, f.Code, year, answers, Actor()), ct);
        if (outcome.IsNotFound)
        {
            return NotFound();
        }

        if (!outcome.Succeeded)
        {
            return await FormAgain(answers, outcome.Errors, outcome.Message);
        }

        var url = ShowAssessment.UrlOf(onsCode, f.Code, year);
        var next = f.Areas.SkipWhile(a => a.Code != part.Code).Skip(1).FirstOrDefault();
        return then == "next" && next is not null ? Redirect($"{url}/areas/{next.Code}") : Redirect(url);
    }

    [HttpPost("{onsCode}/{framework}/{year}/{move:regex(^(submit|sign-off|send-back)$)}")]
    public async Task<IActionResult> Move(OnsCode onsCode, FrameworkCode framework, AssessmentYear year, string move, [FromForm] string? reason,
        [FromServices] ShowAssessment.Handler handler, [FromServices] MoveAssessment.Handler mover, CancellationToken ct)
    {
        var step = move switch
        {
            "submit" => MoveAssessment.Move.Submit,
            "sign-off" => MoveAssessment.Move.SignOff,
            _ => MoveAssessment.Move.SendBack,
        };
        var allowed = step == MoveAssessment.Move.Submit ? AuthorityAccess.CanPrepare(User, onsCode) : AuthorityAccess.CanCertify(User, onsCode);
        if (!allowed)
        {
            return Forbid();
        }

        async Task<IActionResult> PageAgain(string? refusal, IReadOnlyList<AnswerError> errors) =>
            await handler.HandleAsync(onsCode, framework, year, ct) is { } model ? View("Show", new AssessmentPage(model, refusal, errors)) : NotFound();

        var outcome = await mover.HandleAsync(new MoveAssessment.Command(onsCode, framework, year, step, Actor(), reason), ct);
        if (outcome.IsNotFound)
        {
            return NotFound();
        }

        if (!outcome.Succeeded)
        {
            return await PageAgain(outcome.Message, outcome.Errors);
        }

        return Redirect(ShowAssessment.UrlOf(onsCode, framework, year));
    }

    [HttpGet("{onsCode}/{framework}/{year}/template")]
    [NoStore]
    [Requires(Need.SeeAuthority)]
    public async Task<IActionResult> Template(OnsCode onsCode, FrameworkCode framework, AssessmentYear year, [FromServices] AssessmentTemplate.Handler handler, CancellationToken ct) =>
        await handler.HandleAsync(onsCode, framework, year, ct) is { } file ? File(file.Content, Xlsx, file.FileName) : NotFound();

    [HttpGet("{onsCode}/{framework}/{year}/upload")]
    [Requires(Need.PrepareForAuthority)]
    public async Task<IActionResult> Upload(OnsCode onsCode, FrameworkCode framework, AssessmentYear year, [FromServices] ShowAssessment.Handler handler, CancellationToken ct) =>
        await handler.HandleAsync(onsCode, framework, year, ct) is not { } model ? NotFound()
            : !model.CanBeChanged ? Redirect(model.Url) : View(new UploadPage(model, null, []));

    [HttpPost("{onsCode}/{framework}/{year}/upload")]
    [Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(AccessSetup.UploadLimit)]
    [UploadLimit(UploadAssessment.MaxBytes)]
    [Requires(Need.PrepareForAuthority)]
    public async Task<IActionResult> Upload(OnsCode onsCode, FrameworkCode framework, AssessmentYear year, IFormFile? file,
        [FromServices] ShowAssessment.Handler handler, [FromServices] UploadAssessment.Handler upload, CancellationToken ct)
    {
        async Task<IActionResult> FormAgain(string? refusal, IReadOnlyList<string> errors) =>
            await handler.HandleAsync(onsCode, framework, year, ct) is { } model ? View(new UploadPage(model, refusal, errors)) : NotFound();

        if (file is null || file.Length == 0)
        {
            return await FormAgain(file is null ? "Select the completed assessment workbook." : "The selected file is empty. Select the workbook you filled in.", []);
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var outcome = await upload.HandleAsync(new UploadAssessment.Command(onsCode, framework, year, file.FileName, buffer.ToArray(), Actor()), ct);
        if (outcome.IsNotFound)
        {
            return NotFound();
        }

        return outcome.Succeeded ? Redirect(ShowAssessment.UrlOf(onsCode, framework, year)) : await FormAgain(outcome.Message, outcome.Errors);
    }

    [HttpGet("{onsCode}/{framework}/{year}/moderate")]
    [Requires(Need.Review)]
    public async Task<IActionResult> Moderate(OnsCode onsCode, FrameworkCode framework, AssessmentYear year, [FromServices] ShowAssessment.Handler handler, CancellationToken ct)
    {
        if (await handler.HandleAsync(onsCode, framework, year, ct) is not { } model)
        {
            return NotFound();
        }

        var answers = model.Ratings.Values.Select(r => new ModerationAnswer(r.DescriptorCode, r.ModeratedLevel ?? r.Level, r.ModerationReason)).ToList();
        return model.Status != AssessmentStatus.SignedOff ? Redirect(model.Url) : View(new ModerationForm(model, answers, [], null));
    }

    [HttpPost("{onsCode}/{framework}/{year}/moderate")]
    [Requires(Need.Review)]
    public async Task<IActionResult> Moderate(OnsCode onsCode, FrameworkCode framework, AssessmentYear year, [FromServices] AssessmentFrameworks.Handler frameworks,
        [FromServices] ShowAssessment.Handler handler, [FromServices] ModerateAssessment.Handler moderate, CancellationToken ct)
    {
        if (await frameworks.ForAsync(onsCode, framework, year, ct) is not { } published)
        {
            return NotFound();
        }

        var f = published.Framework;
        var answers = f.Descriptors.Select(d => new ModerationAnswer(d.Code, Level(f, Request.Form[$"level-{d.Code}"]), Request.Form[$"reason-{d.Code}"])).ToList();
        var outcome = await moderate.HandleAsync(new ModerateAssessment.Command(onsCode, f.Code, year, answers, Actor()), ct);
        if (outcome.IsNotFound)
        {
            return NotFound();
        }

        if (!outcome.Succeeded)
        {
            return await handler.HandleAsync(onsCode, f.Code, year, ct) is { } model ? View(new ModerationForm(model, answers, outcome.Errors, outcome.Message)) : NotFound();
        }

        return Redirect(ShowAssessment.UrlOf(onsCode, f.Code, year));
    }

    /// <summary>Scores across authorities come only from signed-off assessments: for the national team and officials.</summary>
    [HttpGet("scores")]
    [Requires(Need.NationalFigures)]
    public async Task<IActionResult> Scores(FrameworkCode? framework, AssessmentYear? year, [FromServices] ShowScores.Handler handler, CancellationToken ct) =>
        await handler.HandleAsync(framework?.Value ?? Framework.EarlyHelp, year, ct) is { } model ? View(model) : NotFound();

    [HttpGet("readiness")]
    [Requires(Need.NationalFigures)]
    public async Task<IActionResult> Readiness(AssessmentYear? year, [FromServices] ShowReadiness.Handler handler, CancellationToken ct) =>
        View(await handler.HandleAsync(year, ct));

    [HttpGet("outcomes")]
    [Requires(Need.NationalFigures)]
    public async Task<IActionResult> Outcomes(FrameworkCode? framework, AssessmentYear? year, string? indicator, OnsCode? highlight, [FromServices] ShowOutcomes.Handler handler, CancellationToken ct) =>
        await handler.HandleAsync(new ShowOutcomes.Query(framework?.Value ?? Framework.EarlyHelp, year, indicator ?? IndicatorCatalogue.All[0].Id, highlight?.Value), ct) is { } model
            ? View(model)
            : NotFound();

    /// <summary>One authority's maturity over the years: for the national team, officials and the authority's own staff.</summary>
    [HttpGet("authorities/{onsCode}")]
    [Requires(Need.NationalFiguresOrOwnAuthority)]
    public async Task<IActionResult> Progress(OnsCode onsCode, [FromServices] ShowAreaProgress.Handler handler, CancellationToken ct) =>
        await handler.HandleAsync(onsCode, AuthorityAccess.CanSee(User, onsCode), ct) is { } model ? View(model) : NotFound();

    private string Actor() => AuthorityAccess.Actor(User);

    /// <summary>A level from the form; text that is not a level becomes 0, off the scale, so the answer rules say which levels there are.</summary>
    private static int? Level(Framework framework, string? text) => string.IsNullOrWhiteSpace(text) ? null : framework.LevelFrom(text) ?? 0;
}

public sealed record AssessmentPage(ShowAssessment.Model Assessment, string? Refusal, IReadOnlyList<AnswerError> Errors);

public sealed record AreaForm(ShowAssessment.Model Assessment, FrameworkArea Area, IReadOnlyList<RatingAnswer> Answers, IReadOnlyList<AnswerError> Errors, string? Refusal)
{
    public AnswerError? ErrorFor(string descriptor, string field) => Errors.FirstOrDefault(e => e.DescriptorCode == descriptor && e.Field == field);
}

public sealed record UploadPage(ShowAssessment.Model Assessment, string? Refusal, IReadOnlyList<string> Errors);

public sealed record ModerationForm(ShowAssessment.Model Assessment, IReadOnlyList<ModerationAnswer> Answers, IReadOnlyList<AnswerError> Errors, string? Refusal)
{
    public AnswerError? ErrorFor(string descriptor, string field) => Errors.FirstOrDefault(e => e.DescriptorCode == descriptor && e.Field == field);

    public ModerationAnswer? AnswerFor(string descriptor) => Answers.FirstOrDefault(a => a.DescriptorCode == descriptor);
}

public sealed record FrameworkYearPicker(string Framework, AssessmentYear? Year, IReadOnlyList<AssessmentYear> Years);
