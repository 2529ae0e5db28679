using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
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
    public void Add(string action, string? authorityCode = null, string? period = null, string? detail = null, string? actor = null) =>
        db.AuditEvents.Add(Event(http.HttpContext, clock, action, authorityCode, period, detail, actor));

    /// <summary>The event as recorded, for the request's person (or <paramref name="actor"/> when no one is signed in).</summary>
    public static AuditEvent Event(HttpContext? context, TimeProvider clock, string action, string? authorityCode, string? period, string? detail, string? actor = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return new AuditEvent
        {
            At = clock.GetUtcNow(),
            Actor = ActorOf(context, actor),
            Action = action,
            AuthorityCode = authorityCode,
            Period = period,
            Detail = detail is { Length: > 2000 } ? detail[..2000] : detail,
            From = context?.Connection.RemoteIpAddress?.ToString(),
        };
    }

    /// <summary>Adds the event and saves it at once, inside the caller's transaction when there is one: for handlers that change nothing else (downloads, sign-in).</summary>
    public async Task RecordAsync(string action, string? authorityCode = null, string? period = null, string? detail = null, string? actor = null, CancellationToken ct = default)
    {
        Add(action, authorityCode, period, detail, actor);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Who an event is recorded against: the signed-in person (name and address), or who the caller says.</summary>
    private static string ActorOf(HttpContext? context, string? actor) =>
        context?.User is { Identity.IsAuthenticated: true } user ? AuthorityAccess.Actor(user) + Email(user) : actor ?? "anonymous";

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
    public const string DownloadOriginal = "download-original";
    public const string ReminderSent = "reminder-sent";

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
    public static string Of(ReturnAction action) => action == ReturnAction.SendBack ? "send-back" : action.ToString().ToLowerInvariant();
}

/// <summary>
/// Writes download events in the background, as many at a time as
/// have arrived, on connections of its own and without waiting for the flush to disk: a download waited on its
/// audit row's round trips and flush, which held a stored pack to a seventh of a static file's speed. An event is
/// written within moments of its download; stopping the service writes what is queued first. Only the process being
/// killed outright, or the database server crashing, in that moment could lose one (ADR 11).
/// </summary>
public sealed class AuditWriter(Microsoft.Extensions.Options.IOptions<Data.DatabaseOptions> database, IHttpContextAccessor http, TimeProvider clock, ILogger<AuditWriter> log) : BackgroundService
{
    private const int MostAtOnce = 1_000;

    // Bounded: a flood of downloads waits for the writer rather than filling memory.
    private readonly System.Threading.Channels.Channel<AuditEvent> _queue = System.Threading.Channels.Channel.CreateBounded<AuditEvent>(10_000);

    private readonly Lazy<Npgsql.NpgsqlDataSource> _source = new(() =>
        Npgsql.NpgsqlDataSource.Create(new Npgsql.NpgsqlConnectionStringBuilder(database.Value.ConnectionString)
        {
            Options = "-c synchronous_commit=off",
        }.ConnectionString));

    /// <summary>Queues the event for the request's person; the request does not wait for it to be written.</summary>
    public ValueTask RecordAsync(string action, string? authorityCode, string? period, string? detail, CancellationToken ct) =>
        _queue.Writer.WriteAsync(AuditLog.Event(http.HttpContext, clock, action, authorityCode, period, detail), ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<AuditEvent>(MostAtOnce);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await DrainAsync(batch, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is queued is still written.
            _queue.Writer.TryComplete();
            await DrainAsync(batch, CancellationToken.None);
        }
    }

    private async Task DrainAsync(List<AuditEvent> batch, CancellationToken ct)
    {
        while (true)
        {
            batch.Clear();
            while (batch.Count < MostAtOnce && _queue.Reader.TryRead(out var e))
            {
                batch.Add(e);
            }

            if (batch.Count == 0)
            {
                return;
            }

            try
            {
                await using var connection = await _source.Value.OpenConnectionAsync(ct);
                await using var import = await connection.BeginBinaryImportAsync(
                    "COPY audit_events (at, actor, action, authority_code, period, detail, \"from\") FROM STDIN (FORMAT BINARY)", ct);
                foreach (var e in batch)
                {
                    await import.StartRowAsync(ct);
                    await import.WriteAsync(e.At, NpgsqlTypes.NpgsqlDbType.TimestampTz, ct);
                    await import.WriteAsync(e.Actor.Length > 256 ? e.Actor[..256] : e.Actor, ct);
                    await import.WriteAsync(e.Action, ct);
                    await import.WriteAsync(e.AuthorityCode, ct);
                    await import.WriteAsync(e.Period, ct);
                    await import.WriteAsync(e.Detail, ct);
                    await import.WriteAsync(e.From, ct);
                }

                await import.CompleteAsync(ct);
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException)
            {
                // Said loudly, with what was lost, rather than taking the service down with it; who acted and the
                // details (names, file names) are not for the log, so the events are described by action and time.
                log.LogError(ex, "{Count} audit events from {From:O} to {To:O} could not be written: {Actions}", batch.Count, batch.Min(b => b.At), batch.Max(b => b.At),
                    string.Join(", ", batch.GroupBy(b => b.Action).Select(g => $"{g.Count()} {g.Key}")));
            }
        }
    }

    public override void Dispose()
    {
        if (_source.IsValueCreated)
        {
            _source.Value.Dispose();
        }

        base.Dispose();
    }
}
