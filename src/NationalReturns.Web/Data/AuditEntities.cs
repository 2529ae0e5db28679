namespace NationalReturns.Web.Data;

/// <summary>
/// One thing someone did: an upload, a move through the workflow, a download, a sign-in, a change of
/// permissions. Append-only: the database refuses to change or delete a row.
/// </summary>
public class AuditEvent
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }

    /// <summary>What happened, as a short stable word such as <c>upload</c> or <c>sign-in-failed</c>.</summary>
    public required string Action { get; set; }

    public string? AuthorityCode { get; set; }
    public string? Period { get; set; }
    public string? Detail { get; set; }

    /// <summary>Where the request came from.</summary>
    public string? From { get; set; }
}
