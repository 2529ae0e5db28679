using System.Security.Claims;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;

namespace NationalReturns.Web.Infrastructure;

/// <summary>
/// Writes the audit trail: who did what, to which return, when and from where. Handlers write it, never
/// controllers, so the same work leaves the same trail whoever does it (a person, the API, a job, the demo).
/// </summary>
public sealed class AuditLog(NationalReturnsDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    /// <summary>
    /// Adds the event to the handler's unit of work: it is stored by the handler's own <c>SaveChanges</c>, in its
    /// transaction, or not at all.
    /// </summary>
    /// <param name="actor">Who, when nobody is signed in to the request (sign-in attempts, scheduled jobs, the demo seeders).</param>
    public void Add(string action, string? authorityCode = null, string? period = null, string? detail = null, string? actor = null)
    {
        var context = http.HttpContext;
        db.AuditEvents.Add(new AuditEvent
        {
            At = clock.GetUtcNow(),
            Actor = context?.User is { Identity.IsAuthenticated: true } user ? AuthorityAccess.Actor(user) + Email(user) : actor ?? "anonymous",
            Action = action,
            AuthorityCode = authorityCode,
            Period = period,
            Detail = detail is { Length: > 2000 } ? detail[..2000] : detail,
            From = context?.Connection.RemoteIpAddress?.ToString(),
        });
    }

    /// <summary>Adds the event and saves it at once, inside the caller's transaction when there is one: for handlers that change nothing else (downloads, sign-in).</summary>
    public async Task RecordAsync(string action, string? authorityCode = null, string? period = null, string? detail = null, string? actor = null, CancellationToken ct = default)
    {
        Add(action, authorityCode, period, detail, actor);
        await db.SaveChangesAsync(ct);
    }

    private static string Email(ClaimsPrincipal user) => user.Identity?.Name is { } name ? $" <{name}>" : "";
}

/// <summary>The audit trail's names for what happened; the audit page filters by them, so they never change once used.</summary>
public static class AuditActions
{
    public const string Upload = "upload";
    public const string UploadRefused = "upload-refused";
    public const string UploadRejected = "upload-rejected";
    public const string Explain = "explain";
    public const string DownloadTemplate = "download-template";
    public const string DownloadTracker = "download-tracker";
    public const string DownloadIssues = "download-issues";
    public const string DownloadMarkedWorkbook = "download-marked-workbook";

    public const string SelfAssessmentSave = "self-assessment-save";
    public const string SelfAssessmentUpload = "self-assessment-upload";
    public const string SelfAssessmentUploadRefused = "self-assessment-upload-refused";
    public const string SelfAssessmentTemplate = "self-assessment-template";
    public const string SelfAssessmentModerate = "self-assessment-moderate";
    public const string SelfAssessmentSubmit = "self-assessment-submit";
    public const string SelfAssessmentSignOff = "self-assessment-sign-off";
    public const string SelfAssessmentSendBack = "self-assessment-send-back";
    public const string FrameworkPublish = "framework-publish";

    public const string CollectionWindow = "collection-window";
    public const string PermissionGranted = "permission-granted";
    public const string PermissionChanged = "permission-changed";
    public const string PermissionRevoked = "permission-revoked";

    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string SignInThrottled = "sign-in-throttled";
    public const string SignOut = "sign-out";
    public const string PasswordResetRequested = "password-reset-requested";
    public const string PasswordResetHeldBack = "password-reset-held-back";
    public const string PasswordSet = "password-set";
    public const string PasswordReset = "password-reset";
    public const string PasswordChanged = "password-changed";

    /// <summary>A return's move (submit, certify, query, answer, accept, reopen, publish), as it has always been recorded.</summary>
    public static string Of(ReturnAction action) => action.ToString().ToLowerInvariant();
}
