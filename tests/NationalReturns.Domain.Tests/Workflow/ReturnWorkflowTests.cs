using NationalReturns.Domain.SelfAssessments;
using NationalReturns.Domain.Workflow;

namespace NationalReturns.Domain.Tests.Workflow;

public class ReturnWorkflowTests
{
    private static readonly VersionReadiness Ready = new(true, 0, 0);

    private static MoveRequest Everything(string? text = "A reason long enough to count.") => new(Ready, text, Declared: true);

    [Theory]
    [InlineData(ReturnAction.Upload, ReturnStatus.NotStarted, ReturnStatus.Draft)]
    [InlineData(ReturnAction.Upload, ReturnStatus.Submitted, ReturnStatus.Draft)]
    [InlineData(ReturnAction.Upload, ReturnStatus.Queried, ReturnStatus.Draft)]
    [InlineData(ReturnAction.Explain, ReturnStatus.Draft, ReturnStatus.Draft)]
    [InlineData(ReturnAction.Submit, ReturnStatus.Draft, ReturnStatus.Submitted)]
    [InlineData(ReturnAction.Certify, ReturnStatus.Submitted, ReturnStatus.Certified)]
    [InlineData(ReturnAction.SendBack, ReturnStatus.Submitted, ReturnStatus.Draft)]
    [InlineData(ReturnAction.Query, ReturnStatus.Certified, ReturnStatus.Queried)]
    [InlineData(ReturnAction.Answer, ReturnStatus.Queried, ReturnStatus.Certified)]
    [InlineData(ReturnAction.Accept, ReturnStatus.Certified, ReturnStatus.Accepted)]
    [InlineData(ReturnAction.Publish, ReturnStatus.Accepted, ReturnStatus.Published)]
    [InlineData(ReturnAction.Reopen, ReturnStatus.Published, ReturnStatus.Draft)]
    public void Refusal_AllowedMoveWithWhatItNeeds_IsNullAndLeadsToTheNextStatus(ReturnAction action, ReturnStatus from, ReturnStatus to)
    {
        Assert.Null(ReturnWorkflow.Refusal(action, from, Everything()));
        Assert.Equal(to, ReturnWorkflow.To(action, from));
    }

    [Theory]
    [InlineData(ReturnAction.Upload, ReturnStatus.Certified)]
    [InlineData(ReturnAction.Upload, ReturnStatus.Published)]
    [InlineData(ReturnAction.Submit, ReturnStatus.NotStarted)]
    [InlineData(ReturnAction.Submit, ReturnStatus.Submitted)]
    [InlineData(ReturnAction.Certify, ReturnStatus.Draft)]
    [InlineData(ReturnAction.Accept, ReturnStatus.Submitted)]
    [InlineData(ReturnAction.Publish, ReturnStatus.Certified)]
    [InlineData(ReturnAction.Reopen, ReturnStatus.Accepted)]
    public void Refusal_MoveFromTheWrongStatus_SaysWhereTheReturnIs(ReturnAction action, ReturnStatus from)
    {
        var refusal = ReturnWorkflow.Refusal(action, from, Everything());

        Assert.NotNull(refusal);
        Assert.Contains(ReturnWorkflow.Describe(from), refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ReturnStatus.Submitted)]
    [InlineData(ReturnStatus.Certified)]
    [InlineData(ReturnStatus.Queried)]
    [InlineData(ReturnStatus.Accepted)]
    [InlineData(ReturnStatus.Published)]
    public void Refusal_ExplainOnceSubmitted_SaysTheExplanationsAreLocked(ReturnStatus from)
    {
        Assert.Contains("locked", ReturnWorkflow.Refusal(ReturnAction.Explain, from, Everything()), StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_SubmitWithErrorsOrUnexplainedQueries_SaysWhatIsLeftToDo()
    {
        Assert.Contains("3 errors", ReturnWorkflow.Refusal(ReturnAction.Submit, ReturnStatus.Draft, new MoveRequest(new VersionReadiness(true, 3, 0))), StringComparison.Ordinal);
        Assert.Contains("2 query rules have no explanation", ReturnWorkflow.Refusal(ReturnAction.Submit, ReturnStatus.Draft, new MoveRequest(new VersionReadiness(true, 0, 2))), StringComparison.Ordinal);
        Assert.Contains("can read", ReturnWorkflow.Refusal(ReturnAction.Submit, ReturnStatus.Draft, new MoveRequest(new VersionReadiness(false, 0, 0))), StringComparison.Ordinal);
        Assert.Contains("can read", ReturnWorkflow.Refusal(ReturnAction.Submit, ReturnStatus.Draft, new MoveRequest()), StringComparison.Ordinal);
    }

    /// <summary>Certifying checks the version again: a submission is never taken on trust.</summary>
    [Theory]
    [InlineData(ReturnAction.Certify, ReturnStatus.Submitted)]
    [InlineData(ReturnAction.Accept, ReturnStatus.Certified)]
    [InlineData(ReturnAction.Publish, ReturnStatus.Accepted)]
    public void Refusal_LaterMoveOnAVersionWithErrors_IsRefused(ReturnAction action, ReturnStatus from)
    {
        var refusal = ReturnWorkflow.Refusal(action, from, new MoveRequest(new VersionReadiness(true, 150_000, 0), Declared: true));

        Assert.Contains("150,000 errors", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_CertifyWithoutTheDeclaration_AsksForTheTick()
    {
        Assert.Equal("Tick the box to certify the return.", ReturnWorkflow.Refusal(ReturnAction.Certify, ReturnStatus.Submitted, new MoveRequest(Ready)));
    }

    [Theory]
    [InlineData(ReturnAction.Query, ReturnStatus.Certified)]
    [InlineData(ReturnAction.Answer, ReturnStatus.Queried)]
    [InlineData(ReturnAction.Reopen, ReturnStatus.Published)]
    public void Refusal_QueryAnswerOrReopenWithoutWords_AsksForThem(ReturnAction action, ReturnStatus from)
    {
        Assert.NotNull(ReturnWorkflow.Refusal(action, from, Everything(null)));
        Assert.NotNull(ReturnWorkflow.Refusal(action, from, Everything("too short")));
        Assert.Contains("4,000 or fewer", ReturnWorkflow.Refusal(action, from, Everything(new string('x', 4001))), StringComparison.Ordinal);
    }

    [Fact]
    public void RoleFor_EachAction_IsTheRoleThatTakesIt()
    {
        Assert.Equal(WorkflowRole.Preparer, ReturnWorkflow.RoleFor(ReturnAction.Submit));
        Assert.Equal(WorkflowRole.Preparer, ReturnWorkflow.RoleFor(ReturnAction.Explain));
        Assert.Equal(WorkflowRole.Approver, ReturnWorkflow.RoleFor(ReturnAction.Certify));
        Assert.Equal(WorkflowRole.NationalTeam, ReturnWorkflow.RoleFor(ReturnAction.Accept));
        Assert.Equal(WorkflowRole.NationalTeam, ReturnWorkflow.RoleFor(ReturnAction.Reopen));
    }

    [Fact]
    public void Offered_NationalTeamOnADraft_IsNothing()
    {
        Assert.Empty(ReturnWorkflow.Offered(ReturnStatus.Draft, new HashSet<WorkflowRole> { WorkflowRole.NationalTeam }));
        Assert.Equal([ReturnAction.Upload, ReturnAction.Explain, ReturnAction.Submit], ReturnWorkflow.Offered(ReturnStatus.Draft, new HashSet<WorkflowRole> { WorkflowRole.Preparer }));
    }
}

public class AssessmentWorkflowTests
{
    private static AssessmentMoveRequest Open(bool complete = true, string? reason = "Evidence for area 3 is missing.") => new("2026-27", YearOpen: true, complete, reason);

    [Theory]
    [InlineData(AssessmentAction.Answer, AssessmentStatus.NotStarted, AssessmentStatus.Draft)]
    [InlineData(AssessmentAction.Answer, AssessmentStatus.Draft, AssessmentStatus.Draft)]
    [InlineData(AssessmentAction.Submit, AssessmentStatus.Draft, AssessmentStatus.Submitted)]
    [InlineData(AssessmentAction.SignOff, AssessmentStatus.Submitted, AssessmentStatus.SignedOff)]
    [InlineData(AssessmentAction.SendBack, AssessmentStatus.Submitted, AssessmentStatus.Draft)]
    [InlineData(AssessmentAction.Moderate, AssessmentStatus.SignedOff, AssessmentStatus.SignedOff)]
    public void Refusal_AllowedMove_IsNullAndLeadsToTheNextStatus(AssessmentAction action, AssessmentStatus from, AssessmentStatus to)
    {
        Assert.Null(AssessmentWorkflow.Refusal(action, from, Open()));
        Assert.True(AssessmentWorkflow.HasWhatItNeeds(action, Open()));
        Assert.Equal(to, AssessmentWorkflow.To(action, from));
    }

    [Theory]
    [InlineData(AssessmentAction.Answer, AssessmentStatus.Submitted, "has been submitted")]
    [InlineData(AssessmentAction.Answer, AssessmentStatus.SignedOff, "has been submitted")]
    [InlineData(AssessmentAction.Submit, AssessmentStatus.NotStarted, "nothing to submit")]
    [InlineData(AssessmentAction.Submit, AssessmentStatus.Submitted, "already been submitted")]
    [InlineData(AssessmentAction.SignOff, AssessmentStatus.SignedOff, "already been signed off")]
    [InlineData(AssessmentAction.SignOff, AssessmentStatus.Draft, "Only a submitted")]
    [InlineData(AssessmentAction.SendBack, AssessmentStatus.SignedOff, "once signed off it stands")]
    [InlineData(AssessmentAction.Moderate, AssessmentStatus.Submitted, "signed off can be moderated")]
    public void Refusal_MoveFromTheWrongStatus_SaysWhy(AssessmentAction action, AssessmentStatus from, string expected)
    {
        Assert.Contains(expected, AssessmentWorkflow.Refusal(action, from, Open()), StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_ClosedYear_AllowsOnlySigningOffWhatWasSubmitted()
    {
        var closed = new AssessmentMoveRequest("2025-26", YearOpen: false, Complete: true, Reason: "Needs more evidence.");

        Assert.Null(AssessmentWorkflow.Refusal(AssessmentAction.SignOff, AssessmentStatus.Submitted, closed));
        Assert.Contains("The 2025-26 assessment is closed", AssessmentWorkflow.Refusal(AssessmentAction.SendBack, AssessmentStatus.Submitted, closed), StringComparison.Ordinal);
        Assert.Contains("is closed", AssessmentWorkflow.Refusal(AssessmentAction.Answer, AssessmentStatus.Draft, closed), StringComparison.Ordinal);
        Assert.Contains("is closed", AssessmentWorkflow.Refusal(AssessmentAction.Submit, AssessmentStatus.Draft, closed), StringComparison.Ordinal);
    }

    [Fact]
    public void HasWhatItNeeds_SubmitIncompleteOrSendBackWithoutReason_IsFalse()
    {
        Assert.False(AssessmentWorkflow.HasWhatItNeeds(AssessmentAction.Submit, Open(complete: false)));
        Assert.False(AssessmentWorkflow.HasWhatItNeeds(AssessmentAction.SendBack, Open(reason: " ")));
    }

    [Fact]
    public void IsOffered_ApproverOnASubmittedAssessment_CanSignOffAndSendBackButNotAnswer()
    {
        var approver = new HashSet<WorkflowRole> { WorkflowRole.Approver };

        Assert.True(AssessmentWorkflow.IsOffered(AssessmentAction.SignOff, AssessmentStatus.Submitted, yearOpen: false, approver));
        Assert.False(AssessmentWorkflow.IsOffered(AssessmentAction.SendBack, AssessmentStatus.Submitted, yearOpen: false, approver));
        Assert.False(AssessmentWorkflow.IsOffered(AssessmentAction.Answer, AssessmentStatus.Submitted, yearOpen: true, approver));
    }
}
