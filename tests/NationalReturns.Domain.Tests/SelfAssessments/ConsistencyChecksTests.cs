using NationalReturns.Domain.SelfAssessments;

namespace NationalReturns.Domain.Tests.SelfAssessments;

public class ConsistencyChecksTests
{
    private const string SixWords = "Audit of forty case files confirmed.";
    private const string FiveWords = "Audit of forty files confirmed.";
    private const string Actions = "Actions agreed with the board and partners.";

    private static readonly AssessmentYear LastYear = new(2024);

    private static Framework Ehsg => TestFrameworks.Ehsg;

    private static Framework Dmm => TestFrameworks.Dmm;

    private static MaturityScore EhsgScore(int level, params (string AreaCode, int Level)[] areas) =>
        MaturityScoring.Score(Ehsg, TestFrameworks.AllAt(Ehsg, level, areas))!;

    private static MaturityScore DmmScore(int level, params (string AreaCode, int Level)[] dimensions) =>
        MaturityScoring.Score(Dmm, TestFrameworks.AllAt(Dmm, level, dimensions))!;

    [Fact]
    public void Within_TwoLevelJumpUp_IsFlaggedWithBothLevelsAndTheYear()
    {
        var lastYear = new Dictionary<string, int> { ["FV1"] = 1 };

        var flags = ConsistencyChecks.Within(Ehsg, [new RatingAnswer("FV1", 3, SixWords, 3, null)], lastYear, LastYear);

        var flag = Assert.Single(flags);
        Assert.Equal(FlagKinds.Jump, flag.Kind);
        Assert.Equal("FV1", flag.DescriptorCode);
        Assert.Equal("FV1 has moved from Early in 2024-25 to Maturing: 2 levels in a year.", flag.Message);
    }

    [Fact]
    public void Within_ThreeLevelDrop_IsFlagged()
    {
        var lastYear = new Dictionary<string, int> { ["WF1"] = 4 };

        var flag = Assert.Single(ConsistencyChecks.Within(Ehsg, [new RatingAnswer("WF1", 1, SixWords, 2, null)], lastYear, null));

        Assert.Equal(FlagKinds.Jump, flag.Kind);
        Assert.Contains("from Mature in last year to Early: 3 levels", flag.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(3, 2)]
    [InlineData(2, 2)]
    public void Within_MoveOfOneLevelOrNone_IsNotFlagged(int before, int now)
    {
        var lastYear = new Dictionary<string, int> { ["FV1"] = before };

        Assert.Empty(ConsistencyChecks.Within(Ehsg, [new RatingAnswer("FV1", now, SixWords, now, null)], lastYear, LastYear));
    }

    [Fact]
    public void Within_NoLastYear_NoJumpFlag()
    {
        Assert.Empty(ConsistencyChecks.Within(Ehsg, [new RatingAnswer("FV1", 4, SixWords, 4, null)], null, null));
    }

    [Fact]
    public void Within_DescriptorNotRatedLastYear_NoJumpFlag()
    {
        var lastYear = new Dictionary<string, int> { ["FV2"] = 1 };

        Assert.Empty(ConsistencyChecks.Within(Ehsg, [new RatingAnswer("FV1", 4, SixWords, 4, null)], lastYear, LastYear));
    }

    [Fact]
    public void Within_EvidenceUnderSixWords_IsFlaggedWithTheCount()
    {
        var flag = Assert.Single(ConsistencyChecks.Within(Ehsg, [new RatingAnswer("DT2", 2, FiveWords, 3, Actions)], null, null));

        Assert.Equal(FlagKinds.ShortEvidence, flag.Kind);
        Assert.Equal("DT2", flag.DescriptorCode);
        Assert.Equal("DT2: the evidence is shorter than a sentence (5 words).", flag.Message);
    }

    [Fact]
    public void Within_EvidenceOfSixWords_IsNotFlagged()
    {
        Assert.Empty(ConsistencyChecks.Within(Ehsg, [new RatingAnswer("DT2", 2, SixWords, 2, null)], null, null));
    }

    [Fact]
    public void Within_NoLevelOrNoEvidence_NotFlaggedForShortEvidence()
    {
        RatingAnswer[] answers = [new("DT2", null, "See attached.", null, null), new("DT3", 2, null, null, null), new("DT4", 2, "   ", null, null)];

        Assert.Empty(ConsistencyChecks.Within(Ehsg, answers, null, null));
    }

    [Fact]
    public void Words_SpacesTabsAndNewLines_SplitWords()
    {
        Assert.Equal(6, ConsistencyChecks.Words("  one two\tthree\nfour  five\r\nsix "));
        Assert.Equal(0, ConsistencyChecks.Words("   "));
    }

    [Fact]
    public void Across_EhsgDataAtTopAndDmmSharingAtBottom_IsFlaggedNamingBoth()
    {
        var earlyHelp = EhsgScore(2, ("data", 4));
        var data = DmmScore(3, ("sharing", 1));

        var flag = Assert.Single(ConsistencyChecks.Across(Ehsg, earlyHelp, Dmm, data));

        Assert.Equal(FlagKinds.AcrossFrameworks, flag.Kind);
        Assert.Null(flag.DescriptorCode);
        Assert.Equal("Early Help System Guide \"Data\" is rated Mature while the Data Maturity Model's \"Data sharing and governance\" is at Beginning.", flag.Message);
    }

    [Fact]
    public void Across_EhsgDataAtBottomAndDmmSharingAtTop_IsFlagged()
    {
        var earlyHelp = EhsgScore(3, ("data", 1));
        var data = DmmScore(3, ("sharing", 5));

        var flag = Assert.Single(ConsistencyChecks.Across(Ehsg, earlyHelp, Dmm, data));

        Assert.Contains("\"Data\" is rated Early", flag.Message, StringComparison.Ordinal);
        Assert.Contains("\"Data sharing and governance\" is at Mastering", flag.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Across_EhsgDataAtTopAndAllThreeDataDimensionsAtBottom_FlagsEachPair()
    {
        var flags = ConsistencyChecks.Across(Ehsg, EhsgScore(2, ("data", 4)), Dmm, DmmScore(1));

        Assert.Equal(3, flags.Count);
        Assert.Contains(flags, f => f.Message.Contains("\"Data quality and linking\"", StringComparison.Ordinal));
        Assert.Contains(flags, f => f.Message.Contains("\"Systems and case management\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Across_OneLevelApart_IsNotFlagged()
    {
        Assert.Empty(ConsistencyChecks.Across(Ehsg, EhsgScore(2, ("data", 4)), Dmm, DmmScore(3, ("sharing", 2))));
    }

    [Fact]
    public void Across_BothAtBottom_IsNotFlagged()
    {
        Assert.Empty(ConsistencyChecks.Across(Ehsg, EhsgScore(1), Dmm, DmmScore(1)));
    }

    [Fact]
    public void Across_EitherScoreNull_GivesNothing()
    {
        Assert.Empty(ConsistencyChecks.Across(Ehsg, null, Dmm, DmmScore(1)));
        Assert.Empty(ConsistencyChecks.Across(Ehsg, EhsgScore(4), Dmm, null));
        Assert.Empty(ConsistencyChecks.Across(Ehsg, null, Dmm, null));
    }

    [Fact]
    public void From_LevelNames_GivesTheirRanks()
    {
        var rule = ReadinessRule.From(Ehsg, "Maturing", Dmm, "developing");

        Assert.Equal(new ReadinessRule(3, 4), rule);
    }

    [Fact]
    public void From_RankNumbers_AreAccepted()
    {
        Assert.Equal(new ReadinessRule(2, 3), ReadinessRule.From(Ehsg, "2", Dmm, "3"));
    }

    [Fact]
    public void From_BadEarlyHelpLevel_ThrowsNamingTheLevels()
    {
        var error = Assert.Throws<ArgumentException>(() => ReadinessRule.From(Ehsg, "Excellent", Dmm, "Learning"));

        Assert.Equal("earlyHelpAreaLevel", error.ParamName);
        Assert.Contains("Early, Developing, Maturing or Mature", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_BadDataMaturityStage_Throws()
    {
        // "Mature" is an Early Help System Guide level, not a Data Maturity Model one.
        var error = Assert.Throws<ArgumentException>(() => ReadinessRule.From(Ehsg, "Maturing", Dmm, "Mature"));

        Assert.Equal("dataMaturityStage", error.ParamName);
    }

    [Fact]
    public void Evaluate_EveryAreaAndStageAtTheRule_IsReady()
    {
        var rule = ReadinessRule.From(Ehsg, "Maturing", Dmm, "Learning");

        var readiness = rule.Evaluate(Ehsg, EhsgScore(3, ("data", 4)), Dmm, DmmScore(3));

        Assert.True(readiness.Ready);
        Assert.Empty(readiness.Gaps);
    }

    [Fact]
    public void Evaluate_OneAreaBelow_IsNotReadyAndNamesTheArea()
    {
        var rule = ReadinessRule.From(Ehsg, "Maturing", Dmm, "Learning");

        var readiness = rule.Evaluate(Ehsg, EhsgScore(4, ("workforce", 2)), Dmm, DmmScore(5));

        Assert.False(readiness.Ready);
        Assert.Equal("Workforce is Developing, below Maturing.", Assert.Single(readiness.Gaps));
    }

    [Fact]
    public void Evaluate_StageBelow_IsNotReadyAndSaysSo()
    {
        // 27 descriptors: the 5 of "leadership" at Mastering, the other 22 at Emerging.
        // Sorted, the 14th (index (27 − 1) / 2 = 13) is Emerging, so the stage is 2 though one dimension is at the top.
        var rule = ReadinessRule.From(Ehsg, "Maturing", Dmm, "Learning");

        var readiness = rule.Evaluate(Ehsg, EhsgScore(4), Dmm, DmmScore(2, ("leadership", 5)));

        Assert.False(readiness.Ready);
        Assert.Equal("Data Maturity Model stage is Emerging, below Learning.", Assert.Single(readiness.Gaps));
    }

    [Fact]
    public void Evaluate_MissingAssessments_AreGaps()
    {
        var rule = ReadinessRule.From(Ehsg, "Maturing", Dmm, "Learning");

        var noEarlyHelp = rule.Evaluate(Ehsg, null, Dmm, DmmScore(5));
        var noData = rule.Evaluate(Ehsg, EhsgScore(4), Dmm, null);

        Assert.False(noEarlyHelp.Ready);
        Assert.Equal("No signed-off Early Help System Guide assessment.", Assert.Single(noEarlyHelp.Gaps));
        Assert.False(noData.Ready);
        Assert.Equal("No signed-off Data Maturity Model assessment.", Assert.Single(noData.Gaps));
    }

    [Fact]
    public void Evaluate_SeveralShortfalls_ListsEachGap()
    {
        var rule = ReadinessRule.From(Ehsg, "Mature", Dmm, "Mastering");

        var readiness = rule.Evaluate(Ehsg, EhsgScore(4, ("community", 3), ("data", 1)), Dmm, DmmScore(4));

        Assert.False(readiness.Ready);
        Assert.Equal(3, readiness.Gaps.Count);
        Assert.Contains("Community is Maturing, below Mature.", readiness.Gaps);
        Assert.Contains("Data is Early, below Mature.", readiness.Gaps);
        Assert.Contains("Data Maturity Model stage is Developing, below Mastering.", readiness.Gaps);
    }

    [Fact]
    public void Describe_Rule_NamesLevelsAndPart()
    {
        var rule = ReadinessRule.From(Ehsg, "Maturing", Dmm, "Learning");

        Assert.Equal("every Early Help System Guide area at Maturing or above, and the Data Maturity Model stage at Learning or above", rule.Describe(Ehsg, Dmm));
    }
}
