using NationalReturns.Domain.Returns;

namespace NationalReturns.Domain.Tests.Returns;

/// <summary>Stored issues stay in proportion to the file, and every cell with a problem is still counted.</summary>
public class IssueCondensingTests
{
    private static readonly ReturnSpecification Spec = ReturnSpecifications.V2025_1;

    private static ReturnIssue Issue(string code, int row, int column, string value = "x", string sheet = ReturnSpecifications.Families) =>
        new(code, Spec.Rule(code).Severity, sheet, CellReference.Format(row, column), "Start date", value, $"'{value}' is not a date this service can read.");

    [Fact]
    public void Condense_RunOfConsecutiveRowsInAColumn_BecomesOneRangeCountingEveryCell()
    {
        var issues = Enumerable.Range(5, 50).Select(r => Issue("VAL-005", r, 2, $"2025/04/{r:00}")).ToList();

        var condensed = IssueCondensing.Condense(issues, 10_000, Spec);

        var run = Assert.Single(condensed);
        Assert.Equal("B5:B54", run.Cell);
        Assert.Equal(50, run.Count);
        Assert.Equal("2025/04/05", run.Value);
        Assert.StartsWith("50 cells in a row, B5 to B54: Not a date.", run.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Condense_ShortRunOrScatteredRows_StayOneByOne()
    {
        var issues = Enumerable.Range(5, IssueCondensing.RunLength - 1).Select(r => Issue("VAL-005", r, 2))
            .Concat(Enumerable.Range(0, 20).Select(i => Issue("VAL-005", 100 + (i * 2), 2)))
            .ToList();

        var condensed = IssueCondensing.Condense(issues, 10_000, Spec);

        Assert.Equal(issues, condensed);
    }

    [Fact]
    public void Condense_FloodFarLargerThanTheFile_KeepsTheFirstOfEachRuleAndCountsTheRestExactly()
    {
        // Every other row, so no run forms: 100,000 issues from a file of 50 KB.
        var flood = Enumerable.Range(0, 100_000).Select(i => Issue("VAL-005", 5 + (i * 2), 2, "abc" + i)).ToList();
        var few = new[] { Issue("VAL-007", 7, 4), Issue("VAL-007", 9, 4), Issue("VAL-007", 11, 4) };
        var issues = flood.Concat(few).OrderBy(i => i.RowNumber).ThenBy(i => i.ColumnNumber).ToList();

        var condensed = IssueCondensing.Condense(issues, 50_000, Spec);

        Assert.True(IssueCondensing.Size(condensed) <= IssueCondensing.MinimumBudget, $"{IssueCondensing.Size(condensed):N0} bytes stored");
        Assert.Equal(100_000, condensed.Where(i => i.Code == "VAL-005").Sum(i => i.Count));
        Assert.Equal(3, condensed.Count(i => i.Code == "VAL-007"));
        var rest = Assert.Single(condensed, i => i.Code == "VAL-005" && i.Count > 1);
        Assert.Matches(@"^[\d,]+ more cells between B\d+ and B200003 have this problem \(Not a date\)", rest.Message);
        Assert.Equal(condensed.Count(i => i.Code == "VAL-005") - 1, condensed.Count(i => i.Code == "VAL-005" && i.Count == 1));
    }

    [Fact]
    public void Condense_NormalFeedback_IsLeftAlone()
    {
        var issues = new[] { Issue("VAL-005", 5, 2), Issue("VAL-007", 5, 4), Issue("FAM-003", 6, 2) };

        Assert.Equal(issues, IssueCondensing.Condense(issues, 30_000, Spec));
    }
}

/// <summary>The collector keeps a flood in bounded memory while it is found, counting every cell.</summary>
public class IssueCollectorTests
{
    private static readonly ReturnSpecification Spec = ReturnSpecifications.V2025_1;

    private static ReturnIssue Issue(string code, int row, int column) =>
        new(code, Spec.Rule(code).Severity, ReturnSpecifications.Families, CellReference.Format(row, column), "Start date", "x", "Not a date.");

    [Fact]
    public void Add_LongRunAndScatteredFlood_KeepsOneRangeAndTheFirstThousandWithTheRestCounted()
    {
        var collector = new IssueCollector(Spec);
        for (var row = 5; row < 50_005; row++)
        {
            collector.Add(Issue("VAL-005", row, 2));
        }

        for (var i = 0; i < 30_000; i++)
        {
            collector.Add(Issue("VAL-007", 5 + (2 * i), 4));
        }

        collector.Add(Issue("FAM-003", 9, 2));

        var issues = collector.ToList();

        var run = Assert.Single(issues, i => i.Code == "VAL-005");
        Assert.Equal(("B5:B50004", 50_000), (run.Cell, run.Count));
        Assert.Equal(IssueCollector.PerRule + 1, issues.Count(i => i.Code == "VAL-007"));
        Assert.Equal(30_000, issues.Where(i => i.Code == "VAL-007").Sum(i => i.Count));
        Assert.Contains(issues, i => i.Code == "VAL-007" && i.Count == 29_000 && i.Message.StartsWith("29,000 more cells between D2005 and D60003", StringComparison.Ordinal));
        Assert.Single(issues, i => i.Code == "FAM-003");
    }

    [Fact]
    public void Add_ShortRunsBrokenByOtherRows_StayOneByOne()
    {
        var collector = new IssueCollector(Spec);
        foreach (var row in new[] { 5, 6, 7, 9, 10 })
        {
            collector.Add(Issue("VAL-005", row, 2));
        }

        Assert.Equal(["B5", "B6", "B7", "B9", "B10"], collector.ToList().Select(i => i.Cell));
    }
}
