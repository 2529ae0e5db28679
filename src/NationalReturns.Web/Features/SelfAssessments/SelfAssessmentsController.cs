using Microsoft.AspNetCore.Mvc;
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
public sealed class SelfAssessmentsController(AuditLog audit) : Controller
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [HttpGet("")]
    public async Task<IActionResult> Index(string? year, string? status, [FromServices] ListAssessments.Handler handler, CancellationToken ct)
    {
        if (year is not null && !AssessmentYear.TryParse(year, out _))
        {
            return NotFound();
        }

        AssessmentYear? asked = AssessmentYear.TryParse(year, out var y) ? y : null;
        if (ReturnAccess.CanSeeAllReturns(User))
        {
            return View(await handler.HandleAsync(asked, null, status, ct));
        }

        if (AuthorityStaff() is { } own)
        {
            return View(await handler.HandleAsync(asked, own, null, ct));
        }

        return User.IsInRole(Roles.Official) ? Redirect("/self-assessments/scores") : Forbid();
    }

    [HttpGet("{onsCode}/{framework}/{year}")]
    public async Task<IActionResult> Show(string onsCode, string framework, string year, [FromServices] ShowAssessment.Handler handler, CancellationToken ct) =>
        !CanSee(onsCode) ? Forbid()
        : await LoadAsync(onsCode, framework, year, handler, ct) is { } model ? View(new AssessmentPage(model, null, [])) : NotFound();

    [HttpGet("{onsCode}/{framework}/{year}/areas/{area}")]
    public async Task<IActionResult> Answer(string onsCode, string framework, string year, string area, [FromServices] ShowAssessment.Handler handler, CancellationToken ct)
    {
        if (!ReturnAccess.CanPrepare(User, Code(onsCode)))
        {
            return Forbid();
        }

        if (await LoadAsync(onsCode, framework, year, handler, ct) is not { } model || model.Framework.Area(area) is not { } part)
        {
            return NotFound();
        }

        return !model.CanBeChanged ? Redirect(model.Url) : View(new AreaForm(model, part, part.Descriptors.Select(d => model.Answer(d.Code)).ToList(), [], null));
    }

    [HttpPost("{onsCode}/{framework}/{year}/areas/{area}")]
    public async Task<IActionResult> Answer(string onsCode, string framework, string year, string area, [FromForm] string? then,
        [FromServices] AssessmentFrameworks.Handler frameworks, [FromServices] ShowAssessment.Handler handler, [FromServices] AnswerDescriptors.Handler answer, CancellationToken ct)
    {
        var code = Code(onsCode);
        if (!ReturnAccess.CanPrepare(User, code))
        {
            return Forbid();
        }

        if (!AssessmentYear.TryParse(year, out var y) || await frameworks.ForAsync(code, framework.ToLowerInvariant(), y, ct) is not { } published
            || published.Framework.Area(area) is not { } part)
        {
            return NotFound();
        }

        // The assessment page's model is only needed to show the form again; a good save goes straight on.
        async Task<IActionResult> FormAgain(IReadOnlyList<RatingAnswer> answers, IReadOnlyList<AnswerError> errors, string? refusal) =>
            await handler.HandleAsync(code, published.Framework.Code, y, ct) is { } model ? View(new AreaForm(model, part, answers, errors, refusal)) : NotFound();

        var f = published.Framework;
        var answers = part.Descriptors.Select(d => new RatingAnswer(d.Code, Level(f, Request.Form[$"level-{d.Code}"]), Request.Form[$"evidence-{d.Code}"],
            Level(f, Request.Form[$"target-{d.Code}"]), Request.Form[$"actions-{d.Code}"])).ToList();
        var outcome = await answer.HandleAsync(new AnswerDescriptors.Command(code, f.Code, y, answers, Actor()), ct);
        if (!outcome.Found)
        {
            return NotFound();
        }

        if (!outcome.Saved)
        {
            return await FormAgain(answers, outcome.Errors, outcome.Refusal);
        }

        await audit.RecordAsync("self-assessment-save", code, y.Label, $"{f.ShortName}: {part.Name}", ct: ct);
        var url = ShowAssessment.UrlOf(code, f.Code, y);
        var next = f.Areas.SkipWhile(a => a.Code != part.Code).Skip(1).FirstOrDefault();
        return then == "next" && next is not null ? Redirect($"{url}/areas/{next.Code}") : Redirect(url);
    }

    [HttpPost("{onsCode}/{framework}/{year}/{move:regex(^(submit|sign-off|send-back)$)}")]
    public async Task<IActionResult> Move(string onsCode, string framework, string year, string move, [FromForm] string? reason,
        [FromServices] ShowAssessment.Handler handler, [FromServices] MoveAssessment.Handler mover, CancellationToken ct)
    {
        var code = Code(onsCode);
        var step = move switch
        {
            "submit" => MoveAssessment.Move.Submit,
            "sign-off" => MoveAssessment.Move.SignOff,
            _ => MoveAssessment.Move.SendBack,
        };
        var allowed = step == MoveAssessment.Move.Submit ? ReturnAccess.CanPrepare(User, code) : ReturnAccess.CanCertify(User, code);
        if (!allowed)
        {
            return Forbid();
        }

        if (!AssessmentYear.TryParse(year, out var y))
        {
            return NotFound();
        }

        var frameworkCode = framework.ToLowerInvariant();
        async Task<IActionResult> PageAgain(string? refusal, IReadOnlyList<AnswerError> errors) =>
            await handler.HandleAsync(code, frameworkCode, y, ct) is { } model ? View("Show", new AssessmentPage(model, refusal, errors)) : NotFound();

        var outcome = await mover.HandleAsync(new MoveAssessment.Command(code, frameworkCode, y, step, Actor(), reason), ct);
        if (!outcome.Found)
        {
            return NotFound();
        }

        if (!outcome.Moved)
        {
            return await PageAgain(outcome.Refusal, outcome.Errors);
        }

        await audit.RecordAsync($"self-assessment-{move}", code, y.Label, frameworkCode + (reason is { Length: > 0 } ? $": {reason}" : ""), ct: ct);
        return Redirect(ShowAssessment.UrlOf(code, frameworkCode, y));
    }

    [HttpGet("{onsCode}/{framework}/{year}/template")]
    [NoStore]
    public async Task<IActionResult> Template(string onsCode, string framework, string year, [FromServices] ShowAssessment.Handler handler, CancellationToken ct)
    {
        if (!CanSee(onsCode))
        {
            return Forbid();
        }

        if (await LoadAsync(onsCode, framework, year, handler, ct) is not { } model)
        {
            return NotFound();
        }

        var content = AssessmentTemplate.Write(model.Framework, model.OnsCode, model.AuthorityName, model.Year, model.Answer);
        await audit.RecordAsync("self-assessment-template", model.OnsCode, model.Year.Label, model.Framework.ShortName, ct: ct);
        return File(content, Xlsx, $"{model.Framework.Code}-{model.OnsCode}-{model.Year.Label}.xlsx");
    }

    [HttpGet("{onsCode}/{framework}/{year}/upload")]
    public async Task<IActionResult> Upload(string onsCode, string framework, string year, [FromServices] ShowAssessment.Handler handler, CancellationToken ct)
    {
        if (!ReturnAccess.CanPrepare(User, Code(onsCode)))
        {
            return Forbid();
        }

        return await LoadAsync(onsCode, framework, year, handler, ct) is not { } model ? NotFound()
            : !model.CanBeChanged ? Redirect(model.Url) : View(new UploadPage(model, null, []));
    }

    [HttpPost("{onsCode}/{framework}/{year}/upload")]
    [Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(AccessSetup.UploadLimit)]
    [UploadLimit(UploadAssessment.MaxBytes)]
    public async Task<IActionResult> Upload(string onsCode, string framework, string year, IFormFile? file,
        [FromServices] ShowAssessment.Handler handler, [FromServices] UploadAssessment.Handler upload, CancellationToken ct)
    {
        var code = Code(onsCode);
        if (!ReturnAccess.CanPrepare(User, code))
        {
            return Forbid();
        }

        if (!AssessmentYear.TryParse(year, out var y))
        {
            return NotFound();
        }

        var frameworkCode = framework.ToLowerInvariant();
        async Task<IActionResult> FormAgain(string? refusal, IReadOnlyList<string> errors) =>
            await handler.HandleAsync(code, frameworkCode, y, ct) is { } model ? View(new UploadPage(model, refusal, errors)) : NotFound();

        if (file is null || file.Length == 0)
        {
            return await FormAgain(file is null ? "Select the completed assessment workbook." : "The selected file is empty. Select the workbook you filled in.", []);
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var outcome = await upload.HandleAsync(new UploadAssessment.Command(code, frameworkCode, y, buffer.ToArray(), Actor()), ct);
        if (!outcome.Found)
        {
            return NotFound();
        }

        if (!outcome.Saved)
        {
            await audit.RecordAsync("self-assessment-upload-refused", code, y.Label, outcome.Refusal ?? $"{outcome.Errors.Count} problems", ct: ct);
            return await FormAgain(outcome.Refusal, outcome.Errors);
        }

        await audit.RecordAsync("self-assessment-upload", code, y.Label, $"{frameworkCode}: {file.FileName}, {outcome.Answers} answers", ct: ct);
        return Redirect(ShowAssessment.UrlOf(code, frameworkCode, y));
    }

    [HttpGet("{onsCode}/{framework}/{year}/moderate")]
    public async Task<IActionResult> Moderate(string onsCode, string framework, string year, [FromServices] ShowAssessment.Handler handler, CancellationToken ct)
    {
        if (!ReturnAccess.CanReview(User))
        {
            return Forbid();
        }

        if (await LoadAsync(onsCode, framework, year, handler, ct) is not { } model)
        {
            return NotFound();
        }

        var answers = model.Ratings.Values.Select(r => new ModerationAnswer(r.DescriptorCode, r.ModeratedLevel ?? r.Level, r.ModerationReason)).ToList();
        return model.Status != AssessmentStatus.SignedOff ? Redirect(model.Url) : View(new ModerationForm(model, answers, [], null));
    }

    [HttpPost("{onsCode}/{framework}/{year}/moderate")]
    public async Task<IActionResult> Moderate(string onsCode, string framework, string year, [FromServices] AssessmentFrameworks.Handler frameworks,
        [FromServices] ShowAssessment.Handler handler, [FromServices] ModerateAssessment.Handler moderate, CancellationToken ct)
    {
        if (!ReturnAccess.CanReview(User))
        {
            return Forbid();
        }

        var code = Code(onsCode);
        if (!AssessmentYear.TryParse(year, out var y) || await frameworks.ForAsync(code, framework.ToLowerInvariant(), y, ct) is not { } published)
        {
            return NotFound();
        }

        var f = published.Framework;
        var answers = f.Descriptors.Select(d => new ModerationAnswer(d.Code, Level(f, Request.Form[$"level-{d.Code}"]), Request.Form[$"reason-{d.Code}"])).ToList();
        var outcome = await moderate.HandleAsync(new ModerateAssessment.Command(code, f.Code, y, answers, Actor()), ct);
        if (!outcome.Found)
        {
            return NotFound();
        }

        if (!outcome.Saved)
        {
            return await handler.HandleAsync(code, f.Code, y, ct) is { } model ? View(new ModerationForm(model, answers, outcome.Errors, outcome.Refusal)) : NotFound();
        }

        await audit.RecordAsync("self-assessment-moderate", code, y.Label, $"{f.ShortName}: {answers.Count - outcome.Adjusted} agreed, {outcome.Adjusted} adjusted", ct: ct);
        return Redirect(ShowAssessment.UrlOf(code, f.Code, y));
    }

    [HttpGet("scores")]
    public async Task<IActionResult> Scores(string? framework, string? year, [FromServices] ShowScores.Handler handler, CancellationToken ct)
    {
        if (!CanSeeNational())
        {
            return Forbid();
        }

        if (year is not null && !AssessmentYear.TryParse(year, out _))
        {
            return NotFound();
        }

        var model = await handler.HandleAsync(framework ?? Framework.EarlyHelp, AssessmentYear.TryParse(year, out var y) ? y : null, ct);
        return model is null ? NotFound() : View(model);
    }

    [HttpGet("readiness")]
    public async Task<IActionResult> Readiness(string? year, [FromServices] ShowReadiness.Handler handler, CancellationToken ct)
    {
        if (!CanSeeNational())
        {
            return Forbid();
        }

        if (year is not null && !AssessmentYear.TryParse(year, out _))
        {
            return NotFound();
        }

        return View(await handler.HandleAsync(AssessmentYear.TryParse(year, out var y) ? y : null, ct));
    }

    [HttpGet("outcomes")]
    public async Task<IActionResult> Outcomes(string? framework, string? year, string? indicator, string? highlight, [FromServices] ShowOutcomes.Handler handler, CancellationToken ct)
    {
        if (!CanSeeNational())
        {
            return Forbid();
        }

        if (year is not null && !AssessmentYear.TryParse(year, out _))
        {
            return NotFound();
        }

        var model = await handler.HandleAsync(new ShowOutcomes.Query(framework ?? Framework.EarlyHelp, AssessmentYear.TryParse(year, out var y) ? y : null,
            indicator ?? IndicatorCatalogue.All[0].Id, string.IsNullOrWhiteSpace(highlight) ? null : Code(highlight)), ct);
        return model is null ? NotFound() : View(model);
    }

    [HttpGet("areas/{onsCode}")]
    public async Task<IActionResult> Progress(string onsCode, [FromServices] ShowAreaProgress.Handler handler, CancellationToken ct)
    {
        var code = Code(onsCode);
        if (!CanSeeNational() && AuthorityStaff() != code)
        {
            return Forbid();
        }

        var model = await handler.HandleAsync(code, ReturnAccess.CanSeeAllReturns(User) || AuthorityStaff() == code, ct);
        return model is null ? NotFound() : View(model);
    }

    private static async Task<ShowAssessment.Model?> LoadAsync(string onsCode, string framework, string year, ShowAssessment.Handler handler, CancellationToken ct) =>
        AssessmentYear.TryParse(year, out var y) ? await handler.HandleAsync(Code(onsCode), framework.ToLowerInvariant(), y, ct) : null;

    /// <summary>An assessment's answers and evidence are for its own authority's staff and the national team.</summary>
    private bool CanSee(string onsCode) => ReturnAccess.CanSee(User, Code(onsCode));

    /// <summary>Scores across authorities come only from signed-off assessments: for the national team and officials.</summary>
    private bool CanSeeNational() => ReturnAccess.CanSeeAllReturns(User) || User.IsInRole(Roles.Official);

    private string? AuthorityStaff() =>
        ReturnAccess.AuthorityOf(User) is { } own && (User.IsInRole(Roles.Preparer) || User.IsInRole(Roles.Approver)) ? own : null;

    private string Actor() => ReturnAccess.Actor(User);

    private static string Code(string onsCode) => onsCode.Trim().ToUpperInvariant();

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
