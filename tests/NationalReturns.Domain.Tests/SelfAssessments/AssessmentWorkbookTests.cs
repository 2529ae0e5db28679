using NationalReturns.Domain.Returns;
using NationalReturns.Domain.SelfAssessments;

namespace NationalReturns.Domain.Tests.SelfAssessments;

public class AssessmentWorkbookTests
{
    private const string Blackpool = "E06000009";
    private static readonly AssessmentYear Year = new(2025);

    private static Framework Ehsg => TestFrameworks.Ehsg;

    /// <summary>A workbook held as lists of rows, one list per sheet, in the order the sheets were added.</summary>
    private sealed class InMemoryWorkbook : WorkbookSource
    {
        private readonly List<(string Name, List<RawRow> Rows)> _sheets = [];

        public override IReadOnlyList<string> SheetNames => _sheets.Select(s => s.Name).ToList();

        public List<RawRow> Sheet(string name) => _sheets.Single(s => s.Name == name).Rows;

        public InMemoryWorkbook Add(string name, List<RawRow> rows)
        {
            _sheets.Add((name, rows));
            return this;
        }

        public InMemoryWorkbook Remove(string name)
        {
            _sheets.RemoveAll(s => s.Name == name);
            return this;
        }

        public override IEnumerable<RawRow> Rows(string sheetName) => _sheets.Single(s => s.Name == sheetName).Rows;

        public override IReadOnlyList<CellArea> MergedAreas(string sheetName) => [];
    }

    private static RawRow Row(int number, params (int Column, CellValue Value)[] cells) =>
        new(number, cells.Where(c => !c.Value.IsBlank).Select(c => new RawCell(c.Column, c.Value)).ToList());

    private static CellValue Text(string? text) => CellValue.FromText(text);

    private static RawRow DescriptorRow(int number, string code, CellValue level, string? evidence, CellValue target, string? actions) =>
        Row(number,
            (AssessmentWorkbook.CodeColumn, Text(code)),
            (2, Text("The descriptor's text.")),
            (AssessmentWorkbook.LevelColumn, level),
            (AssessmentWorkbook.EvidenceColumn, Text(evidence)),
            (AssessmentWorkbook.TargetColumn, target),
            (AssessmentWorkbook.ActionsColumn, Text(actions)));

    private static List<RawRow> AboutRows(string authority = Blackpool, string framework = "ehsg", CellValue? version = null, string year = "2025-26") =>
    [
        Row(1, (1, Text("Early Help System Guide self-assessment"))),
        Row(3, (1, Text(AssessmentWorkbook.AuthorityLabel)), (2, Text(authority))),
        Row(4, (1, Text(AssessmentWorkbook.FrameworkLabel)), (2, Text(framework))),
        Row(5, (1, Text(AssessmentWorkbook.VersionLabel)), (2, version ?? CellValue.FromNumber(1))),
        Row(6, (1, Text(AssessmentWorkbook.YearLabel)), (2, Text(year))),
    ];

    /// <summary>
    /// The expected answers: descriptor i (0-based, framework order) at level 1 + i % 4, target one up where
    /// there is room; even i write the level by name (in lower case for every fourth), odd i by number.
    /// </summary>
    private static List<RatingAnswer> Expected() =>
        Ehsg.Descriptors.Select((d, i) =>
        {
            var level = 1 + (i % 4);
            var target = Math.Min(4, level + 1);
            return new RatingAnswer(d.Code, level, $"Evidence for {d.Code} from the partnership review.", target, target > level ? $"Actions for {d.Code}." : null);
        }).ToList();

    private static CellValue LevelCell(int level, int i) => (i % 4) switch
    {
        0 => Text(Ehsg.LevelName(level).ToLowerInvariant()),
        2 => Text(" " + Ehsg.LevelName(level) + " "),
        _ => CellValue.FromNumber(level),
    };

    private static InMemoryWorkbook FullWorkbook()
    {
        var workbook = new InMemoryWorkbook().Add(AssessmentWorkbook.AboutSheet, AboutRows());
        var expected = Expected();
        var i = 0;
        foreach (var area in Ehsg.Areas)
        {
            List<RawRow> rows =
            [
                Row(1, (1, Text(area.Name))),
                Row(AssessmentWorkbook.HeaderRow, AssessmentWorkbook.Headings.Select((h, c) => (c + 1, Text(h))).ToArray()),
            ];
            var rowNumber = AssessmentWorkbook.HeaderRow + 1;
            foreach (var descriptor in area.Descriptors)
            {
                var answer = expected[i];
                rows.Add(DescriptorRow(rowNumber++, descriptor.Code, LevelCell(answer.Level!.Value, i), answer.Evidence, LevelCell(answer.TargetLevel!.Value, i + 1), answer.PlannedActions));
                i++;
            }

            workbook.Add(area.Name, rows);
        }

        return workbook;
    }

    [Fact]
    public void Read_FullCorrectWorkbook_ReadsEveryAnswerByNameAndByNumber()
    {
        var reading = AssessmentWorkbook.Read(FullWorkbook(), Ehsg);

        Assert.Empty(reading.Errors);
        Assert.Equal(Expected(), reading.Answers);
        Assert.Equal(Ehsg.DescriptorCount, reading.Answers.Count);
        Assert.Empty(AnswerRules.CheckComplete(Ehsg, reading.Answers.ToList()));
    }

    [Fact]
    public void Read_SheetNamesInOtherCaseAndSpaced_StillFound()
    {
        var workbook = FullWorkbook();
        var rows = workbook.Sheet("Data");
        workbook.Remove("Data").Add(" DATA ", rows);

        var reading = AssessmentWorkbook.Read(workbook, Ehsg);

        Assert.Empty(reading.Errors);
        Assert.Equal(Ehsg.DescriptorCount, reading.Answers.Count);
    }

    [Fact]
    public void Read_RowsSortedAndCodesInLowerCase_ReadsTheSameAnswers()
    {
        var workbook = FullWorkbook();
        var rows = workbook.Sheet("Leadership");
        var reordered = rows.Where(r => r.RowNumber <= AssessmentWorkbook.HeaderRow)
            .Concat(rows.Where(r => r.RowNumber > AssessmentWorkbook.HeaderRow).Reverse()
                .Select((r, i) => new RawRow(AssessmentWorkbook.HeaderRow + 2 + i,
                    r.Cells.Select(c => c.Column == AssessmentWorkbook.CodeColumn ? new RawCell(c.Column, Text(c.Value.Text!.ToLowerInvariant())) : c).ToList())))
            .ToList();
        workbook.Remove("Leadership").Add("Leadership", reordered);

        var reading = AssessmentWorkbook.Read(workbook, Ehsg);

        Assert.Empty(reading.Errors);
        Assert.Equal(Expected().OrderBy(a => a.DescriptorCode, StringComparer.Ordinal), reading.Answers.OrderBy(a => a.DescriptorCode, StringComparer.Ordinal));
    }

    [Fact]
    public void Read_BlankLevelsAndText_AreNullAnswersWithoutErrors()
    {
        var workbook = FullWorkbook();
        var rows = workbook.Sheet("Community");
        rows[2] = DescriptorRow(rows[2].RowNumber, "CM1", CellValue.Blank, "  ", Text(" "), null);

        var reading = AssessmentWorkbook.Read(workbook, Ehsg);

        Assert.Empty(reading.Errors);
        Assert.Equal(new RatingAnswer("CM1", null, null, null, null), reading.Answers.Single(a => a.DescriptorCode == "CM1"));
    }

    [Fact]
    public void Read_UnknownLevelText_NamesSheetRowAndAllowedLevels()
    {
        var workbook = FullWorkbook();
        var rows = workbook.Sheet("Workforce");
        var row = rows[3]; // WF2, on row 5
        rows[3] = DescriptorRow(row.RowNumber, "WF2", Text("Excellent"), "Evidence.", CellValue.FromNumber(4), "Act.");

        var reading = AssessmentWorkbook.Read(workbook, Ehsg);

        var error = Assert.Single(reading.Errors);
        Assert.Equal("Workforce, row 5: the level now \"Excellent\" is not one of Early, Developing, Maturing or Mature.", error);
        var answer = reading.Answers.Single(a => a.DescriptorCode == "WF2");
        Assert.Null(answer.Level);
        Assert.Equal(4, answer.TargetLevel);
    }

    [Fact]
    public void Read_TargetNumberOffTheScale_IsAnErrorForTheTarget()
    {
        var workbook = FullWorkbook();
        var rows = workbook.Sheet("Workforce");
        rows[3] = DescriptorRow(rows[3].RowNumber, "WF2", Text("Early"), "Evidence.", CellValue.FromNumber(5), "Act.");

        var error = Assert.Single(AssessmentWorkbook.Read(workbook, Ehsg).Errors);

        Assert.Contains("row 5: the target level \"5\" is not one of", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingSheet_IsReportedByName()
    {
        var reading = AssessmentWorkbook.Read(FullWorkbook().Remove("Leadership"), Ehsg);

        var error = Assert.Single(reading.Errors);
        Assert.StartsWith("The sheet \"Leadership\" is missing.", error, StringComparison.Ordinal);
        Assert.Contains("Every area has its own sheet", error, StringComparison.Ordinal);
        Assert.DoesNotContain(reading.Answers, a => a.DescriptorCode.StartsWith("LD", StringComparison.Ordinal));
        Assert.Equal(Ehsg.DescriptorCount - 6, reading.Answers.Count);
    }

    [Fact]
    public void Read_MissingDescriptorRow_IsReported()
    {
        var workbook = FullWorkbook();
        workbook.Sheet("Data").RemoveAll(r => r.Cells.Any(c => c.Value.Text == "DT3"));

        var reading = AssessmentWorkbook.Read(workbook, Ehsg);

        Assert.Equal("Data: the row for DT3 is missing.", Assert.Single(reading.Errors));
    }

    [Fact]
    public void Read_UnknownCodeRow_IsReportedWithItsRow()
    {
        var workbook = FullWorkbook();
        workbook.Sheet("Data").Add(DescriptorRow(20, "ZZ9", Text("Early"), "Evidence.", Text("Early"), null));

        var reading = AssessmentWorkbook.Read(workbook, Ehsg);

        Assert.Equal("Data, row 20: \"ZZ9\" is not a descriptor of Data.", Assert.Single(reading.Errors));
        Assert.DoesNotContain(reading.Answers, a => a.DescriptorCode == "ZZ9");
    }

    [Fact]
    public void Read_DescriptorOfAnotherAreaOnTheWrongSheet_IsReported()
    {
        var workbook = FullWorkbook();
        workbook.Sheet("Data").Add(DescriptorRow(21, "FV1", Text("Early"), "Evidence.", Text("Early"), null));

        var error = Assert.Single(AssessmentWorkbook.Read(workbook, Ehsg).Errors);

        Assert.Equal("Data, row 21: \"FV1\" is not a descriptor of Data.", error);
    }

    [Fact]
    public void Read_DescriptorRowTwice_IsReportedAndTheFirstKept()
    {
        var workbook = FullWorkbook();
        workbook.Sheet("Data").Add(DescriptorRow(22, "dt1", Text("Mature"), "Other evidence.", Text("Mature"), null));

        var reading = AssessmentWorkbook.Read(workbook, Ehsg);

        Assert.Equal("Data, row 22: DT1 appears more than once.", Assert.Single(reading.Errors));
        Assert.Equal(Expected().Single(a => a.DescriptorCode == "DT1"), reading.Answers.Single(a => a.DescriptorCode == "DT1"));
    }

    [Fact]
    public void Read_NotesAboveTheHeaderRow_AreIgnored()
    {
        var workbook = FullWorkbook();
        workbook.Sheet("Data").Insert(1, Row(2, (AssessmentWorkbook.CodeColumn, Text("Notes: answer every row"))));

        Assert.Empty(AssessmentWorkbook.Read(workbook, Ehsg).Errors);
    }

    [Fact]
    public void About_AboutSheet_GivesLabelValuePairs()
    {
        var about = AssessmentWorkbook.About(FullWorkbook());

        Assert.Equal(Blackpool, about[AssessmentWorkbook.AuthorityLabel]);
        Assert.Equal("ehsg", about["framework"]);
        Assert.Equal("1", about[AssessmentWorkbook.VersionLabel]);
        Assert.Equal("2025-26", about[AssessmentWorkbook.YearLabel]);
    }

    [Fact]
    public void Mismatch_RightAboutSheet_IsNull()
    {
        Assert.Null(AssessmentWorkbook.Mismatch(AssessmentWorkbook.About(FullWorkbook()), Ehsg, Blackpool, Year));
    }

    [Fact]
    public void Mismatch_VersionAsText_IsStillRight()
    {
        var workbook = new InMemoryWorkbook().Add(AssessmentWorkbook.AboutSheet, AboutRows(version: Text("1")));

        Assert.Null(AssessmentWorkbook.Mismatch(AssessmentWorkbook.About(workbook), Ehsg, "e06000009", Year));
    }

    [Fact]
    public void Mismatch_OtherFramework_NamesIt()
    {
        var message = MismatchFor(AboutRows(framework: "dmm"));

        Assert.Equal("This workbook is for the framework \"dmm\", not the Early Help System Guide. Upload it on that framework's page, or download this framework's template.", message);
    }

    [Fact]
    public void Mismatch_OtherVersion_NamesBothVersions()
    {
        var message = MismatchFor(AboutRows(version: CellValue.FromNumber(2)));

        Assert.StartsWith("This workbook is for version 2 of the Early Help System Guide; 2025-26 uses version 1.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mismatch_OtherAuthority_NamesBoth()
    {
        var message = MismatchFor(AboutRows(authority: "E08000001"));

        Assert.Equal("This workbook is for authority E08000001, not E06000009. Upload your own authority's workbook.", message);
    }

    [Fact]
    public void Mismatch_OtherYear_NamesBothYears()
    {
        var message = MismatchFor(AboutRows(year: "2024-25"));

        Assert.StartsWith("This workbook is for 2024-25, not 2025-26.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mismatch_NoAboutSheet_SaysItIsNotATemplate()
    {
        var workbook = FullWorkbook().Remove(AssessmentWorkbook.AboutSheet);

        var message = AssessmentWorkbook.Mismatch(AssessmentWorkbook.About(workbook), Ehsg, Blackpool, Year);

        Assert.NotNull(message);
        Assert.StartsWith("This workbook is not a self-assessment template: it has no About sheet naming the framework.", message, StringComparison.Ordinal);
        Assert.Contains("Early Help System Guide template for 2025-26", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mismatch_AboutSheetWithoutFrameworkRow_SaysItIsNotATemplate()
    {
        var rows = AboutRows();
        rows.RemoveAll(r => r.Cells.Any(c => c.Value.Text == AssessmentWorkbook.FrameworkLabel));

        Assert.StartsWith("This workbook is not a self-assessment template", MismatchFor(rows), StringComparison.Ordinal);
    }

    [Fact]
    public void Headings_MatchTheColumnConstants()
    {
        Assert.Equal("Code", AssessmentWorkbook.Headings[AssessmentWorkbook.CodeColumn - 1]);
        Assert.Equal("Level now", AssessmentWorkbook.Headings[AssessmentWorkbook.LevelColumn - 1]);
        Assert.Equal("Evidence", AssessmentWorkbook.Headings[AssessmentWorkbook.EvidenceColumn - 1]);
        Assert.Equal("Target level next year", AssessmentWorkbook.Headings[AssessmentWorkbook.TargetColumn - 1]);
        Assert.Equal("Planned actions", AssessmentWorkbook.Headings[AssessmentWorkbook.ActionsColumn - 1]);
    }

    private static string? MismatchFor(List<RawRow> aboutRows)
    {
        var workbook = new InMemoryWorkbook().Add(AssessmentWorkbook.AboutSheet, aboutRows);
        return AssessmentWorkbook.Mismatch(AssessmentWorkbook.About(workbook), Ehsg, Blackpool, Year);
    }
}
