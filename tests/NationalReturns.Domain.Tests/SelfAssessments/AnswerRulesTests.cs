using NationalReturns.Domain.SelfAssessments;

namespace NationalReturns.Domain.Tests.SelfAssessments;

public class AnswerRulesTests
{
    private const string Evidence = "The partnership board reviewed this in June and agreed the plan.";
    private const string Actions = "Roll the approach out to health visiting.";

    private static Framework Ehsg => TestFrameworks.Ehsg;

    private static RatingAnswer Full(string code, int level, int target) =>
        new(code, level, Evidence, target, target > level ? Actions : null);

    private static AnswerError Only(IReadOnlyList<AnswerError> errors, string field)
    {
        var error = Assert.Single(errors);
        Assert.Equal(field, error.Field);
        return error;
    }

    [Fact]
    public void Check_DraftWithNothingFilledIn_HasNoErrors()
    {
        RatingAnswer[] answers = [new("FV1", null, null, null, null), new("WF2", 2, null, null, null), new("DT1", null, "Some evidence", 3, null)];

        Assert.Empty(AnswerRules.Check(Ehsg, answers, complete: false));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(-1)]
    public void Check_DraftLevelOffTheScale_IsAnErrorNamingTheLevels(int level)
    {
        var errors = AnswerRules.Check(Ehsg, [new RatingAnswer("FV1", level, null, null, null)], complete: false);

        var error = Only(errors, AnswerRules.Fields.Level);
        Assert.Equal("FV1", error.DescriptorCode);
        Assert.Equal("FV1: choose one of Early, Developing, Maturing or Mature.", error.Message);
    }

    [Fact]
    public void Check_DraftTargetBelowLevel_IsAnErrorNamingBothLevels()
    {
        var errors = AnswerRules.Check(Ehsg, [new RatingAnswer("WF3", 3, null, 2, null)], complete: false);

        var error = Only(errors, AnswerRules.Fields.Target);
        Assert.StartsWith("WF3:", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be below the level now", error.Message, StringComparison.Ordinal);
        Assert.Contains("(Developing)", error.Message, StringComparison.Ordinal);
        Assert.Contains("(Maturing)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_DraftTargetOffTheScale_IsAnError()
    {
        var errors = AnswerRules.Check(Ehsg, [new RatingAnswer("WF3", null, null, 5, null)], complete: false);

        var error = Only(errors, AnswerRules.Fields.Target);
        Assert.Equal("WF3: choose a target level of Early, Developing, Maturing or Mature.", error.Message);
    }

    [Fact]
    public void Check_DraftTargetEqualToLevel_IsFine()
    {
        Assert.Empty(AnswerRules.Check(Ehsg, [new RatingAnswer("WF3", 3, null, 3, null)], complete: false));
    }

    [Fact]
    public void Check_DraftEvidenceOver2000Characters_IsAnError()
    {
        var errors = AnswerRules.Check(Ehsg, [new RatingAnswer("CM2", null, new string('e', AnswerRules.MaxText + 1), null, null)], complete: false);

        var error = Only(errors, AnswerRules.Fields.Evidence);
        Assert.Equal("CM2", error.DescriptorCode);
        Assert.StartsWith("CM2: evidence must be", error.Message, StringComparison.Ordinal);
        Assert.Contains("characters or fewer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_DraftEvidenceOfExactly2000Characters_IsFine()
    {
        Assert.Empty(AnswerRules.Check(Ehsg, [new RatingAnswer("CM2", null, new string('e', AnswerRules.MaxText), null, null)], complete: false));
    }

    [Fact]
    public void Check_DraftPlannedActionsOver2000Characters_IsAnError()
    {
        var errors = AnswerRules.Check(Ehsg, [new RatingAnswer("CM2", null, null, null, new string('a', AnswerRules.MaxText + 1))], complete: false);

        var error = Only(errors, AnswerRules.Fields.Actions);
        Assert.Contains("planned actions must be", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_UnknownDescriptor_SaysItIsNotInTheFramework()
    {
        var error = Assert.Single(AnswerRules.Check(Ehsg, [new RatingAnswer("XX9", 2, null, null, null)], complete: false));

        Assert.Equal("XX9 is not a descriptor in the Early Help System Guide.", error.Message);
    }

    [Fact]
    public void Check_CodeInOtherCase_ReportsTheFrameworksCode()
    {
        var error = Assert.Single(AnswerRules.Check(Ehsg, [new RatingAnswer("fv1", 9, null, null, null)], complete: false));

        Assert.Equal("FV1", error.DescriptorCode);
        Assert.StartsWith("FV1:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_CompleteWithNothingFilledIn_RequiresLevelEvidenceAndTarget()
    {
        var errors = AnswerRules.Check(Ehsg, [new RatingAnswer("LD4", null, "  ", null, null)], complete: true);

        Assert.Equal(3, errors.Count);
        Assert.All(errors, e => Assert.Equal("LD4", e.DescriptorCode));
        Assert.Equal("LD4: select the level your partnership is at now.", errors.Single(e => e.Field == AnswerRules.Fields.Level).Message);
        Assert.Equal("LD4: enter the evidence for the level you have chosen.", errors.Single(e => e.Field == AnswerRules.Fields.Evidence).Message);
        Assert.Equal("LD4: select a target level for next year.", errors.Single(e => e.Field == AnswerRules.Fields.Target).Message);
        Assert.DoesNotContain(errors, e => e.Field == AnswerRules.Fields.Actions);
    }

    [Fact]
    public void Check_CompleteTargetAboveLevelWithoutActions_RequiresPlannedActions()
    {
        var errors = AnswerRules.Check(Ehsg, [new RatingAnswer("LD4", 2, Evidence, 3, null)], complete: true);

        var error = Only(errors, AnswerRules.Fields.Actions);
        Assert.Equal("LD4: enter the actions planned to reach Maturing.", error.Message);
    }

    [Fact]
    public void Check_CompleteTargetOffTheScaleWithoutActions_OnlyTheTargetIsWrong()
    {
        // A target of 9 is already reported; asking for "the actions planned to reach ." (no level has
        // rank 9, so LevelName gives "") would be a second, broken message.
        var errors = AnswerRules.Check(Ehsg, [new RatingAnswer("LD4", 2, Evidence, 9, null)], complete: true);

        var error = Only(errors, AnswerRules.Fields.Target);
        Assert.Equal("LD4: choose a target level of Early, Developing, Maturing or Mature.", error.Message);
    }

    [Fact]
    public void Check_CompleteTargetEqualToLevelWithoutActions_IsFine()
    {
        Assert.Empty(AnswerRules.Check(Ehsg, [new RatingAnswer("LD4", 4, Evidence, 4, null)], complete: true));
    }

    [Fact]
    public void Check_CompleteFullAnswers_HaveNoErrors()
    {
        Assert.Empty(AnswerRules.Check(Ehsg, [Full("FV1", 1, 2), Full("FV2", 3, 3), Full("DT5", 2, 4)], complete: true));
    }

    [Fact]
    public void CheckComplete_OnlyOneDescriptorAnswered_ReportsEveryOtherDescriptor()
    {
        var errors = AnswerRules.CheckComplete(Ehsg, [Full("FV1", 2, 3)]);

        Assert.Equal(Ehsg.DescriptorCount - 1, errors.Count);
        Assert.DoesNotContain(errors, e => e.DescriptorCode == "FV1");
        var dt5 = Assert.Single(errors, e => e.DescriptorCode == "DT5");
        Assert.Equal(AnswerRules.Fields.Level, dt5.Field);
        Assert.Equal("DT5: select the level your partnership is at now.", dt5.Message);
    }

    [Fact]
    public void CheckComplete_EveryDescriptorAnsweredInFull_HasNoErrors()
    {
        var answers = Ehsg.Descriptors.Select(d => Full(d.Code, 2, 3)).ToList();

        Assert.Empty(AnswerRules.CheckComplete(Ehsg, answers));
    }

    [Fact]
    public void CheckComplete_EveryDescriptorPresentButOneWithoutEvidence_ReportsThatOne()
    {
        var answers = Ehsg.Descriptors.Select(d => d.Code == "CM3" ? new RatingAnswer("CM3", 2, null, 2, null) : Full(d.Code, 2, 2)).ToList();

        var error = Only(AnswerRules.CheckComplete(Ehsg, answers), AnswerRules.Fields.Evidence);
        Assert.Equal("CM3", error.DescriptorCode);
    }

    [Fact]
    public void CheckModeration_SameLevelWithoutReason_IsFine()
    {
        var self = new Dictionary<string, int> { ["FV1"] = 2 };

        Assert.Empty(AnswerRules.CheckModeration(Ehsg, self, [new ModerationAnswer("FV1", 2, null)]));
    }

    [Fact]
    public void CheckModeration_LevelMovedWithoutReason_AsksForTheReason()
    {
        var self = new Dictionary<string, int> { ["FV2"] = 3 };

        var errors = AnswerRules.CheckModeration(Ehsg, self, [new ModerationAnswer("FV2", 2, " ")]);

        var error = Only(errors, AnswerRules.Fields.Reason);
        Assert.Equal("FV2", error.DescriptorCode);
        Assert.Equal("FV2: give the reason for moving it from Maturing to Developing.", error.Message);
    }

    [Fact]
    public void CheckModeration_LevelMovedWithReason_IsFine()
    {
        var self = new Dictionary<string, int> { ["FV2"] = 3 };

        Assert.Empty(AnswerRules.CheckModeration(Ehsg, self, [new ModerationAnswer("FV2", 4, "Strong evidence of practice across all partners.")]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(5)]
    public void CheckModeration_LevelMissingOrOffTheScale_IsAnError(int? level)
    {
        var self = new Dictionary<string, int> { ["FV2"] = 3 };

        var errors = AnswerRules.CheckModeration(Ehsg, self, [new ModerationAnswer("FV2", level, "A reason.")]);

        var error = Only(errors, AnswerRules.Fields.Level);
        Assert.Equal("FV2: choose the moderated level, Early, Developing, Maturing or Mature.", error.Message);
    }

    [Fact]
    public void CheckModeration_ReasonOver2000Characters_IsAnError()
    {
        var self = new Dictionary<string, int> { ["FV2"] = 3 };

        var errors = AnswerRules.CheckModeration(Ehsg, self, [new ModerationAnswer("FV2", 3, new string('r', AnswerRules.MaxText + 1))]);

        var error = Only(errors, AnswerRules.Fields.Reason);
        Assert.StartsWith("FV2: the reason must be", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckModeration_DescriptorNotRated_SaysSo()
    {
        var self = new Dictionary<string, int> { ["FV2"] = 3 };

        var error = Assert.Single(AnswerRules.CheckModeration(Ehsg, self, [new ModerationAnswer("FV3", 3, null)]));

        Assert.Equal("FV3 is not a descriptor this assessment rated.", error.Message);
    }
}
