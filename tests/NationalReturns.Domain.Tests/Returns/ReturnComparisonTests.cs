using NationalReturns.Domain.Returns;

namespace NationalReturns.Domain.Tests.Returns;

public class ReturnComparisonTests
{
    [Fact]
    public void Compare_SameReturn_HasNoChanges()
    {
        Assert.Empty(ReturnComparison.Compare(SampleReturn.County().Read(), SampleReturn.County().Read()));
    }

    [Fact]
    public void Compare_ChangedAnswerRowAndFamily_ListsEachValueWithBeforeAndAfter()
    {
        var before = SampleReturn.County();
        var after = SampleReturn.County();
        after.Set("Care", "care.cla_end", 999);
        after.SetHousing(1, "hl.relief", CellValue.FromNumber(77));
        after.SetFamily(3, "fam.lead_service", CellValue.FromText("Police"));
        after.Draft.Rows("Families").RemoveAt(10);
        var removed = CellParsing.AsText(before.Draft.Rows("Families")[10][0]);

        var changes = ReturnComparison.Compare(before.Read(), after.Read());

        Assert.Contains(changes, c => c.Sheet == "Care" && c.Field.StartsWith("Children looked after", StringComparison.Ordinal) && c.After == "999"
                                      && c.Before == before.Figure("Care", "care.cla_end").ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(changes, c => c.Sheet == "Homelessness" && c.Record == "E07000106" && c.After == "77");
        Assert.Contains(changes, c => c.Sheet == "Families" && c.Field == "Lead practitioner's service" && c.After == "Police");
        Assert.Contains(changes, c => c.Sheet == "Families" && c.Record == removed && c.Field == "(whole row)" && c.After is null);
        Assert.Equal(4, changes.Count);
    }
}
