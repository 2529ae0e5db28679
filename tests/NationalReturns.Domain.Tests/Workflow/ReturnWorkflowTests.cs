using NationalReturns.Domain.Workflow;

namespace NationalReturns.Domain.Tests.Workflow;

public class ReturnWorkflowTests
{
    private static readonly VersionReadiness Ready = new(true, 0, 0);

    [Theory]
    [InlineData(ReturnAction.Upload, ReturnStatus.NotStarted, ReturnStatus.Draft)]
    [InlineData(ReturnAction.Upload, ReturnStatus.Submitted, ReturnStatus.Draft)]
    [InlineData(ReturnAction.Upload, ReturnStatus.Queried, ReturnStatus.Draft)]
    [InlineData(ReturnAction.Submit, ReturnStatus.Draft, ReturnStatus.Submitted)]
    [InlineData(ReturnAction.Certify, ReturnStatus.Submitted, ReturnStatus.Certified)]
    [InlineData(ReturnAction.Query, ReturnStatus.Certified, ReturnStatus.Queried)]
    [InlineData(ReturnAction.Answer, ReturnStatus.Queried, ReturnStatus.Certified)]
    [InlineData(ReturnAction.Accept, ReturnStatus.Certified, ReturnStatus.Accepted)]
    [InlineData(ReturnAction.Publish, ReturnStatus.Accepted, ReturnStatus.Published)]
    [InlineData(ReturnAction.Reopen, ReturnStatus.Published, ReturnStatus.Draft)]
    public void Refusal_AllowedMove_IsNullAndLeadsWhereItShould(ReturnAction action, ReturnStatus from, ReturnStatus to)
    {
        Assert.Null(ReturnWorkflow.Refusal(action, from, Ready, "A reason long enough to count."));
        Assert.Equal(to, ReturnWorkflow.To(action));
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
    public void Refusal_MoveFromTheWrongState_SaysWhereTheReturnIs(ReturnAction action, ReturnStatus from)
    {
        var refusal = ReturnWorkflow.Refusal(action, from, Ready, "A reason long enough to count.");

        Assert.NotNull(refusal);
        Assert.Contains(ReturnWorkflow.Describe(from), refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_SubmitWithErrorsOrUnexplainedQueries_SaysWhatIsLeftToDo()
    {
        Assert.Contains("3 errors", ReturnWorkflow.Refusal(ReturnAction.Submit, ReturnStatus.Draft, new VersionReadiness(true, 3, 0)), StringComparison.Ordinal);
        Assert.Contains("2 query rules have no explanation", ReturnWorkflow.Refusal(ReturnAction.Submit, ReturnStatus.Draft, new VersionReadiness(true, 0, 2)), StringComparison.Ordinal);
        Assert.Contains("can read", ReturnWorkflow.Refusal(ReturnAction.Submit, ReturnStatus.Draft, new VersionReadiness(false, 0, 0)), StringComparison.Ordinal);
        Assert.Contains("can read", ReturnWorkflow.Refusal(ReturnAction.Submit, ReturnStatus.Draft, null), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ReturnAction.Query, ReturnStatus.Certified)]
    [InlineData(ReturnAction.Answer, ReturnStatus.Queried)]
    [InlineData(ReturnAction.Reopen, ReturnStatus.Published)]
    public void Refusal_QueryAnswerOrReopenWithoutWords_AsksForThem(ReturnAction action, ReturnStatus from)
    {
        Assert.NotNull(ReturnWorkflow.Refusal(action, from, Ready, null));
        Assert.NotNull(ReturnWorkflow.Refusal(action, from, Ready, "too short"));
    }

    [Fact]
    public void RoleFor_EachAction_IsTheRoleThatTakesIt()
    {
        Assert.Equal(WorkflowRole.Preparer, ReturnWorkflow.RoleFor(ReturnAction.Submit));
        Assert.Equal(WorkflowRole.Approver, ReturnWorkflow.RoleFor(ReturnAction.Certify));
        Assert.Equal(WorkflowRole.NationalTeam, ReturnWorkflow.RoleFor(ReturnAction.Accept));
        Assert.Equal(WorkflowRole.NationalTeam, ReturnWorkflow.RoleFor(ReturnAction.Reopen));
    }
}
