namespace NationalReturns.Domain.Workflow;

/// <summary>Where a step of a return's journey stands, as the GOV.UK task list shows it.</summary>
public enum StepState
{
    Completed,

    /// <summary>The step the return is waiting on now.</summary>
    ToDo,

    /// <summary>A later step: it cannot start until the ones before are done.</summary>
    NotYet,
}

public sealed record ReturnStep(string Name, WorkflowRole Who, StepState State);

/// <summary>
/// A return's journey and what comes next for each person, worked out from its status and its latest version,
/// so the return page, the authority's list of returns and the confirmation pages say the same thing.
/// </summary>
public static class ReturnProgress
{
    /// <summary>The steps in order; the first one not completed is the one to do now.</summary>
    /// <param name="sentBack">The approver sent the return back and nothing has been submitted since.</param>
    public static IReadOnlyList<ReturnStep> Steps(ReturnStatus status, VersionReadiness? latest, bool sentBack = false)
    {
        var submitted = status is ReturnStatus.Submitted or ReturnStatus.Certified or ReturnStatus.Queried or ReturnStatus.Accepted or ReturnStatus.Published;
        var uploaded = submitted || latest is { Readable: true };
        var clean = submitted || (uploaded && latest!.Errors == 0);
        var explained = submitted || (clean && latest!.UnexplainedQueryRules <= 0);
        var certified = status is ReturnStatus.Certified or ReturnStatus.Queried or ReturnStatus.Accepted or ReturnStatus.Published;
        var accepted = status is ReturnStatus.Accepted or ReturnStatus.Published;
        var done = new List<(string Name, WorkflowRole Who, bool Done)>
        {
            ("Upload a readable return", WorkflowRole.Preparer, uploaded),
            ("Correct every error", WorkflowRole.Preparer, clean),
            ("Explain every query", WorkflowRole.Preparer, explained),
            (sentBack ? "Submit again (your approver sent it back)" : "Submit", WorkflowRole.Preparer, submitted),
            ("Certify", WorkflowRole.Approver, certified),
        };

        // A query is a step of its own, the preparer's, while it is open: every earlier step stays done.
        if (status == ReturnStatus.Queried)
        {
            done.Add(("Answer the national team's query", WorkflowRole.Preparer, false));
        }

        done.Add(("National team review", WorkflowRole.NationalTeam, accepted));
        done.Add(("Published", WorkflowRole.NationalTeam, status == ReturnStatus.Published));

        var current = done.FindIndex(s => !s.Done);
        return done.Select((s, i) => new ReturnStep(s.Name, s.Who, s.Done ? StepState.Completed : i == current ? StepState.ToDo : StepState.NotYet)).ToList();
    }

    /// <summary>One sentence: what this person does next with the return, or whom it is waiting for.</summary>
    public static string NextStep(ReturnStatus status, WorkflowRole? role, VersionReadiness? latest = null, bool sentBack = false) => (status, role) switch
    {
        (ReturnStatus.NotStarted, WorkflowRole.Preparer) => "Download the template, fill it in and upload it.",
        (ReturnStatus.Draft, WorkflowRole.Preparer) => PreparersDraft(latest, sentBack),
        (ReturnStatus.Submitted, WorkflowRole.Preparer) => "Your approver checks the figures and certifies the return, or sends it back to you with a reason.",
        (ReturnStatus.Queried, WorkflowRole.Preparer) => "Answer the national team's query, or upload a corrected version (it will need submitting and certifying again).",
        (ReturnStatus.NotStarted or ReturnStatus.Draft, WorkflowRole.Approver) => "Your preparer is working on the return. You will be emailed when it is submitted for you to certify.",
        (ReturnStatus.Submitted, WorkflowRole.Approver) => "Check the figures and the explanations, then certify the return or send it back to your preparer.",
        (ReturnStatus.Queried, WorkflowRole.Approver) => "The national team has queried the return: your preparer answers it or uploads a correction.",
        (ReturnStatus.Certified, WorkflowRole.NationalTeam) => "Review the return: accept it, or query it with the authority.",
        (ReturnStatus.Accepted, WorkflowRole.NationalTeam) => "Publish it with the rest of the quarter's accepted returns.",
        (ReturnStatus.Queried, WorkflowRole.NationalTeam) => "Waiting for the authority to answer the query or upload a correction.",
        (ReturnStatus.NotStarted or ReturnStatus.Draft or ReturnStatus.Submitted, WorkflowRole.NationalTeam) => "Waiting for the authority to submit and certify the return.",
        (ReturnStatus.Published, WorkflowRole.NationalTeam) => "Published. Reopen it only if its figures must be revised.",
        (ReturnStatus.Certified, _) => "The national team reviews the return next: it accepts it or queries it. You will be emailed either way.",
        (ReturnStatus.Accepted, _) => "Accepted. The national team publishes it with the quarter's figures; you will be emailed when it is.",
        (ReturnStatus.Published, _) => "Published. Nothing more is needed for this quarter.",
        _ => "",
    };

    private static string PreparersDraft(VersionReadiness? latest, bool sentBack)
    {
        var again = sentBack ? "Your approver sent the return back: read their reason, change what is needed, then " : "";
        return latest switch
        {
            // Without the latest version to hand (a list of quarters), the whole of the preparer's part.
            null => "Correct any errors and explain every query, then submit the return.",
            { Readable: false } => "Upload a return the service can read.",
            { Errors: > 0 } => $"Correct the {Count(latest.Errors, "error", "errors")} and upload the return again.",
            { UnexplainedQueryRules: > 0 } => $"{again}{(again.Length > 0 ? "explain" : "Explain")} the {Count(latest.UnexplainedQueryRules, "query rule", "query rules")} not yet explained, then submit.",
            _ => sentBack ? $"{again}submit it again." : "Submit the return to your approver to certify.",
        };
    }

    /// <summary>"1 query", "3 queries": a count and its noun, agreeing.</summary>
    public static string Count(int n, string one, string many) => $"{n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} {(n == 1 ? one : many)}";

    /// <summary>A version's queries in plain words: "1 query (1 rule explained)", "12 queries (2 of 3 rules explained)".</summary>
    public static string Queries(int queries, int rules, int explained) =>
        queries == 0 ? "no queries"
        : explained >= rules ? $"{Count(queries, "query", "queries")} ({Count(rules, "rule", "rules")} explained)"
        : $"{Count(queries, "query", "queries")} ({explained.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} of {Count(rules, "rule", "rules")} explained)";
}
