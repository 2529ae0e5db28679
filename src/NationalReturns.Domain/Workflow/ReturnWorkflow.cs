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
    Submit,
    Certify,
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

/// <summary>The facts about the latest version that decide whether it can be submitted.</summary>
public sealed record VersionReadiness(bool Readable, int Errors, int UnexplainedQueryRules);

/// <summary>
/// The life of a return: Not started → Draft → Submitted → Certified → Queried or Accepted → Published,
/// and Published → Draft again only by reopening with a reason. One table says who may do what from where;
/// everything else (pages, API, tests) asks it.
/// </summary>
public static class ReturnWorkflow
{
    private static readonly Dictionary<ReturnAction, (WorkflowRole Role, ReturnStatus[] From, ReturnStatus To)> Transitions = new()
    {
        // A new upload withdraws a submission: the figures changed, so they need submitting again.
        [ReturnAction.Upload] = (WorkflowRole.Preparer, [ReturnStatus.NotStarted, ReturnStatus.Draft, ReturnStatus.Submitted, ReturnStatus.Queried], ReturnStatus.Draft),
        [ReturnAction.Submit] = (WorkflowRole.Preparer, [ReturnStatus.Draft], ReturnStatus.Submitted),
        [ReturnAction.Certify] = (WorkflowRole.Approver, [ReturnStatus.Submitted], ReturnStatus.Certified),
        [ReturnAction.Query] = (WorkflowRole.NationalTeam, [ReturnStatus.Certified], ReturnStatus.Queried),

        // An answer leaves the certified figures as they were, so the certification stands.
        [ReturnAction.Answer] = (WorkflowRole.Preparer, [ReturnStatus.Queried], ReturnStatus.Certified),
        [ReturnAction.Accept] = (WorkflowRole.NationalTeam, [ReturnStatus.Certified], ReturnStatus.Accepted),
        [ReturnAction.Publish] = (WorkflowRole.NationalTeam, [ReturnStatus.Accepted], ReturnStatus.Published),
        [ReturnAction.Reopen] = (WorkflowRole.NationalTeam, [ReturnStatus.Published], ReturnStatus.Draft),
    };

    public static WorkflowRole RoleFor(ReturnAction action) => Transitions[action].Role;

    public static IReadOnlyList<ReturnStatus> From(ReturnAction action) => Transitions[action].From;

    public static ReturnStatus To(ReturnAction action) => Transitions[action].To;

    /// <summary>Null when the action may be taken; otherwise why not, in words for the person trying.</summary>
    public static string? Refusal(ReturnAction action, ReturnStatus status, VersionReadiness? latest = null, string? text = null)
    {
        var (_, from, _) = Transitions[action];
        if (!from.Contains(status))
        {
            return $"This return is {Describe(status)}, so it cannot be {PastTense(action)} now.";
        }

        switch (action)
        {
            case ReturnAction.Submit when latest is null || !latest.Readable:
                return "Upload a return the service can read before you submit.";
            case ReturnAction.Submit when latest.Errors > 0:
                return $"The latest version has {latest.Errors:N0} {(latest.Errors == 1 ? "error" : "errors")}. Correct them and upload again before you submit.";
            case ReturnAction.Submit when latest.UnexplainedQueryRules > 0:
                return $"Explain every query before you submit: {latest.UnexplainedQueryRules} {(latest.UnexplainedQueryRules == 1 ? "query rule has" : "query rules have")} no explanation.";
            case ReturnAction.Query or ReturnAction.Answer or ReturnAction.Reopen when string.IsNullOrWhiteSpace(text) || text.Trim().Length < 10:
                return action switch
                {
                    ReturnAction.Query => "Write what the national team questions about this return (at least 10 characters).",
                    ReturnAction.Answer => "Write your answer to the national team's query (at least 10 characters).",
                    _ => "Give the reason for reopening this published return (at least 10 characters).",
                };
            default:
                return null;
        }
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
        ReturnAction.Submit => "submitted",
        ReturnAction.Certify => "certified",
        ReturnAction.Query => "queried",
        ReturnAction.Answer => "answered",
        ReturnAction.Accept => "accepted",
        ReturnAction.Publish => "published",
        ReturnAction.Reopen => "reopened",
        _ => action.ToString().ToLowerInvariant(),
    };
}
