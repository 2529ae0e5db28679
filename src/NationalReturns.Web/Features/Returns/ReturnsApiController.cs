using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Areas;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Returns;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Returns;

/// <summary>
/// Councils' own systems upload and check returns with a bearer token issued for their authority.
/// The same upload path, rules and issues as the pages.
/// </summary>
[ApiController]
[Route("api/v1/returns")]
[IgnoreAntiforgeryToken] // token-authenticated, never cookie-authenticated, so there is no cross-site request to forge
[Tags("Returns")]
public sealed class ReturnsApiController : ControllerBase
{
    /// <param name="Cells">How many cells the issue stands for: more than 1 when a run or the rest of a long list is reported as one range.</param>
    public sealed record IssueJson(string Code, string Severity, string Sheet, string? Cell, string? Field, string? Value, string Message, int Cells);

    public sealed record ReturnJson(string Authority, string Period, string Status, int? Version, bool? Readable, string? Rejection, int Errors, int Queries, IReadOnlyList<IssueJson> Issues);

    [HttpPost("{onsCode}/{period}")]
    [EndpointSummary("Upload and check a return")]
    [EndpointDescription("Sends the quarter's workbook (.xlsx, at most 20 MB) as a multipart form field named `file`. It goes through the same upload path, rules and issues as the upload page: a readable return is stored as the next version, a draft, and the answer lists every error and query with the cells it covers. Uploads are limited per API client per minute.")]
    [ProducesResponseType<ReturnJson>(StatusCodes.Status201Created, "application/json")]
    [ProducesProblem(StatusCodes.Status400BadRequest, "No file was sent, or the request could not be read as a multipart form with a field named 'file'.")]
    [ProducesProblem(StatusCodes.Status404NotFound, "No such authority or period.")]
    [ProducesProblem(StatusCodes.Status409Conflict, "The return cannot take an upload now: the quarter is not yet open, or the return has been submitted, certified or accepted. The detail says which and what to do.")]
    [ProducesProblem(StatusCodes.Status413PayloadTooLarge, "The file is over 20 MB.")]
    [ProducesProblem(StatusCodes.Status422UnprocessableEntity, "The file is not a return: not an .xlsx workbook, or not the return template (a sheet or column missing). The detail says what was found.")]
    [Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(AccessSetup.UploadLimit)]
    [UploadLimit(UploadReturn.MaxBytes)]
    [Requires(Need.ApiForAuthority)]
    public async Task<IActionResult> Upload(OnsCode onsCode, ReturnPeriod period, IFormFile? file, [FromServices] UploadReturn.Handler upload, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            return Problem(statusCode: StatusCodes.Status400BadRequest, title: "Send the workbook as a multipart form field named 'file'.");
        }

        var result = await upload.HandleAsync(new UploadReturn.Command(onsCode, period, file.FileName, file.ContentType ?? "", await ReturnsController.ContentAsync(file, ct),
            AuthorityAccess.Actor(User), HttpContext.Connection.RemoteIpAddress?.ToString()), ct);
        if (result.Refusal is { } refusal)
        {
            return Problem(statusCode: refusal.StatusCode, title: Title(refusal.Kind), detail: refusal.Message);
        }

        // Every stored upload leaves the return a draft (ReturnWorkflow), so there is nothing to look up.
        var body = new ReturnJson(onsCode, period.UrlSegment, ReturnStatus.Draft.ToString(), result.VersionNumber, true, null,
            result.Errors, result.Queries, result.Issues.Select(i => new IssueJson(i.Code, i.Severity.ToString(), i.Sheet, i.Cell, i.Field, i.Value, i.Message, i.Count)).ToList());
        return Created($"/api/v1/returns/{onsCode}/{period.UrlSegment}", body);
    }

    private static string Title(RefusalKind kind) => kind switch
    {
        RefusalKind.NotFound => "No such authority or period.",
        RefusalKind.Conflict => "The return cannot take an upload now.",
        RefusalKind.TooLarge => "The file is too large.",
        _ => "The file could not be read as a return.",
    };

    private ObjectResult NoSuchReturn() =>
        Problem(statusCode: StatusCodes.Status404NotFound, title: "No such authority or period. Periods are written like 2025-26-Q1.");

    [HttpGet("{onsCode}/{period}")]
    [EndpointSummary("A return's status and latest check")]
    [EndpointDescription("Where the return is in the workflow (NotStarted, Draft, Submitted, Certified, Queried, Accepted, Published) and the latest version's errors, queries and every issue.")]
    [ProducesResponseType<ReturnJson>(StatusCodes.Status200OK, "application/json")]
    [ProducesProblem(StatusCodes.Status404NotFound, "No such authority or period.")]
    [NoStore]
    [Requires(Need.ApiForAuthority)]
    public async Task<IActionResult> Get(OnsCode onsCode, ReturnPeriod period, [FromServices] ShowReturn.Handler show, [FromServices] ShowVersion.Handler versions,
        [FromServices] NationalReturnsDbContext db, CancellationToken ct)
    {
        if (await show.HandleAsync(onsCode, period, ct) is not { } model)
        {
            return NoSuchReturn();
        }

        var latest = model.Latest is { } line ? await versions.HandleAsync(onsCode, period, line.Number, ShowVersion.Filter.All, ct) : null;
        var issues = latest is null ? []
            : await ShowVersion.AllIssues(db, (await versions.IdAsync(onsCode, period, latest.Number, ct))!.Value)
                .Select(i => new IssueJson(i.Code, i.Severity.ToString(), i.Sheet, i.Cell, i.Field, i.Value, i.Message, i.Count)).ToListAsync(ct);
        return Ok(new ReturnJson(onsCode, period.UrlSegment, model.Status.ToString(), latest?.Number, latest is null ? null : latest.Outcome == ReadOutcome.Read,
            latest?.RejectionReason, latest?.Errors ?? 0, latest?.Queries ?? 0, issues));
    }
}
