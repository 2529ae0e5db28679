using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Returns;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Returns;

[Route("returns")]
public sealed class ReturnsController(AuditLog audit) : Controller
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The national view of a quarter; authority staff go straight to their own return.</summary>
    [HttpGet("")]
    public async Task<IActionResult> Index(string? period, string? region, string? status, [FromServices] ListReturns.Handler handler, [FromServices] CollectionWindows windows, CancellationToken ct)
    {
        if (period is not null && !ReturnPeriod.TryParse(period, out _))
        {
            return NotFound();
        }

        var quarter = ReturnPeriod.TryParse(period, out var asked) ? asked : (ReturnPeriod?)null;
        if (ReturnAccess.CanSeeAllReturns(User))
        {
            return View(await handler.HandleAsync(quarter, ct, region, Enum.TryParse<ReturnStatus>(status, ignoreCase: true, out var s) ? s : null));
        }

        if (ReturnAccess.AuthorityOf(User) is { } own && (User.IsInRole(Roles.Preparer) || User.IsInRole(Roles.Approver)))
        {
            var latest = quarter ?? windows.Current;
            return Redirect($"/returns/{own}/{latest.UrlSegment}");
        }

        return Forbid();
    }

    [HttpGet("tracker.xlsx")]
    [NoStore]
    public async Task<IActionResult> TrackerWorkbook(string? period, string? region, string? status, [FromServices] ListReturns.Handler handler, CancellationToken ct)
    {
        if (!ReturnAccess.CanSeeAllReturns(User))
        {
            return Forbid();
        }

        if (period is not null && !ReturnPeriod.TryParse(period, out _))
        {
            return NotFound();
        }

        var model = await handler.HandleAsync(ReturnPeriod.TryParse(period, out var quarter) ? quarter : null, ct, region,
            Enum.TryParse<ReturnStatus>(status, ignoreCase: true, out var s) ? s : null);
        await audit.RecordAsync("download-tracker", period: model.Period.UrlSegment, ct: ct);
        return File(DownloadTracker.Workbook(model), Xlsx, $"tracker-{model.Period.UrlSegment}.xlsx");
    }

    [AllowAnonymous]
    [HttpGet("specification")]
    public IActionResult Specification() => View(ReturnSpecifications.V2025_1);

    [HttpGet("{onsCode}/{period}")]
    public async Task<IActionResult> Show(string onsCode, string period, [FromServices] ShowReturn.Handler handler, CancellationToken ct) =>
        !ReturnAccess.CanSee(User, Code(onsCode)) ? Forbid()
        : ReturnPeriod.TryParse(period, out var quarter) && await handler.HandleAsync(Code(onsCode), quarter, ct) is { } model ? View(model) : NotFound();

    [HttpGet("{onsCode}/{period}/template")]
    [NoStore]
    public async Task<IActionResult> Template(string onsCode, string period, [FromServices] DownloadTemplate.Handler handler, [FromServices] CollectionWindows windows, CancellationToken ct)
    {
        if (!ReturnAccess.CanSee(User, Code(onsCode)))
        {
            return Forbid();
        }

        if (!ReturnPeriod.TryParse(period, out var quarter))
        {
            return this.NotFoundPage(await windows.NotAQuarterAsync(period, ct));
        }

        var result = await handler.HandleAsync(Code(onsCode), quarter, ct);
        return result.File is { } file ? File(file.Content, Xlsx, file.FileName) : this.ProblemPage(result.Refusal!);
    }

    [HttpGet("{onsCode}/{period}/upload")]
    public async Task<IActionResult> Upload(string onsCode, string period, [FromServices] ShowReturn.Handler handler, [FromServices] CollectionWindows windows, CancellationToken ct)
    {
        if (!ReturnAccess.CanPrepare(User, Code(onsCode)))
        {
            return Forbid();
        }

        if (!ReturnPeriod.TryParse(period, out var quarter))
        {
            return this.NotFoundPage(await windows.NotAQuarterAsync(period, ct));
        }

        return await handler.HandleAsync(Code(onsCode), quarter, ct) is { } model ? View(new UploadForm(model, model.NotOpen)) : NotFound();
    }

    [HttpPost("{onsCode}/{period}/upload")]
    [Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(AccessSetup.UploadLimit)]
    [UploadLimit(UploadReturn.MaxBytes)]
    public async Task<IActionResult> Upload(string onsCode, string period, IFormFile? file, [FromServices] ShowReturn.Handler show,
        [FromServices] UploadReturn.Handler upload, [FromServices] CollectionWindows windows, CancellationToken ct)
    {
        if (!ReturnAccess.CanPrepare(User, Code(onsCode)))
        {
            return Forbid();
        }

        var code = Code(onsCode);
        if (!ReturnPeriod.TryParse(period, out var quarter))
        {
            return this.NotFoundPage(await windows.NotAQuarterAsync(period, ct));
        }

        // The return page's model is only needed to show the form again; a good upload goes straight on.
        async Task<IActionResult> FormAgain(string message, int status = StatusCodes.Status200OK)
        {
            if (await show.HandleAsync(code, quarter, ct) is not { } model)
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

        var result = await upload.HandleAsync(new UploadReturn.Command(code, quarter, file.FileName, file.ContentType ?? "", await ContentAsync(file, ct),
            Actor(), HttpContext.Connection.RemoteIpAddress?.ToString()), ct);
        if (result.Refusal is { } refusal)
        {
            return refusal.Kind == RefusalKind.NotFound ? NotFound() : await FormAgain(refusal.Message, refusal.StatusCode);
        }

        return RedirectToAction(nameof(Version), new { onsCode = code, period = quarter.UrlSegment, number = result.VersionNumber });
    }

    [HttpGet("{onsCode}/{period}/versions/{number:int}")]
    public async Task<IActionResult> Version(string onsCode, string period, int number, string? show, string? sheet, string? rule, int? page, [FromServices] ShowVersion.Handler handler, CancellationToken ct) =>
        !ReturnAccess.CanSee(User, Code(onsCode)) ? Forbid()
        : ReturnPeriod.TryParse(period, out var quarter) && await handler.HandleAsync(Code(onsCode), quarter, number, Filtering(show, sheet, rule, page), ct) is { } model
            ? View(new VersionPage(model, null, null, null))
            : NotFound();

    [HttpGet("{onsCode}/{period}/compare")]
    public async Task<IActionResult> Compare(string onsCode, string period, int? from, int? to, [FromServices] CompareVersions.Handler handler, CancellationToken ct) =>
        !ReturnAccess.CanSee(User, Code(onsCode)) ? Forbid()
        : ReturnPeriod.TryParse(period, out var quarter) && await handler.HandleAsync(Code(onsCode), quarter, from, to, ct) is { } model ? View(model) : NotFound();

    [HttpGet("{onsCode}/{period}/versions/{number:int}/issues.csv")]
    [NoStore]
    public async Task<IActionResult> IssuesCsv(string onsCode, string period, int number, [FromServices] ShowVersion.Handler handler,
        [FromServices] Data.NationalReturnsDbContext db, CancellationToken ct)
    {
        if (!ReturnAccess.CanSee(User, Code(onsCode)))
        {
            return Forbid();
        }

        if (!ReturnPeriod.TryParse(period, out var quarter) || await handler.IdAsync(Code(onsCode), quarter, number, ct) is not { } versionId)
        {
            return NotFound();
        }

        await audit.RecordAsync("download-issues", Code(onsCode), quarter.UrlSegment, $"version {number}", ct: ct);
        Response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { FileName = $"issues-{Code(onsCode)}-{quarter.UrlSegment}-v{number}.csv" }.ToString();
        Response.ContentType = "text/csv; charset=utf-8";
        await DownloadIssues.WriteAsync(Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AsAsyncEnumerable(ShowVersion.AllIssues(db, versionId)), Response.Body, ct);
        return new EmptyResult();
    }

    [HttpGet("{onsCode}/{period}/versions/{number:int}/marked.xlsx")]
    [NoStore]
    public async Task<IActionResult> Marked(string onsCode, string period, int number, [FromServices] DownloadMarkedWorkbook.Handler handler, CancellationToken ct)
    {
        if (!ReturnAccess.CanSee(User, Code(onsCode)))
        {
            return Forbid();
        }

        if (!ReturnPeriod.TryParse(period, out var quarter) || await handler.HandleAsync(Code(onsCode), quarter, number, ct) is not { } file)
        {
            return NotFound();
        }

        await audit.RecordAsync("download-marked-workbook", Code(onsCode), quarter.UrlSegment, $"version {number}{(file.Content is null ? ": could not be made" : "")}", ct: ct);
        if (file.Content is null)
        {
            var page = View("MarkedWorkbookFailed", new MarkedWorkbookFailed(Code(onsCode), quarter, number, file.Failure!));
            page.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return page;
        }

        return File(file.Content, Xlsx, file.FileName);
    }

    [HttpPost("{onsCode}/{period}/versions/{number:int}/explanations")]
    public async Task<IActionResult> Explain(string onsCode, string period, int number, [FromForm] string ruleCode, [FromForm] string? text,
        [FromServices] ExplainQuery.Handler explain, [FromServices] ShowVersion.Handler versions, CancellationToken ct)
    {
        if (!ReturnAccess.CanPrepare(User, Code(onsCode)))
        {
            return Forbid();
        }

        var code = Code(onsCode);
        if (!ReturnPeriod.TryParse(period, out var quarter))
        {
            return NotFound();
        }

        var outcome = await explain.HandleAsync(new ExplainQuery.Command(code, quarter, number, ruleCode, text, Actor()), ct);
        if (!outcome.Found)
        {
            return NotFound();
        }

        if (outcome.Problem is not null)
        {
            // Only a refused explanation needs the feedback page again, with the problem shown.
            var model = (await versions.HandleAsync(code, quarter, number, new ShowVersion.Filter(Rule: ruleCode), ct))!;
            return View(nameof(Version), new VersionPage(model, ruleCode, text, outcome.Problem));
        }

        return Redirect($"/returns/{code}/{quarter.UrlSegment}/versions/{number}#explain-{ruleCode}");
    }

    /// <summary>Submit, certify, query, answer, accept or reopen: each by its own role, each only from the right state.</summary>
    [HttpPost("{onsCode}/{period}/actions/{move:regex(^(submit|certify|query|answer|accept|reopen)$)}")]
    public async Task<IActionResult> Move(string onsCode, string period, string move, [FromForm] string? text, [FromForm] bool certified,
        [FromServices] MoveReturn.Handler handler, [FromServices] ShowReturn.Handler show, CancellationToken ct)
    {
        var code = Code(onsCode);
        var action = Enum.Parse<ReturnAction>(move, ignoreCase: true);
        if (!ReturnAccess.CanTake(User, action, code))
        {
            return Forbid();
        }

        if (!ReturnPeriod.TryParse(period, out var quarter) || await show.HandleAsync(code, quarter, ct) is not { } model)
        {
            return NotFound();
        }

        var refusal = await handler.HandleAsync(new MoveReturn.Command(code, quarter, action, text, Actor(), certified), ct);
        if (refusal is not null)
        {
            return View(nameof(Show), model with { Error = refusal, ErrorField = move, Text = text });
        }

        return Redirect($"/returns/{code}/{quarter.UrlSegment}");
    }

    /// <summary>Publishes every accepted return of the quarter; the others wait for the next publication.</summary>
    [HttpPost("publish")]
    public async Task<IActionResult> Publish([FromForm] string period, [FromServices] MoveReturn.Handler handler, [FromServices] Indicators.RebuildIndicators.Handler indicators, CancellationToken ct)
    {
        if (!ReturnAccess.CanReview(User))
        {
            return Forbid();
        }

        if (!ReturnPeriod.TryParse(period, out var quarter))
        {
            return NotFound();
        }

        var published = await handler.PublishAcceptedAsync(quarter, Actor(), ct);

        if (published.Count > 0)
        {
            // A published or revised quarter changes its own indicators and the rolling sums and trends after it.
            await indicators.HandleAsync(quarter, ct);
        }

        return Redirect($"/returns?period={quarter.UrlSegment}&published={published.Count}");
    }

    /// <summary>The uploaded bytes, read once into an array of the right size.</summary>
    internal static async Task<byte[]> ContentAsync(IFormFile file, CancellationToken ct)
    {
        var content = new byte[file.Length];
        await using var stream = file.OpenReadStream();
        await stream.ReadExactlyAsync(content, ct);
        return content;
    }

    private static string Code(string onsCode) => onsCode.Trim().ToUpperInvariant();

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

    private string Actor() => ReturnAccess.Actor(User);
}

public sealed record UploadForm(ShowReturn.Model Return, string? Error);

public sealed record MarkedWorkbookFailed(string OnsCode, ReturnPeriod Period, int Number, string Reason);

public sealed record VersionPage(ShowVersion.Model Version, string? ExplainingRule, string? ExplanationText, string? ExplanationError);
