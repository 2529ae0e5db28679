using NationalReturns.Domain.SelfAssessments;

namespace NationalReturns.Domain.Workflow;

/// <summary>What a person can do to a self-assessment.</summary>
public enum AssessmentAction
{
    /// <summary>Save answers, by form or by workbook.</summary>
    Answer,
    Submit,
    SignOff,
    SendBack,
    Moderate,
}

/// <summary>What decides whether an assessment move may be made besides its status.</summary>
/// <param name="YearLabel">The assessment's year as people write it, such as 2026-27.</param>
/// <param name="YearOpen">The assessment's year is the current one: earlier years are read-only.</param>
/// <param name="Complete">Every descriptor is answered as the framework requires (for submitting).</param>
public sealed record AssessmentMoveRequest(string YearLabel, bool YearOpen, bool Complete = false, string? Reason = null);

/// <summary>One row of the assessment table: who, from where, to where, and what the move needs.</summary>
/// <param name="To">Null when the move leaves the status as it is (saving answers, moderating).</param>
public sealed record AssessmentMove(AssessmentAction Action, WorkflowRole Role, IReadOnlyList<AssessmentStatus> From, AssessmentStatus? To)
{
    /// <summary>Only in the assessment's own year; signing off a submitted assessment is allowed later.</summary>
    public bool NeedsOpenYear { get; init; }

    public bool NeedsComplete { get; init; }

    public bool NeedsReason { get; init; }
}

/// <summary>
/// The life of a self-assessment: Not started → Draft → Submitted → Signed off, back to Draft only when the
/// approver sends it back with a reason, moderated by the national team once signed off. As with returns,
/// this table is the one place that says who may do what from where; handlers ask it before saving.
/// </summary>
public static class AssessmentWorkflow
{
    public static IReadOnlyList<AssessmentMove> Moves { get; } =
    [
        new(AssessmentAction.Answer, WorkflowRole.Preparer, [AssessmentStatus.NotStarted, AssessmentStatus.Draft], AssessmentStatus.Draft) { NeedsOpenYear = true },
        new(AssessmentAction.Submit, WorkflowRole.Preparer, [AssessmentStatus.Draft], AssessmentStatus.Submitted) { NeedsOpenYear = true, NeedsComplete = true },

        // A submitted assessment can still be signed off after its year closes; it can no longer be sent back to change.
        new(AssessmentAction.SignOff, WorkflowRole.Approver, [AssessmentStatus.Submitted], AssessmentStatus.SignedOff),
        new(AssessmentAction.SendBack, WorkflowRole.Approver, [AssessmentStatus.Submitted], AssessmentStatus.Draft) { NeedsOpenYear = true, NeedsReason = true },
        new(AssessmentAction.Moderate, WorkflowRole.NationalTeam, [AssessmentStatus.SignedOff], null),
    ];

    private static readonly Dictionary<AssessmentAction, AssessmentMove> ByAction = Moves.ToDictionary(m => m.Action);

    public static AssessmentMove Move(AssessmentAction action) => ByAction[action];

    public static WorkflowRole RoleFor(AssessmentAction action) => ByAction[action].Role;

    public static AssessmentStatus To(AssessmentAction action, AssessmentStatus from) => ByAction[action].To ?? from;

    public static bool IsOffered(AssessmentAction action, AssessmentStatus status, bool yearOpen, IReadOnlySet<WorkflowRole> roles)
    {
        var move = ByAction[action];
        return roles.Contains(move.Role) && move.From.Contains(status) && (yearOpen || !move.NeedsOpenYear);
    }

    /// <summary>Null when the move may be made; otherwise why not. Incomplete answers and a missing reason are left to the form's own errors.</summary>
    public static string? Refusal(AssessmentAction action, AssessmentStatus status, AssessmentMoveRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var move = ByAction[action];
        if (move.NeedsOpenYear && !request.YearOpen)
        {
            return $"The {request.YearLabel} assessment is closed: earlier years can be read but not changed.";
        }

        if (!move.From.Contains(status))
        {
            return (action, status) switch
            {
                (AssessmentAction.Answer, _) => $"The {request.YearLabel} assessment has been submitted, so it cannot be changed. Ask your approver to send it back if it needs correcting.",
                (AssessmentAction.Submit, AssessmentStatus.NotStarted) => "There is nothing to submit yet: answer each area first.",
                (AssessmentAction.Submit, _) => "This assessment has already been submitted.",
                (AssessmentAction.SignOff, AssessmentStatus.SignedOff) => "This assessment has already been signed off.",
                (AssessmentAction.SignOff, _) => "Only a submitted assessment can be signed off.",
                (AssessmentAction.SendBack, _) => "Only a submitted assessment can be sent back; once signed off it stands.",
                _ => "Only an assessment the authority's approver has signed off can be moderated.",
            };
        }

        return null;
    }

    /// <summary>Whether the move's own inputs are there: complete answers to submit, a reason to send back.</summary>
    public static bool HasWhatItNeeds(AssessmentAction action, AssessmentMoveRequest request)
    {
        var move = ByAction[action];
        return (!move.NeedsComplete || request.Complete) && (!move.NeedsReason || !string.IsNullOrWhiteSpace(request.Reason));
    }
}
