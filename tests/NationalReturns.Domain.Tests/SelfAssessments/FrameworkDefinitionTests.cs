using NationalReturns.Domain.SelfAssessments;

namespace NationalReturns.Domain.Tests.SelfAssessments;

public class FrameworkDefinitionTests
{
    private static readonly string[] EhsgLevelNames = ["Early", "Developing", "Maturing", "Mature"];
    private static readonly string[] DmmLevelNames = ["Beginning", "Emerging", "Learning", "Developing", "Mastering"];
    private static readonly string[] EhsgAreaCodes = ["family-voice", "workforce", "community", "leadership", "data"];
    private static readonly string[] DmmAreaCodes = ["leadership", "sharing", "quality", "systems", "analytics", "skills"];
    private static readonly int[] RanksOneToFour = [1, 2, 3, 4];

    private const string TwoLevels = """
        [{ "rank": 1, "name": "Low" }, { "rank": 2, "name": "High" }]
        """;

    private const string OneArea = """
        [{ "code": "one", "name": "One", "descriptors": [{ "code": "A1", "text": "First." }, { "code": "A2", "text": "Second." }] }]
        """;

    /// <summary>A small definition with the levels and areas given as JSON arrays.</summary>
    private static string Definition(string levels = TwoLevels, string areas = OneArea) => $$"""
        { "code": "test", "version": 1, "name": "Test", "levels": {{levels}}, "areas": {{areas}} }
        """;

    [Theory]
    [InlineData("ehsg-v1.json")]
    [InlineData("dmm-v1.json")]
    public void Read_CommittedDefinition_HasNoErrors(string fileName)
    {
        var reading = FrameworkDefinition.Read(TestFrameworks.DefinitionJson(fileName));

        Assert.Empty(reading.Errors);
        Assert.NotNull(reading.Framework);
    }

    [Fact]
    public void Read_Ehsg_HasFiveAreasAndFourNamedLevels()
    {
        var ehsg = TestFrameworks.Ehsg;

        Assert.Equal(Framework.EarlyHelp, ehsg.Code);
        Assert.Equal(1, ehsg.Version);
        Assert.Equal("area", ehsg.PartName);
        Assert.Equal("Area", ehsg.PartTitle);
        Assert.Equal(EhsgAreaCodes, ehsg.Areas.Select(a => a.Code));
        Assert.Equal(EhsgLevelNames, ehsg.Levels.Select(l => l.Name));
        Assert.Equal(RanksOneToFour, ehsg.Levels.Select(l => l.Rank));
        Assert.Equal(4, ehsg.Top);
        Assert.All(ehsg.Areas, a => Assert.InRange(a.Descriptors.Count, 4, 6));
        Assert.Equal(ehsg.Areas.Sum(a => a.Descriptors.Count), ehsg.DescriptorCount);
        Assert.Equal(25, ehsg.DescriptorCount); // 5 + 5 + 4 + 6 + 5
    }

    [Fact]
    public void Read_Dmm_HasSixDimensionsAndFiveLevelsBeginningToMastering()
    {
        var dmm = TestFrameworks.Dmm;

        Assert.Equal(Framework.DataMaturity, dmm.Code);
        Assert.Equal("dimension", dmm.PartName);
        Assert.Equal("Dimension", dmm.PartTitle);
        Assert.Equal(DmmAreaCodes, dmm.Areas.Select(a => a.Code));
        Assert.Equal(DmmLevelNames, dmm.Levels.Select(l => l.Name));
        Assert.Equal(5, dmm.Top);
    }

    [Theory]
    [InlineData("ehsg-v1.json")]
    [InlineData("dmm-v1.json")]
    public void Read_CommittedDefinition_AreaNamesFitASheetNameAndCodesAreUnique(string fileName)
    {
        var framework = FrameworkDefinition.Read(TestFrameworks.DefinitionJson(fileName)).Framework!;

        Assert.All(framework.Areas, a => Assert.InRange(a.Name.Length, 1, 31));
        Assert.Equal(framework.DescriptorCount, framework.Descriptors.Select(d => d.Code).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Read_SmallValidDefinition_DefaultsPartNameAndShortName()
    {
        var reading = FrameworkDefinition.Read(Definition());

        Assert.Empty(reading.Errors);
        var framework = reading.Framework!;
        Assert.Equal("area", framework.PartName);
        Assert.Equal("Test", framework.ShortName);
        Assert.Equal(2, framework.Top);
        Assert.Equal("A2", framework.Descriptor("a2")!.Code);
        Assert.Equal("one", framework.AreaOf("A2").Code);
    }

    [Fact]
    public void Read_NotJson_SaysSo()
    {
        var reading = FrameworkDefinition.Read("levels: Early, Mature");

        Assert.Null(reading.Framework);
        var error = Assert.Single(reading.Errors);
        Assert.StartsWith("The definition is not valid JSON", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LevelsOutOfOrder_SaysWhichLevelHasWhichRank()
    {
        var reading = FrameworkDefinition.Read(Definition(levels: """[{ "rank": 2, "name": "High" }, { "rank": 1, "name": "Low" }]"""));

        Assert.Null(reading.Framework);
        Assert.Contains("Level 1 has rank 2: levels must be listed from rank 1 upwards with no gaps.", reading.Errors);
        Assert.Contains("Level 2 has rank 1: levels must be listed from rank 1 upwards with no gaps.", reading.Errors);
    }

    [Fact]
    public void Read_LevelRankGap_IsAnError()
    {
        var reading = FrameworkDefinition.Read(Definition(levels: """[{ "rank": 1, "name": "Low" }, { "rank": 3, "name": "High" }]"""));

        Assert.Contains("Level 2 has rank 3: levels must be listed from rank 1 upwards with no gaps.", reading.Errors);
    }

    [Fact]
    public void Read_OneLevel_IsAnError()
    {
        var reading = FrameworkDefinition.Read(Definition(levels: """[{ "rank": 1, "name": "Only" }]"""));

        Assert.Contains($"There must be between 2 and {FrameworkDefinition.MaxLevels} levels; there are 1.", reading.Errors);
    }

    [Fact]
    public void Read_LevelNameUsedTwiceInAnyCase_IsAnError()
    {
        var reading = FrameworkDefinition.Read(Definition(levels: """[{ "rank": 1, "name": "Low" }, { "rank": 2, "name": "LOW" }]"""));

        Assert.Single(reading.Errors, e => e.Contains("is used more than once", StringComparison.Ordinal) && e.Contains("level name", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_DuplicateDescriptorCodeAcrossAreas_NamesTheCode()
    {
        var areas = """
            [
              { "code": "one", "name": "One", "descriptors": [{ "code": "A1", "text": "First." }] },
              { "code": "two", "name": "Two", "descriptors": [{ "code": "a1", "text": "Again." }] }
            ]
            """;

        var reading = FrameworkDefinition.Read(Definition(areas: areas));

        Assert.Null(reading.Framework);
        Assert.Equal(["The descriptor code \"a1\" is used more than once."], reading.Errors);
    }

    [Fact]
    public void Read_DuplicateDescriptorCodeDifferingOnlyBySpaces_IsAnError()
    {
        // The stored codes are trimmed, so " A1" and "A1" would both become A1 in the framework.
        var areas = """
            [{ "code": "one", "name": "One", "descriptors": [{ "code": "A1", "text": "First." }, { "code": " A1 ", "text": "Again." }] }]
            """;

        var reading = FrameworkDefinition.Read(Definition(areas: areas));

        Assert.Null(reading.Framework);
        Assert.Single(reading.Errors, e => e.Contains("is used more than once", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_AreaNameOver31Characters_SaysItCannotBeASheetName()
    {
        var longName = new string('x', 32);
        var areas = $$"""[{ "code": "one", "name": "{{longName}}", "descriptors": [{ "code": "A1", "text": "First." }] }]""";

        var reading = FrameworkDefinition.Read(Definition(areas: areas));

        Assert.Null(reading.Framework);
        var error = Assert.Single(reading.Errors);
        Assert.Contains(longName, error, StringComparison.Ordinal);
        Assert.Contains("longer than 31 characters", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AreaNameOf31Characters_IsAllowed()
    {
        var areas = $$"""[{ "code": "one", "name": "{{new string('x', 31)}}", "descriptors": [{ "code": "A1", "text": "First." }] }]""";

        Assert.Empty(FrameworkDefinition.Read(Definition(areas: areas)).Errors);
    }

    [Fact]
    public void Read_DescriptorCodeLongerThanItsColumn_IsAnErrorNotADatabaseFailure()
    {
        var code = new string('D', FrameworkDefinition.MaxCode + 1);
        var areas = $$"""[{ "code": "one", "name": "One", "descriptors": [{ "code": "{{code}}", "text": "First." }] }]""";

        var reading = FrameworkDefinition.Read(Definition(areas: areas));

        Assert.Null(reading.Framework);
        Assert.Equal([$"The descriptor code \"{code}\" is longer than 20 characters."], reading.Errors);
    }

    [Fact]
    public void Read_FrameworkCodeAndNameLongerThanTheirColumns_AreErrors()
    {
        var definition = $$"""
            { "code": "{{new string('a', 21)}}", "version": 1, "name": "{{new string('N', 201)}}", "levels": {{TwoLevels}}, "areas": {{OneArea}} }
            """;

        var reading = FrameworkDefinition.Read(definition);

        Assert.Null(reading.Framework);
        Assert.Equal(["\"code\" must be 20 characters or fewer.", "\"name\" must be 200 characters or fewer."], reading.Errors);
    }

    [Fact]
    public void Read_NoAreas_IsAnError()
    {
        var reading = FrameworkDefinition.Read(Definition(areas: "[]"));

        Assert.Null(reading.Framework);
        Assert.Equal(["There must be at least one area."], reading.Errors);
    }

    [Fact]
    public void Read_AreaWithoutDescriptors_NamesTheArea()
    {
        var reading = FrameworkDefinition.Read(Definition(areas: """[{ "code": "one", "name": "One", "descriptors": [] }]"""));

        Assert.Equal(["The area \"One\" has no descriptors."], reading.Errors);
    }

    [Fact]
    public void Read_UpperCaseCodeAndNoVersion_ReportsBoth()
    {
        var reading = FrameworkDefinition.Read($$"""{ "code": "EHSG", "name": "Test", "levels": {{TwoLevels}}, "areas": {{OneArea}} }""");

        Assert.Null(reading.Framework);
        Assert.Contains(reading.Errors, e => e.StartsWith("\"code\" must be given", StringComparison.Ordinal));
        Assert.Contains(reading.Errors, e => e.StartsWith("\"version\" must be", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_JsonNull_SaysTheDefinitionIsEmpty()
    {
        Assert.Equal(["The definition is empty."], FrameworkDefinition.Read("null").Errors);
    }

    [Theory]
    [InlineData("Early", 1)]
    [InlineData("early", 1)]
    [InlineData("DEVELOPING", 2)]
    [InlineData("  maturing ", 3)]
    [InlineData("Mature", 4)]
    [InlineData("1", 1)]
    [InlineData("4", 4)]
    [InlineData(" 2 ", 2)]
    public void LevelFrom_NameInAnyCaseOrRank_GivesTheRank(string text, int rank)
    {
        Assert.Equal(rank, TestFrameworks.Ehsg.LevelFrom(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("0")]
    [InlineData("5")]
    [InlineData("-1")]
    [InlineData("2.0")]
    [InlineData("Mastering")]
    [InlineData("Matur")]
    public void LevelFrom_NotANameOrRankOfTheFramework_IsNull(string? text)
    {
        Assert.Null(TestFrameworks.Ehsg.LevelFrom(text));
    }

    [Fact]
    public void LevelFrom_DmmDevelopingIsItsFourthLevel()
    {
        Assert.Equal(4, TestFrameworks.Dmm.LevelFrom("developing"));
        Assert.Equal(5, TestFrameworks.Dmm.LevelFrom("5"));
    }

    [Fact]
    public void LevelList_Ehsg_JoinsWithCommasAndOr()
    {
        Assert.Equal("Early, Developing, Maturing or Mature", TestFrameworks.Ehsg.LevelList);
        Assert.Equal("Beginning, Emerging, Learning, Developing or Mastering", TestFrameworks.Dmm.LevelList);
    }

    [Fact]
    public void LevelName_OutOfRange_IsEmpty()
    {
        Assert.Equal("Maturing", TestFrameworks.Ehsg.LevelName(3));
        Assert.Equal("", TestFrameworks.Ehsg.LevelName(0));
        Assert.Equal("", TestFrameworks.Ehsg.LevelName(5));
    }

    [Theory]
    [InlineData("2025-26", 2025)]
    [InlineData("2025", 2025)]
    [InlineData(" 2024-25 ", 2024)]
    [InlineData("2099-00", 2099)]
    public void TryParse_YearOrYearRange_Succeeds(string text, int startYear)
    {
        Assert.True(AssessmentYear.TryParse(text, out var year));
        Assert.Equal(new AssessmentYear(startYear), year);
    }

    [Theory]
    [InlineData("2025-27")]
    [InlineData("25-26")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("2025-2026")]
    [InlineData("2025-26-27")]
    [InlineData("1999")]
    public void TryParse_NotAnAssessmentYear_Fails(string? text)
    {
        Assert.False(AssessmentYear.TryParse(text, out var year));
        Assert.Equal(default, year);
    }

    [Fact]
    public void Containing_LastDayOfMarch_IsTheYearThatStartedTheAprilBefore()
    {
        Assert.Equal(new AssessmentYear(2025), AssessmentYear.Containing(new DateOnly(2026, 3, 31)));
    }

    [Fact]
    public void Containing_FirstOfApril_StartsANewYear()
    {
        Assert.Equal(new AssessmentYear(2026), AssessmentYear.Containing(new DateOnly(2026, 4, 1)));
    }

    [Fact]
    public void Label_StartYear_ShowsTheTwoDigitEndYear()
    {
        Assert.Equal("2025-26", new AssessmentYear(2025).Label);
        Assert.Equal("2009-10", new AssessmentYear(2009).Label);
        Assert.Equal("2099-00", new AssessmentYear(2099).Label);
        Assert.Equal("2025-26", new AssessmentYear(2025).ToString());
        Assert.Equal("2024-25", new AssessmentYear(2025).Previous.Label);
    }

    [Fact]
    public void CompareTo_EarlierYear_IsLess()
    {
        var earlier = new AssessmentYear(2024);
        var later = new AssessmentYear(2025);

        Assert.True(earlier < later);
        Assert.True(later >= earlier);
        Assert.True(earlier.CompareTo(later) < 0);
    }
}
