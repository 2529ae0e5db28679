using NationalReturns.Domain.SelfAssessments;

namespace NationalReturns.Domain.Tests.SelfAssessments;

public class MaturityScoringTests
{
    private const double Tolerance = 1e-9;

    private static readonly int[] TwoThree = [2, 3];
    private static readonly int[] OneTwoThree = [1, 2, 3];
    private static readonly int[] FourOneThreeTwo = [4, 1, 3, 2];
    private static readonly int[] Single = [3];
    private static readonly string[] AreaCodes = ["a", "b", "c"];
    private static readonly int[] AreaBCounts = [1, 0, 2, 1];
    private static readonly int[] AreaCCounts = [2, 0, 1, 1];
    private static readonly int[] StageCounts = [1, 1, 1, 1];
    private static readonly int[] NoneOfFour = [0, 0, 0, 0];
    private static readonly int[] NoneOfFive = [0, 0, 0, 0, 0];

    private static Framework Four => TestFrameworks.FourLevels;

    /// <summary>
    /// A1=1 A2=4 | B1=2 B2=3 B3=4 | C1=1 C2=1 C3=2 C4=4 on the four-level framework.
    /// </summary>
    private static Dictionary<string, int> Mixed() => new()
    {
        ["A1"] = 1,
        ["A2"] = 4,
        ["B1"] = 2,
        ["B2"] = 3,
        ["B3"] = 4,
        ["C1"] = 1,
        ["C2"] = 1,
        ["C3"] = 2,
        ["C4"] = 4,
    };

    [Fact]
    public void Score_ThreeAreasMixedLevels_AreaLevelsAreLowerMediansAndMeansAreExact()
    {
        // Area a: [1, 4]       -> even count, lower of the middle two = 1; mean (1+4)/2 = 2.5
        // Area b: [2, 3, 4]    -> median 3;                               mean 9/3 = 3
        // Area c: [1, 1, 2, 4] -> even count, lower of 1 and 2 = 1;      mean 8/4 = 2
        var score = MaturityScoring.Score(Four, Mixed())!;

        Assert.Equal(AreaCodes, score.Areas.Select(a => a.Code));
        Assert.Equal(1, score.Area("a")!.Level);
        Assert.Equal(2.5, score.Area("a")!.Mean, Tolerance);
        Assert.Equal(3, score.Area("b")!.Level);
        Assert.Equal(3.0, score.Area("b")!.Mean, Tolerance);
        Assert.Equal(1, score.Area("c")!.Level);
        Assert.Equal(2.0, score.Area("c")!.Mean, Tolerance);
        Assert.Equal("Area C", score.Area("c")!.Name);
        Assert.Equal(4, score.Area("c")!.Descriptors.Count);
        Assert.Equal(new KeyValuePair<string, int>("C4", 4), score.Area("c")!.Descriptors[3]);
    }

    [Fact]
    public void Score_ThreeAreasMixedLevels_IndexIsMeanOfAreaMeansRescaled()
    {
        // Mean of the area means m = (2.5 + 3 + 2) / 3 = 7.5 / 3 = 2.5
        // Index = 100 × (m − 1) / (L − 1) = 100 × 1.5 / 3 = 50
        // Not the mean of all nine descriptors: (1+4 + 2+3+4 + 1+1+2+4) / 9 = 22/9 = 2.444…,
        // which would give 100 × (13/9) / 3 = 48.148… — each area counts the same, not each descriptor.
        var score = MaturityScoring.Score(Four, Mixed())!;

        Assert.Equal(50.0, score.Index, Tolerance);
        var descriptorMeanIndex = 100.0 * ((22.0 / 9.0) - 1) / 3;
        Assert.Equal(48.148148148148148, descriptorMeanIndex, Tolerance);
        Assert.NotEqual(descriptorMeanIndex, score.Index, 1e-3);
    }

    [Fact]
    public void Score_ThreeAreasMixedLevels_StageIsLowerMedianOfAllDescriptors()
    {
        // All nine sorted: [1, 1, 1, 2, 2, 3, 4, 4, 4] -> the 5th (index (9−1)/2 = 4) is 2.
        // The median of the area levels [1, 3, 1] would be 1, so the stage is not taken from the areas.
        var score = MaturityScoring.Score(Four, Mixed())!;

        Assert.Equal(2, score.Stage);
    }

    [Fact]
    public void Score_AllAtLevelOne_IndexIsZero()
    {
        var score = MaturityScoring.Score(Four, TestFrameworks.AllAt(Four, 1))!;

        Assert.Equal(0.0, score.Index, Tolerance);
        Assert.Equal(1, score.Stage);
        Assert.All(score.Areas, a => Assert.Equal(1, a.Level));
    }

    [Fact]
    public void Score_AllAtTopLevel_IndexIsHundred()
    {
        var score = MaturityScoring.Score(Four, TestFrameworks.AllAt(Four, 4))!;

        Assert.Equal(100.0, score.Index, Tolerance);
        Assert.Equal(4, score.Stage);
        Assert.All(score.Areas, a => Assert.Equal(4, a.Level));
    }

    [Fact]
    public void Score_FiveLevelFramework_IndexRescalesOverFourSteps()
    {
        // Dimension x: [5, 5, 4] -> median 5; mean 14/3
        // Dimension y: [2, 3]    -> lower median 2; mean 5/2
        // m = (14/3 + 5/2) / 2 = (28/6 + 15/6) / 2 = 43/12
        // Index = 100 × (43/12 − 1) / (5 − 1) = 100 × (31/12) / 4 = 3100/48 = 64.58333…
        // Stage: [2, 3, 4, 5, 5] -> 4
        var levels = new Dictionary<string, int> { ["X1"] = 5, ["X2"] = 5, ["X3"] = 4, ["Y1"] = 2, ["Y2"] = 3 };

        var score = MaturityScoring.Score(TestFrameworks.FiveLevels, levels)!;

        Assert.Equal(5, score.Area("x")!.Level);
        Assert.Equal(14.0 / 3.0, score.Area("x")!.Mean, Tolerance);
        Assert.Equal(2, score.Area("y")!.Level);
        Assert.Equal(2.5, score.Area("y")!.Mean, Tolerance);
        Assert.Equal(3100.0 / 48.0, score.Index, Tolerance);
        Assert.Equal(64.583333333333333, score.Index, Tolerance);
        Assert.Equal(4, score.Stage);
    }

    [Fact]
    public void Score_FiveLevelFrameworkAllAtTop_IndexIsHundred()
    {
        var score = MaturityScoring.Score(TestFrameworks.FiveLevels, TestFrameworks.AllAt(TestFrameworks.FiveLevels, 5))!;

        Assert.Equal(100.0, score.Index, Tolerance);
        Assert.Equal(5, score.Stage);
    }

    [Fact]
    public void Score_OneDescriptorMissing_ReturnsNull()
    {
        var levels = Mixed();
        levels.Remove("B2");

        Assert.Null(MaturityScoring.Score(Four, levels));
    }

    [Fact]
    public void Score_NoLevels_ReturnsNull()
    {
        Assert.Null(MaturityScoring.Score(Four, new Dictionary<string, int>()));
    }

    [Fact]
    public void Score_ExtraUnknownCode_IsIgnored()
    {
        var levels = Mixed();
        levels["Z9"] = 4;

        var score = MaturityScoring.Score(Four, levels)!;

        Assert.Equal(50.0, score.Index, Tolerance);
    }

    [Fact]
    public void Index_MeanAtMiddleOfFiveLevels_IsFifty()
    {
        // 100 × (3 − 1) / (5 − 1) = 50
        Assert.Equal(50.0, MaturityScoring.Index(3, 5), Tolerance);
    }

    [Fact]
    public void LowerMedian_TwoValues_IsTheLowerOne()
    {
        Assert.Equal(2, MaturityScoring.LowerMedian(TwoThree));
    }

    [Fact]
    public void LowerMedian_ThreeValues_IsTheMiddleOne()
    {
        Assert.Equal(2, MaturityScoring.LowerMedian(OneTwoThree));
    }

    [Fact]
    public void LowerMedian_FourUnsortedValues_SortsThenTakesLowerMiddle()
    {
        // [4, 1, 3, 2] sorted is [1, 2, 3, 4]; the middle two are 2 and 3 -> 2
        Assert.Equal(2, MaturityScoring.LowerMedian(FourOneThreeTwo));
    }

    [Fact]
    public void LowerMedian_OneValue_IsThatValue()
    {
        Assert.Equal(3, MaturityScoring.LowerMedian(Single));
    }

    [Fact]
    public void LowerMedian_NoValues_Throws()
    {
        Assert.Throws<ArgumentException>(() => MaturityScoring.LowerMedian([]));
    }

    [Fact]
    public void Distribution_AreaCode_CountsAuthoritiesAtEachLevelOfThatArea()
    {
        // Area b levels: all-1 -> 1; mixed -> 3; all-4 -> 4; all-3 -> 3  => [1, 0, 2, 1]
        var scores = Scores();

        var counts = MaturityScoring.Distribution(Four, scores, "b");

        Assert.Equal(AreaBCounts, counts);
    }

    [Fact]
    public void Distribution_NullAreaCode_CountsStages()
    {
        // Stages: all-1 -> 1; mixed -> 2; all-4 -> 4; all-3 -> 3  => [1, 1, 1, 1]
        // Area c for comparison: 1, 1 (mixed c is 1), 4, 3 => [2, 0, 1, 1].
        var scores = Scores();

        Assert.Equal(StageCounts, MaturityScoring.Distribution(Four, scores, null));
        Assert.Equal(AreaCCounts, MaturityScoring.Distribution(Four, scores, "c"));
    }

    [Fact]
    public void Distribution_UnknownAreaCode_CountsNothing()
    {
        Assert.Equal(NoneOfFour, MaturityScoring.Distribution(Four, Scores(), "zz"));
    }

    [Fact]
    public void Distribution_NoScores_HasOneZeroPerLevel()
    {
        Assert.Equal(NoneOfFive, MaturityScoring.Distribution(TestFrameworks.FiveLevels, [], null));
    }

    [Fact]
    public void Among_MixedNeighbours_RanksHighestIndexFirstAndIgnoresUnscored()
    {
        // Values: N1 70, ME 50, N2 40, N3 30, N4 20; N5 has no index and is ignored.
        // Descending: N1 (1), ME (2), N2 (3), N3 (4), N4 (5) -> rank 2 of 5.
        // Neighbour median over [70, 40, 30, 20] = (40 + 30) / 2 = 35 (the authority's 50 is not included;
        // with it the median would be 40).
        var indices = new Dictionary<string, double> { ["ME"] = 50, ["N1"] = 70, ["N2"] = 40, ["N3"] = 30, ["N4"] = 20 };
        string[] neighbours = ["N1", "N2", "N3", "N4", "N5"];

        var position = NeighbourPosition.Among("ME", indices, neighbours)!;

        Assert.Equal(2, position.Rank);
        Assert.Equal(5, position.Of);
        Assert.Equal(35.0, position.NeighbourMedian!.Value, Tolerance);
    }

    [Fact]
    public void Among_HighestIndex_IsRankOne()
    {
        var indices = new Dictionary<string, double> { ["ME"] = 90, ["N1"] = 70, ["N2"] = 40 };
        string[] neighbours = ["N1", "N2"];

        var position = NeighbourPosition.Among("ME", indices, neighbours)!;

        Assert.Equal(1, position.Rank);
        Assert.Equal(3, position.Of);
        Assert.Equal(55.0, position.NeighbourMedian!.Value, Tolerance); // (70 + 40) / 2
    }

    [Fact]
    public void Among_TiedWithANeighbour_TakesTheLowerRank()
    {
        // Descending: N1 80 (1), then ME 60 and N2 60 tie -> both rank 2, not 3; N3 10 -> 4.
        var indices = new Dictionary<string, double> { ["N1"] = 80, ["N2"] = 60, ["ME"] = 60, ["N3"] = 10 };
        string[] neighbours = ["N1", "N2", "N3"];

        var position = NeighbourPosition.Among("ME", indices, neighbours)!;

        Assert.Equal(2, position.Rank);
        Assert.Equal(4, position.Of);
        Assert.Equal(60.0, position.NeighbourMedian!.Value, Tolerance); // median of [80, 60, 10]
    }

    [Fact]
    public void Among_AuthorityListedAsItsOwnNeighbourAndDuplicates_CountedOnce()
    {
        var indices = new Dictionary<string, double> { ["ME"] = 10, ["N1"] = 20 };
        string[] neighbours = ["N1", "ME", "N1"];

        var position = NeighbourPosition.Among("ME", indices, neighbours)!;

        Assert.Equal(2, position.Rank);
        Assert.Equal(2, position.Of);
        Assert.Equal(20.0, position.NeighbourMedian!.Value, Tolerance);
    }

    [Fact]
    public void Among_NoNeighbourHasAnIndex_RankOneOfOneAndNoMedian()
    {
        var indices = new Dictionary<string, double> { ["ME"] = 10 };
        string[] neighbours = ["N1", "N2"];

        var position = NeighbourPosition.Among("ME", indices, neighbours)!;

        Assert.Equal(1, position.Rank);
        Assert.Equal(1, position.Of);
        Assert.Null(position.NeighbourMedian);
    }

    [Fact]
    public void Among_AuthorityHasNoIndex_ReturnsNull()
    {
        var indices = new Dictionary<string, double> { ["N1"] = 70, ["N2"] = 40 };
        string[] neighbours = ["N1", "N2"];

        Assert.Null(NeighbourPosition.Among("ME", indices, neighbours));
    }

    /// <summary>Four authorities' scores: all at 1, the mixed example, all at 4, all at 3.</summary>
    private static List<MaturityScore> Scores() =>
    [
        MaturityScoring.Score(Four, TestFrameworks.AllAt(Four, 1))!,
        MaturityScoring.Score(Four, Mixed())!,
        MaturityScoring.Score(Four, TestFrameworks.AllAt(Four, 4))!,
        MaturityScoring.Score(Four, TestFrameworks.AllAt(Four, 3))!,
    ];
}
