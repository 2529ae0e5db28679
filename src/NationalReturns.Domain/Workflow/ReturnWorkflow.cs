namespace NationalReturns.Domain.Workflow;

/// <summary>Where a return stands in the collection.</summary>
public enum ReturnStatus
{
    NotStarted,

    /// <summary>At least one upload; the latest version is the one that counts.</summary>
    Draft,

    /// <summary>The preparer submitted a version with no errors and every query explained.</summary>
    Submitted,

    /// <summary>An approver of the same authority certified it.</summary>
    Certified,

    /// <summary>The national team questioned it; the authority re-uploads or answers.</summary>
    Queried,

    Accepted,

    /// <summary>Published with its quarter; only published figures reach officials.</summary>
    Published,
}

/// <summary>What a person can do to a return.</summary>
public enum ReturnAction
{
    Upload,

    /// <summary>Explain a query rule on the latest version: allowed only while the return is a draft.</summary>
    Explain,
    Submit,
    Certify,

    /// <summary>The approver returns a submitted return to the preparer, with a reason, instead of certifying it.</summary>
    SendBack,
    Query,
    Answer,
    Accept,
    Publish,
    Reopen,
}

/// <summary>Who may act: the roles of the collection, as far as the workflow cares.</summary>
public enum WorkflowRole
{
    Preparer,
    Approver,
    NationalTeam,
}

/// <summary>The facts about the latest version that decide whether it can be submitted or certified.</summary>
public sealed record VersionReadiness(bool Readable, int Errors, int UnexplainedQueryRules)
{
    public bool Ready => Readable && Errors == 0 && UnexplainedQueryRules <= 0;
}

/// <summary>What the person brings to a move: the latest version's state, their words, their declaration.</summary>
public sealed record MoveRequest(VersionReadiness? Latest = null, string? Text = null, bool Declared = false);

/// <summary>One row of a workflow table: who may make the move, from where, to where, and what it needs.</summary>
/// <param name="To">Null when the move leaves the status as it is (an explanation).</param>
public sealed record WorkflowMove<TAction, TStatus>(TAction Action, WorkflowRole Role, IReadOnlyList<TStatus> From, TStatus? To)
    where TStatus : struct, Enum
{
    /// <summary>The latest version must be readable, free of errors and have every query explained.</summary>
    public bool NeedsReadyVersion { get; init; }

    /// <summary>The person must tick the declaration.</summary>
    public string? Declaration { get; init; }

    /// <summary>When set, the move needs words of its own (at least <see cref="ReturnWorkflow.MinimumText"/> characters); this says which.</summary>
    public string? TextNeeded { get; init; }
}

/// <summary>
/// The life of a return: Not started → Draft → Submitted → Certified → Queried or Accepted → Published,
/// and Published → Draft again only by reopening with a reason. This table is the only place that says who
/// may do what from where and what each move needs; handlers ask it inside the transaction that makes the
/// move (with the return locked), pages ask it to decide what to offer, and the API asks it too.
/// </summary>
public static class ReturnWorkflow
{
    public const int MinimumText = 10;

    /// <summary>Comments, queries, answers and reasons are kept in full up to this length.</summary>
    public const int MaximumText = 4000;

    public const string CertificationStatement =
        "I certify that, to the best of my knowledge, this return is complete and accurate, and that every query has been explained.";

    private static readonly ReturnStatus[] Open = [ReturnStatus.NotStarted, ReturnStatus.Draft, ReturnStatus.Submitted, ReturnStatus.Queried];

    public static IReadOnlyList<WorkflowMove<ReturnAction, ReturnStatus>> Moves { get; } =
    [
        // A new upload withdraws a submission: the figures changed, so they need submitting again.
        new(ReturnAction.Upload, WorkflowRole.Preparer, Open, ReturnStatus.Draft),

        // Once submitted, the explanations are what the approver certifies: they change only after a new upload or a reopen.
        new(ReturnAction.Explain, WorkflowRole.Preparer, [ReturnStatus.Draft], null),
        new(ReturnAction.Submit, WorkflowRole.Preparer, [ReturnStatus.Draft], ReturnStatus.Submitted) { NeedsReadyVersion = true },

        // Checked again, not taken on trust from the submission: the version certified is the latest and it is ready.
        new(ReturnAction.Certify, WorkflowRole.Approver, [ReturnStatus.Submitted], ReturnStatus.Certified)
        {
            NeedsReadyVersion = true, Declaration = "Tick the box to certify the return.",
        },

        // The approver's way back: the figures stay as they are, and the preparer uploads again or explains anew.
        new(ReturnAction.SendBack, WorkflowRole.Approver, [ReturnStatus.Submitted], ReturnStatus.Draft)
        {
            TextNeeded = "Write why you are sending the return back, so the preparer knows what to change",
        },
        new(ReturnAction.Query, WorkflowRole.NationalTeam, [ReturnStatus.Certified], ReturnStatus.Queried)
        {
            TextNeeded = "Write what the national team questions about this return",
        },

        // An answer leaves the certified figures as they were, so the certification stands.
        new(ReturnAction.Answer, WorkflowRole.Preparer, [ReturnStatus.Queried], ReturnStatus.Certified)
        {
            TextNeeded = "Write your answer to the national team's query",
        },
        new(ReturnAction.Accept, WorkflowRole.NationalTeam, [ReturnStatus.Certified], ReturnStatus.Accepted) { NeedsReadyVersion = true },
        new(ReturnAction.Publish, WorkflowRole.NationalTeam, [ReturnStatus.Accepted], ReturnStatus.Published) { NeedsReadyVersion = true },
        new(ReturnAction.Reopen, WorkflowRole.NationalTeam, [ReturnStatus.Published], ReturnStatus.Draft)
        {
            TextNeeded = "Give the reason for reopening this published return",
        },
    ];

    private static readonly Dictionary<ReturnAction, WorkflowMove<ReturnAction, ReturnStatus>> ByAction = Moves.ToDictionary(m => m.Action);

    public static WorkflowMove<ReturnAction, ReturnStatus> Move(ReturnAction action) => ByAction[action];

    public static WorkflowRole RoleFor(ReturnAction action) => ByAction[action].Role;

    public static IReadOnlyList<ReturnStatus> From(ReturnAction action) => ByAction[action].From;

    /// <summary>Where the move leaves the return: the same status for moves that do not change it.</summary>
    public static ReturnStatus To(ReturnAction action, ReturnStatus from) => ByAction[action].To ?? from;

    /// <summary>The moves open from <paramref name="status"/> to someone holding <paramref name="roles"/>, whatever their preconditions.</summary>
    public static IReadOnlyList<ReturnAction> Offered(ReturnStatus status, IReadOnlySet<WorkflowRole> roles) =>
        Moves.Where(m => roles.Contains(m.Role) && m.From.Contains(status)).Select(m => m.Action).ToList();

    public static bool IsOffered(ReturnAction action, ReturnStatus status, IReadOnlySet<WorkflowRole> roles) =>
        roles.Contains(ByAction[action].Role) && ByAction[action].From.Contains(status);

    /// <summary>Null when the move may be made; otherwise why not, in words for the person trying.</summary>
    public static string? Refusal(ReturnAction action, ReturnStatus status, MoveRequest? request = null)
    {
        request ??= new MoveRequest();
        var move = ByAction[action];
        if (!move.From.Contains(status))
        {
            return action == ReturnAction.Explain
                ? $"This return is {Describe(status)}, so its explanations are locked. {(status == ReturnStatus.Published ? "The national team can reopen it" : "A new upload, or a reopen by the national team, unlocks them")} if they need to change."
                : $"This return is {Describe(status)}, so it cannot be {PastTense(action)} now.";
        }

        if (move.NeedsReadyVersion && request.Latest is not { Ready: true } latest)
        {
            return NotReady(action, request.Latest);
        }

        if (move.Declaration is { } declaration && !request.Declared)
        {
            return declaration;
        }

        if (move.TextNeeded is { } needed && (string.IsNullOrWhiteSpace(request.Text) || request.Text.Trim().Length < MinimumText))
        {
            return $"{needed} (at least {MinimumText} characters).";
        }

        if (request.Text is { } text && text.Trim().Length > MaximumText)
        {
            return $"The text is {text.Trim().Length:N0} characters long; shorten it to {MaximumText:N0} or fewer.";
        }

        return null;
    }

    private static string NotReady(ReturnAction action, VersionReadiness? latest)
    {
        var verb = action == ReturnAction.Submit ? "you submit" : $"it can be {PastTense(action)}";
        if (latest is null || !latest.Readable)
        {
            return action == ReturnAction.Submit
                ? "Upload a return the service can read before you submit."
                : $"The latest version could not be read, so it cannot be {PastTense(action)}.";
        }

        if (latest.Errors > 0)
        {
            return action == ReturnAction.Submit
                ? $"The latest version has {latest.Errors:N0} {(latest.Errors == 1 ? "error" : "errors")}. Correct them and upload again before you submit."
                : $"The latest version has {latest.Errors:N0} {(latest.Errors == 1 ? "error" : "errors")}, so it cannot be {PastTense(action)}: the preparer needs to correct them and upload again.";
        }

        return $"Explain every query before {verb}: {latest.UnexplainedQueryRules} {(latest.UnexplainedQueryRules == 1 ? "query rule has" : "query rules have")} no explanation.";
    }

    public static string Describe(ReturnStatus status) => status switch
    {
        ReturnStatus.NotStarted => "not started",
        ReturnStatus.Draft => "a draft",
        ReturnStatus.Submitted => "submitted",
        ReturnStatus.Certified => "certified",
        ReturnStatus.Queried => "queried",
        ReturnStatus.Accepted => "accepted",
        ReturnStatus.Published => "published",
        _ => status.ToString(),
    };

    private static string PastTense(ReturnAction action) => action switch
    {
        ReturnAction.Upload => "uploaded to",
        ReturnAction.Explain => "explained",
        ReturnAction.Submit => "submitted",
        ReturnAction.Certify => "certified",
        ReturnAction.SendBack => "sent back",
        ReturnAction.Query => "queried",
        ReturnAction.Answer => "answered",
        ReturnAction.Accept => "accepted",
        ReturnAction.Publish => "published",
        ReturnAction.Reopen => "reopened",
        _ => action.ToString().ToLowerInvariant(),
    };
}
