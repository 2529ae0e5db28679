using Microsoft.AspNetCore.Mvc;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.SelfAssessments;

/// <summary>
/// Admins publish a new version of a framework from its JSON definition. A published version is never
/// edited: assessments made against it keep pointing at it, and new ones use the newest.
/// </summary>
[Route("admin/frameworks")]
[Requires(Need.Admin)]
public sealed class FrameworksController : Controller
{
    public const long MaxBytes = 256 * 1024;

    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] AssessmentFrameworks.Handler frameworks, CancellationToken ct) =>
        View("~/Features/SelfAssessments/Frameworks.cshtml", new FrameworksPage(await frameworks.AllAsync(ct), [], null));

    [HttpPost("")]
    [RequestSizeLimit(MaxBytes + (64 * 1024))]
    public async Task<IActionResult> Publish(IFormFile? file, [FromServices] AssessmentFrameworks.Handler frameworks, CancellationToken ct)
    {
        async Task<IActionResult> Again(IReadOnlyList<string> errors) => View("~/Features/SelfAssessments/Frameworks.cshtml", new FrameworksPage(await frameworks.AllAsync(ct), errors, null));
        if (file is null || file.Length == 0)
        {
            return await Again([file is null ? "Select the framework definition (a .json file) to publish." : "The selected file is empty."]);
        }

        if (file.Length > MaxBytes)
        {
            return await Again([$"The definition is {file.Length / 1024:N0} KB; a framework definition is at most {MaxBytes / 1024:N0} KB."]);
        }

        using var reader = new StreamReader(file.OpenReadStream());
        var outcome = await frameworks.PublishAsync(await reader.ReadToEndAsync(ct), AuthorityAccess.Actor(User), ct);
        if (outcome.Published is not { } published)
        {
            return await Again(outcome.Errors);
        }

        return View("~/Features/SelfAssessments/Frameworks.cshtml", new FrameworksPage(await frameworks.AllAsync(ct), [], $"{published.Framework.Name} version {published.Framework.Version} is published. New assessments will use it; assessments already started keep their version."));
    }
}

public sealed record FrameworksPage(IReadOnlyList<AssessmentFrameworks.Published> Versions, IReadOnlyList<string> Errors, string? Published);
