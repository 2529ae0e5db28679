using NationalReturns.Domain.Returns;

namespace NationalReturns.Domain.Tests.Returns;

public class ReturnReaderTests
{
    /// <summary>The draft's workbook with every sheet's columns reversed and its headings shouted and spaced out.</summary>
    private sealed class Rearranged(DraftWorkbook inner) : WorkbookSource
    {
        public override IReadOnlyList<string> SheetNames => inner.SheetNames.Select(n => n.ToUpperInvariant()).ToList();

        public override IEnumerable<RawRow> Rows(string sheetName)
        {
            var original = inner.SheetNames.Single(n => string.Equals(n, sheetName, StringComparison.OrdinalIgnoreCase));
            foreach (var row in inner.Rows(original))
            {
                var cells = row.Cells
                    .Select(c => new RawCell(30 - c.Column, row.RowNumber == TemplateLayout.HeaderRow && c.Value.Kind == CellKind.Text
                        ? CellValue.FromText("  " + c.Value.Text!.ToUpperInvariant().Replace(" ", "   ", StringComparison.Ordinal) + " ")
                        : c.Value))
                    .OrderBy(c => c.Column)
                    .ToList();
                yield return row with { Cells = cells };
            }

            // Blank rows at the end, as a sheet formatted to the bottom leaves them.
            yield return new RawRow(100_000, [new RawCell(3, CellValue.FromText("   "))]);
        }

        public override IReadOnlyList<CellArea> MergedAreas(string sheetName) => [];
    }

    [Fact]
    public void Read_ColumnsReorderedHeadingsInOtherCaseAndSpacing_ReadsTheSameFigures()
    {
        var sample = SampleReturn.County();
        var plain = ReturnReader.Read(sample.Spec, new DraftWorkbook(sample.Draft));
        var rearranged = ReturnReader.Read(sample.Spec, new Rearranged(new DraftWorkbook(sample.Draft)));

        Assert.Empty(rearranged.ReadingIssues);
        Assert.Equal(plain.Figures(SampleReturn.Period), rearranged.Figures(SampleReturn.Period));
        Assert.Equal(plain.Table("Families")!.Rows.Count, rearranged.Table("Families")!.Rows.Count);
        Assert.Empty(ReturnValidator.Validate(rearranged, sample.Context));
    }

    [Fact]
    public void Read_CountyTotalRow_IsASummaryNotAHousingAuthority()
    {
        var sample = SampleReturn.County();
        var total = new CellValue[sample.Spec.Sheet("Homelessness").Fields.Count];
        total[0] = CellValue.FromText("total");
        sample.Draft.SummaryRows["Homelessness"] = [total];

        var content = sample.Read();

        Assert.Equal(4, content.Table("Homelessness")!.Rows.Count);
        Assert.Single(content.Table("Homelessness")!.SummaryRows);
    }

    [Theory]
    [InlineData("1,234", 1234)]
    [InlineData(" 56 ", 56)]
    [InlineData("0", 0)]
    public void Read_CountsWrittenAsText_AreReadAsNumbers(string text, long expected)
    {
        var sample = SampleReturn.Unitary().Set("Care", "care.cpp_end", CellValue.FromText(text));

        Assert.Equal(expected, sample.Figures()["care.cpp_end"]);
        Assert.DoesNotContain(sample.Validate(), i => i.Cell == "B14");
    }

    [Theory]
    [InlineData("2025-08-05")]
    [InlineData("05/08/2025")]
    [InlineData("5/8/2025")]
    public void Read_DatesWrittenAsText_AreReadAsDates(string text)
    {
        var sample = SampleReturn.Unitary().SetFamily(0, "fam.start", CellValue.FromText(text)).SetFamily(0, "fam.closed", CellValue.Blank);

        Assert.True(CellParsing.TryDate(sample.Read().Table("Families")!.Rows[0][1], out var date));
        Assert.Equal(new DateOnly(2025, 8, 5), date);
    }

    [Fact]
    public void Read_DateAsBareExcelSerialWithoutADateFormat_IsReadAsTheDate()
    {
        var serial = new DateOnly(2025, 8, 5).ToDateTime(TimeOnly.MinValue).ToOADate();
        var sample = SampleReturn.Unitary().SetFamily(0, "fam.start", CellValue.FromNumber(serial));

        Assert.True(CellParsing.TryDate(sample.Read().Table("Families")!.Rows[0][1], out var date));
        Assert.Equal(new DateOnly(2025, 8, 5), date);
    }

    [Theory]
    [InlineData("5th August 2025")]
    [InlineData("08/2025")]
    [InlineData("2025-13-01")]
    [InlineData("31/02/2025")]
    public void Parse_DatesInOddFormats_AreNotDates(string text)
    {
        Assert.False(CellParsing.TryDate(CellValue.FromText(text), out _));
    }

    [Fact]
    public void ReadTemplateVersion_WorkbookWithoutCover_IsNull()
    {
        var workbook = new DraftWorkbook(SampleReturn.Unitary().Draft).RemoveSheet("Cover");

        Assert.Null(ReturnReader.ReadTemplateVersion(workbook));
        Assert.Equal("2025.1", ReturnReader.ReadTemplateVersion(new DraftWorkbook(SampleReturn.Unitary().Draft)));
    }
}
