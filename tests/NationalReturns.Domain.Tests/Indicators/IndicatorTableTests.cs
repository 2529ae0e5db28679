using NationalReturns.Domain.Areas;
using NationalReturns.Domain.Indicators;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Returns;
using NationalReturns.Domain.Statistics;

namespace NationalReturns.Domain.Tests.Indicators;

public class IndicatorTableTests
{
    private static readonly ReturnPeriod Q1 = new(2024, 1);
    private static readonly IndicatorDefinition Cla = IndicatorCatalogue.Find("CARE-CLA")!;

    private static IndicatorArea Area(string code, string region, params string[] neighbours) =>
        new(code, code, region, new AuthorityLifetime(code, null, null), neighbours);

    /// <summary>Children looked after at quarter end: each area has 10,000 children, so the rate per 10,000 is the count.</summary>
    private static IndicatorInputs Inputs(IReadOnlyList<IndicatorArea> areas, Dictionary<(string, ReturnPeriod), long> counts) => new()
    {
        Authorities = areas,
        Figures = counts.ToDictionary(c => c.Key, c => (IReadOnlyDictionary<string, long>)new Dictionary<string, long> { ["care.cla_end"] = c.Value }),
        Denominators = areas.SelectMany(a => Enumerable.Range(2023, 2).Select(y => (a.Code, y))).ToDictionary(k => k, _ => new AreaDenominators(10_000, 4_000, 1_000, 20_000)),
    };

    private static IndicatorRow Row(List<IndicatorRow> rows, string code, ReturnPeriod? period = null) =>
        rows.Single(r => r.AreaCode == code && r.Period == (period ?? Q1));

    [Fact]
    public void Build_TiedValues_TakeTheLowerRankAndLowerIsBest()
    {
        IndicatorArea[] areas = [Area("A", "R1"), Area("B", "R1"), Area("C", "R2"), Area("D", "R2")];
        var rows = IndicatorTable.Build(Inputs(areas, new() { [("A", Q1)] = 50, [("B", Q1)] = 30, [("C", Q1)] = 30, [("D", Q1)] = 80 }), [Q1], [Cla]);

        Assert.Equal((1, 1, 3, 4), (Row(rows, "B").Rank!.Value, Row(rows, "C").Rank!.Value, Row(rows, "A").Rank!.Value, Row(rows, "D").Rank!.Value));
        Assert.All(areas, a => Assert.Equal(4, Row(rows, a.Code).RankOf));
    }

    [Fact]
    public void Build_Quartiles_FollowPercentileIncCutPoints()
    {
        // Values 10..80: PERCENTILE.INC cuts at 27.5, 45 and 62.5.
        var areas = Enumerable.Range(1, 8).Select(i => Area($"A{i}", "R1")).ToList();
        var rows = IndicatorTable.Build(Inputs(areas, areas.Select((a, i) => (a.Code, (i + 1) * 10L)).ToDictionary(x => (x.Code, Q1), x => x.Item2)), [Q1], [Cla]);

        Assert.Equal([1, 1, 2, 2, 3, 3, 4, 4], areas.Select(a => Row(rows, a.Code).Quartile!.Value));
    }

    [Fact]
    public void Build_RegionAndEngland_PoolOnlyPublishedFiguresAndShowCoverage()
    {
        IndicatorArea[] areas = [Area("A", "R1"), Area("B", "R1"), Area("C", "R2")];
        var rows = IndicatorTable.Build(Inputs(areas, new() { [("A", Q1)] = 50, [("C", Q1)] = 70 }), [Q1], [Cla]);

        var region = Row(rows, "R1");
        Assert.Equal((AreaLevel.Region, 50L, 10_000d, 1, 2), (region.Level, region.Value.Numerator!.Value, region.Value.Denominator!.Value, region.Included, region.Of));
        var england = Row(rows, IndicatorTable.EnglandCode);
        Assert.Equal((120L, 20_000d, 2, 3), (england.Value.Numerator!.Value, england.Value.Denominator!.Value, england.Included, england.Of));
        Assert.Equal(60, england.Value.Value!.Value, 9);
        Assert.Equal("x", Row(rows, "B").Value.SymbolText);
    }

    [Fact]
    public void Build_Neighbours_GiveTheMedianOfValuesAndThePooledRate()
    {
        IndicatorArea[] areas = [Area("A", "R1", "B", "C", "D"), Area("B", "R1"), Area("C", "R1"), Area("D", "R1")];
        var rows = IndicatorTable.Build(Inputs(areas, new() { [("A", Q1)] = 10, [("B", Q1)] = 20, [("C", Q1)] = 40, [("D", Q1)] = 90 }), [Q1], [Cla]);

        var a = Row(rows, "A");
        Assert.Equal(40, a.NeighboursMedian!.Value, 9);
        Assert.Equal(50, a.NeighboursPooled!.Value!.Value, 9); // 150 / 30,000 × 10,000
        Assert.Equal(3, a.NeighboursIncluded);
    }

    [Fact]
    public void Build_ComparedWithEngland_RespectsPolarityAndTheTwoLevels()
    {
        // England pools to 103.3. A at 70 (Byar CI95 54.6-88.4, CI99.8 up to 99.9): lower is better, so best;
        // C at 140 (CI99.8 from 106.2) worst; B at 100 similar.
        IndicatorArea[] areas = [Area("A", "R1"), Area("B", "R1"), Area("C", "R2")];
        var rows = IndicatorTable.Build(Inputs(areas, new() { [("A", Q1)] = 70, [("B", Q1)] = 100, [("C", Q1)] = 140 }), [Q1], [Cla]);

        Assert.Equal(Significance.Best, Row(rows, "A").ComparedWithEngland);
        Assert.Equal(Significance.Similar, Row(rows, "B").ComparedWithEngland);
        Assert.Equal(Significance.Worst, Row(rows, "C").ComparedWithEngland);
        Assert.Equal(Significance.Similar, Row(rows, "A").ComparedWithRegion); // region R1 pools to 85, inside A's 95% interval
        Assert.Equal(Significance.Better, Row(rows, "R1").ComparedWithEngland); // 85 from 170 events: 95% up to 98.6, 99.8% up to 104.2
    }

    [Fact]
    public void Build_ChangesAndTrend_UseThePreviousQuarterTheYearBeforeAndFivePoints()
    {
        IndicatorArea[] areas = [Area("A", "R1")];
        var counts = new Dictionary<(string, ReturnPeriod), long>();
        long[] series = [200, 180, 160, 140, 120];
        var periods = Q1.AndPrevious(5).Reverse().ToList();
        for (var i = 0; i < 5; i++)
        {
            counts[("A", periods[i])] = series[i];
        }

        var row = Row(IndicatorTable.Build(Inputs(areas, counts), [Q1], [Cla]), "A");

        Assert.Equal(-20, row.ChangeSincePrevious!.Difference, 9);
        Assert.Equal(Significance.Similar, row.ChangeSincePrevious.Significance);
        Assert.Equal(-80, row.ChangeSinceYearEarlier!.Difference, 9);
        Assert.Equal(Significance.Better, row.ChangeSinceYearEarlier.Significance);
        Assert.Equal(TrendDirection.Decreasing, row.Trend.Direction);
    }

    [Fact]
    public void Build_TrendWithAGap_CannotBeCalculatedAndSaysWhy()
    {
        IndicatorArea[] areas = [Area("A", "R1")];
        var counts = new Dictionary<(string, ReturnPeriod), long> { [("A", Q1)] = 100, [("A", Q1.Previous)] = 100 };

        var row = Row(IndicatorTable.Build(Inputs(areas, counts), [Q1], [Cla]), "A");

        Assert.Equal(TrendDirection.CannotBeCalculated, row.Trend.Direction);
        Assert.Contains("2023-24 Q1", row.Trend.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_AuthorityBeforeItBegan_IsNotApplicableAndNotCounted()
    {
        var successor = new IndicatorArea("NEW", "NEW", "R1", AuthorityLifetime.For("NEW", new DateOnly(2024, 7, 1), null, AuthorityLifetime.Split, null), []);
        var predecessor = new IndicatorArea("OLD", "OLD", "R1", AuthorityLifetime.For("OLD", null, new DateOnly(2024, 6, 30), null, AuthorityLifetime.Split), []);
        var q2 = Q1.Next;
        var rows = IndicatorTable.Build(Inputs([successor, predecessor], new() { [("OLD", Q1)] = 40, [("NEW", q2)] = 30 }), [Q1, q2], [Cla]);

        Assert.Equal(("z", "", "", "z"), (Row(rows, "NEW").Value.SymbolText, Row(rows, "OLD").Value.SymbolText, Row(rows, "NEW", q2).Value.SymbolText, Row(rows, "OLD", q2).Value.SymbolText));
        Assert.Equal((1, 1), (Row(rows, IndicatorTable.EnglandCode).Of, Row(rows, IndicatorTable.EnglandCode, q2).Of));
    }

    [Fact]
    public void Lifetime_RecodedAuthority_CarriesOnUnderItsNewCode()
    {
        var recoded = AuthorityLifetime.For("E06000065", new DateOnly(2023, 4, 1), null, "merged with its districts", null);
        var old = AuthorityLifetime.For("E10000023", null, new DateOnly(2023, 3, 31), null, "merged with its districts");

        Assert.True(recoded.ReturnsFor(new ReturnPeriod(2022, 1)));
        Assert.False(old.ReturnsFor(new ReturnPeriod(2022, 1)));
        Assert.Contains("began on 1 April 2023", AuthorityLifetime.For("E06000063", new DateOnly(2023, 4, 1), null, AuthorityLifetime.Split, null).Refusal("Cumberland", new ReturnPeriod(2022, 4)), StringComparison.Ordinal);
    }
}

public class IndicatorMethodologyTests
{
    [Fact]
    public void Markdown_IsTheCommittedMethodologyDocument()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "NationalReturns.sln")))
        {
            root = Path.GetDirectoryName(root)!;
        }

        var path = Path.Combine(root, "docs", "indicator-methodology.md");
        var expected = IndicatorMethodology.Markdown();
        if (Environment.GetEnvironmentVariable("NR_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, expected); // after changing the catalogue: NR_UPDATE_DOCS=1 dotnet test
        }

        Assert.True(File.Exists(path), "docs/indicator-methodology.md is missing; write IndicatorMethodology.Markdown() to it.");
        Assert.Equal(expected, File.ReadAllText(path).ReplaceLineEndings("\n"));
        Assert.All(IndicatorCatalogue.All, i => Assert.Contains($"## {i.Id}: {i.Title}", expected, StringComparison.Ordinal));
    }
}
