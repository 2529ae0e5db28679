using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NationalReturns.Domain.Areas;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Returns;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Features.Notifications;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Returns;

[Route("returns")]
public sealed class ReturnsController : Controller
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The national view of a quarter; authority staff go straight to their own return.</summary>
    [HttpGet("")]
    [Requires(Need.OwnOrEveryAuthority)]
    public async Task<IActionResult> Index(ReturnPeriod? period, string? region, string? status, [FromServices] ListReturns.Handler handler, [FromServices] CollectionCalendar windows, CancellationToken ct) =>
        AuthorityAccess.StaffAuthority(User) is { } own && !AuthorityAccess.SeesEveryAuthority(User)
            ? Redirect($"/returns/{own}/{(period ?? windows.Current).UrlSegment}")
            : View(await handler.HandleAsync(period, region, Status(status), ct));

    [HttpGet("tracker.xlsx")]
    [NoStore]
    [Requires(Need.EveryAuthority)]
    public async Task<IActionResult> TrackerWorkbook(ReturnPeriod? period, string? region, string? status, [FromServices] DownloadTracker.Handler handler, CancellationToken ct)
    {
        var file = await handler.HandleAsync(period, region, Status(status), ct);
        return File(file.Content, Xlsx, file.FileName);
    }

    [AllowAnonymous]
    [HttpGet("specification")]
    public IActionResult Specification() => View(ReturnSpecifications.V2025_1);

    [HttpGet("{onsCode}/{period}")]
    [Requires(Need.SeeAuthority)]
    public async Task<IActionResult> Show(OnsCode onsCode, ReturnPeriod period, [FromServices] ShowReturn.Handler handler, CancellationToken ct) =>
        await handler.HandleAsync(onsCode, period, ct) is { } model ? View(model) : NotFound();

    [HttpGet("{onsCode}/{period}/template")]
    [NoStore]
    [Requires(Need.SeeAuthority)]
    public async Task<IActionResult> Template(OnsCode onsCode, ReturnPeriod period, [FromServices] DownloadTemplate.Handler handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(onsCode, period, ct);
        return result.File is { } file ? File(file.Content, Xlsx, file.FileName) : this.ProblemPage(result.Refusal!);
    }

    [HttpGet("{onsCode}/{period}/upload")]
    [Requires(Need.PrepareForAuthority)]
    public async Task<IActionResult> Upload(OnsCode onsCode, ReturnPeriod period, [FromServices] ShowReturn.Handler handler, CancellationToken ct) =>
        await handler.HandleAsync(onsCode, period, ct) is { } model ? View(new UploadForm(model, model.NotOpen)) : NotFound();

    [HttpPost("{onsCode}/{period}/upload")]
    [Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(AccessSetup.UploadLimit)]
    [UploadLimit(UploadReturn.MaxBytes)]
    [Requires(Need.PrepareForAuthority)]
    public async Task<IActionResult> Upload(OnsCode onsCode, ReturnPeriod period, IFormFile? file, [FromServices] ShowReturn.Handler show,
        [FromServices] UploadReturn.Handler upload, CancellationToken ct)
    {
        // The return page's model is only needed to show the form again; a good upload goes straight on.
        async Task<IActionResult> FormAgain(string message, int status = StatusCodes.Status200OK)
        {
            if (await show.HandleAsync(onsCode, period, ct) is not { } model)
            {
                return NotFound();
            }

            var view = View(new UploadForm(model, message));
            view.StatusCode = status;
            return view;
        }

        if (file is null || file.Length == 0)
        {
            return await FormAgain(file is null ? "Select the return workbook to upload." : "The selected file is empty. Select the workbook you filled in.");
        }

        var result = await upload.HandleAsync(new UploadReturn.Command(onsCode, period, file.FileName, file.ContentType ?? "", await ContentAsync(file, ct),
            Actor(), HttpContext.Connection.RemoteIpAddress?.ToString()), ct);
        if (result.Refusal is { } refusal)
        {
            return refusal.Kind == RefusalKind.NotFound ? NotFound() : await FormAgain(refusal.Message, refusal.StatusCode);
        }

        return RedirectToAction(nameof(Version), new { onsCode = onsCode.Value, period = period.UrlSegment, number = result.VersionNumber });
    }

    [HttpGet("{onsCode}/{period}/versions/{number:int}")]
    [Requires(Need.SeeAuthority)]
    public async Task<IActionResult> Version(OnsCode onsCode, ReturnPeriod period, int number, string? show, string? sheet, string? rule, int? page, [FromServices] ShowVersion.Handler handler, CancellationToken ct) =>
        await handler.HandleAsync(onsCode, period, number, Filtering(show, sheet, rule, page), ct) is { } model
            ? View(new VersionPage(model, null, null, null))
            : NotFound();

    [HttpGet("{onsCode}/{period}/versions/{number:int}/figures")]
    [Requires(Need.SeeAuthority)]
    public async Task<IActionResult> Figures(OnsCode onsCode, ReturnPeriod period, int number, string? need, string? outcome, string? service, string? reference, int? page,
        [FromServices] ShowFigures.Handler handler, CancellationToken ct) =>
        await handler.HandleAsync(onsCode, period, number, new ShowFigures.Request(need, outcome, service, reference, page), ct) is { } model ? View(model) : NotFound();

    /// <summary>The file as uploaded, always sent as a workbook: the type the uploader's browser gave it is not trusted.</summary>
    [HttpGet("{onsCode}/{period}/versions/{number:int}/original")]
    [NoStore]
    [Requires(Need.SeeAuthority)]
    public async Task<IActionResult> Original(OnsCode onsCode, ReturnPeriod period, int number, [FromServices] DownloadOriginal.Handler handler, CancellationToken ct)
    {
        if (await handler.HandleAsync(onsCode, period, number, ct) is not { } file)
        {
            return NotFound();
        }

        Response.Headers.XContentTypeOptions = "nosniff";
        return File(file.Content, Xlsx, file.FileName);
    }

    [HttpGet("{onsCode}/{period}/compare")]
    [Requires(Need.SeeAuthority)]
    public async Task<IActionResult> Compare(OnsCode onsCode, ReturnPeriod period, int? from, int? to, [FromServices] CompareVersions.Handler handler, CancellationToken ct) =>
        await handler.HandleAsync(onsCode, period, from, to, ct) is { } model ? View(model) : NotFound();

    [HttpGet("{onsCode}/{period}/versions/{number:int}/issues.csv")]
    [NoStore]
    [Requires(Need.SeeAuthority)]
    public async Task<IActionResult> IssuesCsv(OnsCode onsCode, ReturnPeriod period, int number, [FromServices] DownloadIssues.Handler handler, CancellationToken ct)
    {
        if (await handler.HandleAsync(onsCode, period, number, ct) is not { } download)
        {
            return NotFound();
        }

        Response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { FileName = download.FileName }.ToString();
        Response.ContentType = "text/csv; charset=utf-8";
        await DownloadIssues.WriteAsync(download.Issues, Response.Body, ct);
        return new EmptyResult();
    }

    [HttpGet("{onsCode}/{period}/versions/{number:int}/marked.xlsx")]
    [NoStore]
    [Requires(Need.SeeAuthority)]
    public async Task<IActionResult> Marked(OnsCode onsCode, ReturnPeriod period, int number, [FromServices] DownloadMarkedWorkbook.Handler handler, CancellationToken ct)
    {
        if (await handler.HandleAsync(onsCode, period, number, ct) is not { } file)
        {
            return NotFound();
        }

        if (file.Content is null)
        {
            var page = View("MarkedWorkbookFailed", new MarkedWorkbookFailed(onsCode, period, number, file.Failure!));
            page.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return page;
        }

        return File(file.Content, Xlsx, file.FileName);
    }

    [HttpPost("{onsCode}/{period}/versions/{number:int}/explanations")]
    [Requires(Need.PrepareForAuthority)]
    public async Task<IActionResult> Explain(OnsCode onsCode, ReturnPeriod period, int number, [FromForm] string ruleCode, [FromForm] string? text,
        [FromServices] ExplainQuery.Handler explain, [FromServices] ShowVersion.Handler versions, CancellationToken ct)
    {
        var outcome = await explain.HandleAsync(new ExplainQuery.Command(onsCode, period, number, ruleCode, text, Actor()), ct);
        if (outcome.IsNotFound)
        {
            return NotFound();
        }

        if (outcome.Refusal is { } refusal)
        {
            // Only a refused explanation needs the feedback page again, with the problem shown.
            var model = (await versions.HandleAsync(onsCode, period, number, new ShowVersion.Filter(Rule: ruleCode), ct))!;
            return View(nameof(Version), new VersionPage(model, ruleCode, text, refusal.Message));
        }

        return Redirect($"/returns/{onsCode}/{period.UrlSegment}/versions/{number}#explain-{ruleCode}");
    }

    /// <summary>Submit, certify, send back, query, answer, accept or reopen: each by its own role (the workflow table says which), each only from the right state.</summary>
    [HttpPost("{onsCode}/{period}/actions/{move:regex(^(submit|certify|send-back|query|answer|accept|reopen)$)}")]
    public async Task<IActionResult> Move(OnsCode onsCode, ReturnPeriod period, string move, [FromForm] string? text, [FromForm] bool certified,
        [FromServices] MoveReturn.Handler handler, [FromServices] ShowReturn.Handler show, CancellationToken ct)
    {
        var action = Action(move);
        if (!AuthorityAccess.CanTake(User, action, onsCode))
        {
            return Forbid();
        }

        if (await show.HandleAsync(onsCode, period, ct) is not { } model)
        {
            return NotFound();
        }

        var outcome = await handler.HandleAsync(new MoveReturn.Command(onsCode, period, action, text, Actor(), certified), ct);
        if (outcome.Refusal is { } refusal)
        {
            return View(nameof(Show), model with { Error = refusal.Message, ErrorField = move, Text = text });
        }

        return Redirect($"/returns/{onsCode}/{period.UrlSegment}/done/{move}");
    }

    /// <summary>The confirmation a move ends on: what was done, who was told, what happens next.</summary>
    [HttpGet("{onsCode}/{period}/done/{move:regex(^(submit|certify|send-back|query|answer|accept|reopen)$)}")]
    [Requires(Need.SeeAuthority)]
    public async Task<IActionResult> Done(OnsCode onsCode, ReturnPeriod period, string move, [FromServices] ConfirmMove.Handler handler, CancellationToken ct)
    {
        var action = Action(move);
        return await handler.HandleAsync(onsCode, period, action, Actor(), ReturnWorkflow.RoleFor(action), ct) is { } model
            ? View("Done", model)
            : Redirect($"/returns/{onsCode}/{period.UrlSegment}");
    }

    /// <summary>What publishing the quarter will release, and what it will leave out, before it is done.</summary>
    [HttpGet("publish")]
    [Requires(Need.Review)]
    public async Task<IActionResult> Publish(ReturnPeriod? period, [FromServices] PublishQuarter.Handler handler, [FromServices] CollectionCalendar windows, CancellationToken ct) =>
        View("Publish", await handler.HandleAsync(period ?? windows.Current, ct));

    /// <summary>Publishes every accepted return of the quarter; the others wait for the next publication.</summary>
    /// <param name="expected">How many the confirmation page said would be published: if that changed meanwhile, the page is shown again.</param>
    [HttpPost("publish")]
    [Requires(Need.Review)]
    public async Task<IActionResult> Publish([FromForm] ReturnPeriod period, [FromForm] int? expected, [FromServices] PublishQuarter.Handler confirm, [FromServices] MoveReturn.Handler handler,
        [FromServices] Indicators.RebuildIndicators.Handler indicators, CancellationToken ct)
    {
        if (expected is { } count && await confirm.HandleAsync(period, ct) is { } now && now.ToPublish.Count != count)
        {
            return View("Publish", now with
            {
                Error = $"The accepted returns changed since the page was opened: {now.ToPublish.Count} will be published now, not {count}. Check the list and publish again.",
            });
        }

        var published = await handler.PublishAcceptedAsync(period, Actor(), ct);

        if (published.Count > 0)
        {
            // A published or revised quarter changes its own indicators and the rolling sums and trends after it.
            await indicators.HandleAsync(period, ct);
        }

        return Redirect($"/returns?period={period.UrlSegment}&published={published.Count}");
    }

    /// <summary>
    /// Reminds the ticked authorities now (<c>send=selected</c>), or every overdue one the tracker shows
    /// (<c>send=overdue</c>); then back to the same view of the tracker, saying who was reminded and who skipped.
    /// </summary>
    [HttpPost("reminders")]
    [Requires(Need.Review)]
    public async Task<IActionResult> Remind([FromForm] ReturnPeriod? period, [FromForm] string? region, [FromForm] string? status, [FromForm] List<string>? codes,
        [FromForm] string? send, [FromServices] SendReminderNow.Handler handler, [FromServices] ListReturns.Handler list, [FromServices] CollectionCalendar windows, CancellationToken ct)
    {
        var quarter = period ?? windows.Current;
        var ticked = codes ?? [];
        var outcome = await handler.HandleAsync(new SendReminderNow.Command(quarter, ticked, send == "overdue", region, Status(status), Actor()), ct);
        if (outcome.Error is { } error)
        {
            var page = View(nameof(Index), await list.HandleAsync(quarter, region, Status(status), ct) with
            {
                ReminderError = error,
                Ticked = ticked.ToHashSet(StringComparer.Ordinal),
            });
            page.StatusCode = StatusCodes.Status400BadRequest;
            return page;
        }

        var skipped = string.Concat(outcome.Skipped.Select(s => $"&{(s.Why == SendReminderNow.Why.NobodyToEmail ? "unreachable" : "skipped")}={s.OnsCode}"));
        return Redirect($"/returns?period={quarter.UrlSegment}&region={Uri.EscapeDataString(region ?? "")}&status={Uri.EscapeDataString(status ?? "")}"
            + $"&reminded={outcome.Authorities}&people={outcome.People}{skipped}");
    }

    /// <summary>The uploaded bytes, read once into an array of the right size.</summary>
    internal static async Task<byte[]> ContentAsync(IFormFile file, CancellationToken ct)
    {
        var content = new byte[file.Length];
        await using var stream = file.OpenReadStream();
        await stream.ReadExactlyAsync(content, ct);
        return content;
    }

    private static ReturnAction Action(string move) => Enum.Parse<ReturnAction>(move.Replace("-", "", StringComparison.Ordinal), ignoreCase: true);

    private static ReturnStatus? Status(string? status) => Enum.TryParse<ReturnStatus>(status, ignoreCase: true, out var s) ? s : null;

    private static ShowVersion.Filter Filtering(string? show, string? sheet, string? rule, int? page) => new(
        show?.ToLowerInvariant() switch
        {
            "errors" => ShowVersion.Show.Errors,
            "queries" => ShowVersion.Show.Queries,
            _ => ShowVersion.Show.All,
        },
        string.IsNullOrWhiteSpace(sheet) ? null : sheet.Trim(),
        string.IsNullOrWhiteSpace(rule) ? null : rule.Trim().ToUpperInvariant(),
        page ?? 1);

    private string Actor() => AuthorityAccess.Actor(User);
}

public sealed record UploadForm(ShowReturn.Model Return, string? Error);

public sealed record MarkedWorkbookFailed(string OnsCode, ReturnPeriod Period, int Number, string Reason);

public sealed record VersionPage(ShowVersion.Model Version, string? ExplainingRule, string? ExplanationText, string? ExplanationError);
