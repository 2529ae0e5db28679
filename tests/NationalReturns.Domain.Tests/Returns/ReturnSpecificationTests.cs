using NationalReturns.Domain.Returns;

namespace NationalReturns.Domain.Tests.Returns;

public class ReturnSpecificationTests
{
    private static readonly ReturnSpecification Spec = ReturnSpecifications.V2025_1;

    [Fact]
    public void Spec_2025_1_HasTheSevenSheetsInOrder()
    {
        Assert.Equal(["Cover", "Care", "Youth justice", "Homelessness", "Early help", "Families", "Notes"], Spec.Sheets.Select(s => s.Name));
    }

    [Fact]
    public void Spec_FieldKeysAndHeaders_AreUniqueWithinTheReturn()
    {
        var fields = Spec.Sheets.SelectMany(s => s.Fields).ToList();
        Assert.Equal(fields.Count, fields.Select(f => f.Key).Distinct().Count());
        foreach (var sheet in Spec.Sheets)
        {
            Assert.Equal(sheet.Fields.Count, sheet.Fields.Select(f => Normalise.Label(f.Header)).Distinct().Count());
        }
    }

    [Fact]
    public void Spec_CodedAndYesNoFields_HaveCodeLists()
    {
        Assert.All(Spec.Sheets.SelectMany(s => s.Fields).Where(f => f.Type is FieldType.Code or FieldType.YesNo), f => Assert.NotNull(f.Codes));
    }

    [Fact]
    public void Spec_Families_HasTenNeedsAndTheEightLeadServices()
    {
        var families = Spec.Sheet("Families");
        Assert.Equal(10, families.Fields.Count(f => f.Key.StartsWith("fam.need_", StringComparison.Ordinal)));
        Assert.Equal(8, families.Field("fam.lead_service").Codes!.Values.Count);
    }

    [Fact]
    public void Find_KnownVersionAnyCase_ReturnsIt()
    {
        Assert.Same(Spec, ReturnSpecifications.Find(" 2025.1 "));
        Assert.Null(ReturnSpecifications.Find("2019.1"));
        Assert.Null(ReturnSpecifications.Find(null));
    }

    [Fact]
    public void Derive_LaterVersionAddingAColumnAndRetiringARule_LeavesTheOlderVersionAlone()
    {
        var later = Spec.Derive("2026.1",
            sheets => sheets.Select(s => s.Name == "Families"
                ? s with { Fields = [.. s.Fields, new FieldSpec("fam.disability", "Disabled child", FieldType.YesNo) { Codes = ReturnSpecifications.YesNo }] }
                : s).ToList(),
            rules => rules.Where(r => r.Info.Code != "FAM-012").ToList());

        Assert.True(later.Sheet("Families").Has("fam.disability"));
        Assert.False(later.HasRule("FAM-012"));
        Assert.False(Spec.Sheet("Families").Has("fam.disability"));
        Assert.True(Spec.HasRule("FAM-012"));

        // A return made on the older template still reads and validates cleanly under its own version.
        var sample = SampleReturn.Unitary();
        Assert.Empty(sample.Validate());
        // Under the later version the same workbook lacks the new column.
        sample.Spec = later;
        Assert.Contains(sample.Validate(), i => i.Code == "STR-002" && i.Field == "Disabled child");
    }

    [Fact]
    public void Markdown_IsTheCommittedReturnsTemplateDocument()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "returns-template.md");
        var expected = ReturnSpecificationDocument.Markdown(Spec);
        if (Environment.GetEnvironmentVariable("NR_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, expected); // after changing the specification: NR_UPDATE_DOCS=1 dotnet test
        }

        Assert.True(File.Exists(path), "docs/returns-template.md is missing; write ReturnSpecificationDocument.Markdown(V2025_1) to it.");
        Assert.Equal(expected, File.ReadAllText(path).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Markdown_ListsEveryFieldAndRule()
    {
        var text = ReturnSpecificationDocument.Markdown(Spec);

        Assert.All(Spec.Sheets.SelectMany(s => s.Fields), f => Assert.Contains($"`{f.Key}`", text, StringComparison.Ordinal));
        Assert.All(Spec.Rules, r => Assert.Contains($"| {r.Info.Code} |", text, StringComparison.Ordinal));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "NationalReturns.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run the tests from inside the repository.");
    }
}
