using NationalReturns.Domain.Workflow;

namespace NationalReturns.Domain.Tests.Workflow;

public class ReturnProgressTests
{
    private static readonly VersionReadiness Ready = new(true, 0, 0);

    private static List<(string Name, StepState State)> Steps(ReturnStatus status, VersionReadiness? latest, bool sentBack = false) =>
        ReturnProgress.Steps(status, latest, sentBack).Select(s => (s.Name, s.State)).ToList();

    [Fact]
    public void Steps_Queried_EveryPreparerStepDoneAndTheAnswerTheOneToDo()
    {
        var steps = Steps(ReturnStatus.Queried, Ready);

        Assert.Equal(
        [
            ("Upload a readable return", StepState.Completed),
            ("Correct every error", StepState.Completed),
            ("Explain every query", StepState.Completed),
            ("Submit", StepState.Completed),
            ("Certify", StepState.Completed),
            ("Answer the national team's query", StepState.ToDo),
            ("National team review", StepState.NotYet),
            ("Published", StepState.NotYet),
        ], steps);
    }

    [Fact]
    public void Steps_DraftWithErrors_CorrectingIsToDoAndLaterStepsNotYet()
    {
        var steps = Steps(ReturnStatus.Draft, new VersionReadiness(true, 3, 1));

        Assert.Equal(StepState.Completed, steps[0].State);
        Assert.Equal(("Correct every error", StepState.ToDo), steps[1]);
        Assert.All(steps.Skip(2), s => Assert.Equal(StepState.NotYet, s.State));
        Assert.DoesNotContain(steps, s => s.Name.StartsWith("Answer", StringComparison.Ordinal));
    }

    [Fact]
    public void Steps_SentBackWithAReadyVersion_SubmitAgainIsToDo()
    {
        var steps = Steps(ReturnStatus.Draft, Ready, sentBack: true);

        Assert.Equal(("Submit again (your approver sent it back)", StepState.ToDo), steps[3]);
        Assert.Equal(("Certify", StepState.NotYet), steps[4]);
    }

    [Fact]
    public void Steps_Published_AllCompleted() =>
        Assert.All(Steps(ReturnStatus.Published, Ready), s => Assert.Equal(StepState.Completed, s.State));

    [Theory]
    [InlineData(ReturnStatus.Draft, WorkflowRole.Preparer, 2, 0, "Correct the 2 errors and upload the return again.")]
    [InlineData(ReturnStatus.Draft, WorkflowRole.Preparer, 0, 1, "Explain the 1 query rule not yet explained, then submit.")]
    [InlineData(ReturnStatus.Draft, WorkflowRole.Preparer, 0, 0, "Submit the return to your approver to certify.")]
    [InlineData(ReturnStatus.Submitted, WorkflowRole.Approver, 0, 0, "Check the figures and the explanations, then certify the return or send it back to your preparer.")]
    [InlineData(ReturnStatus.Certified, WorkflowRole.NationalTeam, 0, 0, "Review the return: accept it, or query it with the authority.")]
    [InlineData(ReturnStatus.Accepted, WorkflowRole.Preparer, 0, 0, "Accepted. The national team publishes it with the quarter's figures; you will be emailed when it is.")]
    public void NextStep_ForEachPerson_SaysWhatTheyDoOrWhomItWaitsFor(ReturnStatus status, WorkflowRole role, int errors, int unexplained, string expected) =>
        Assert.Equal(expected, ReturnProgress.NextStep(status, role, new VersionReadiness(true, errors, unexplained)));

    [Fact]
    public void NextStep_EveryStatusForEveryRole_SaysSomething()
    {
        foreach (var status in Enum.GetValues<ReturnStatus>())
        {
            foreach (var role in Enum.GetValues<WorkflowRole>())
            {
                Assert.False(string.IsNullOrWhiteSpace(ReturnProgress.NextStep(status, role, Ready)), $"{status} for {role}");
            }
        }
    }

    [Theory]
    [InlineData(1, 1, 1, "1 query (1 rule explained)")]
    [InlineData(12, 3, 2, "12 queries (2 of 3 rules explained)")]
    [InlineData(1500, 2, 2, "1,500 queries (2 rules explained)")]
    [InlineData(0, 0, 0, "no queries")]
    public void Queries_CountsAndNouns_Agree(int queries, int rules, int explained, string expected) =>
        Assert.Equal(expected, ReturnProgress.Queries(queries, rules, explained));

    [Fact]
    public void Notices_EveryMoveThatNeedsSomeone_TellsThem()
    {
        Assert.Equal([WorkflowRole.Approver], ReturnNotices.EmailedAt(ReturnAction.Submit));
        Assert.Equal([WorkflowRole.Preparer], ReturnNotices.EmailedAt(ReturnAction.SendBack));
        Assert.Equal([WorkflowRole.Preparer], ReturnNotices.EmailedAt(ReturnAction.Query));
        Assert.Empty(ReturnNotices.EmailedAt(ReturnAction.Certify));
        Assert.Contains(ReturnNotices.All, n => n is { Action: ReturnAction.Certify, To: WorkflowRole.NationalTeam, InDigest: true });
        Assert.Equal([WorkflowRole.Preparer, WorkflowRole.Approver], ReturnNotices.EmailedAt(ReturnAction.Accept));
        Assert.Equal([WorkflowRole.Preparer, WorkflowRole.Approver], ReturnNotices.EmailedAt(ReturnAction.Publish));
    }
}
