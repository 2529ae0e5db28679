namespace NationalReturns.Web.Data;

/// <summary>
/// An email waiting to go, or gone. Jobs write here and a separate job sends, with retries, so nothing
/// is lost when sending fails. The key makes writing the same message twice a no-op.
/// </summary>
public class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>What the message is for, such as <c>reminder-14:E06000009:2025-26-Q2:sam@council.gov.uk</c>.</summary>
    public required string Key { get; set; }

    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The body holds a single-use link: once sent (or given up on) it is not kept.</summary>
    public bool Secret { get; set; }
}

/// <summary>One run of a scheduled job, on whichever instance ran it.</summary>
public class JobRun
{
    public long Id { get; set; }
    public required string Job { get; set; }

    /// <summary>When the trigger was due to fire: with several instances, each such time runs once.</summary>
    public DateTimeOffset ScheduledFor { get; set; }

    public required string Instance { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? Outcome { get; set; }
}
