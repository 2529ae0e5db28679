using NationalReturns.Domain.Returns;

namespace NationalReturns.Domain.Tests.Returns;

/// <summary>
/// Every rule of template 2025.1 fires on a return broken in just the way it looks for, at the cell it
/// should point at; and a clean return raises none of them.
/// </summary>
public class RuleTests
{
    private const string Cover = ReturnSpecifications.Cover;
    private const string Care = ReturnSpecifications.Care;
    private const string YouthJustice = ReturnSpecifications.YouthJustice;
    private const string Homelessness = ReturnSpecifications.Homelessness;
    private const string EarlyHelp = ReturnSpecifications.EarlyHelp;
    private const string Families = ReturnSpecifications.Families;

    private static CellValue Text(string text) => CellValue.FromText(text);

    private static CellValue Date(int year, int month, int day) => CellValue.FromDate(new DateOnly(year, month, day));

    private static CellValue Number(double value) => CellValue.FromNumber(value);

    private static readonly CellValue Y = CellValue.FromText("Y");
    private static readonly CellValue N = CellValue.FromText("N");

    /// <summary>Each rule: how to break a clean return for it, and where the issue must point.</summary>
    private static readonly Dictionary<string, (Func<SampleReturn> Make, string Location)> Cases = new()
    {
        ["STR-001"] = (() => With(SampleReturn.Unitary(), s => s.WorkbookChanges.Add(w => w.RemoveSheet("Notes"))), "Notes"),
        ["STR-002"] = (() => With(SampleReturn.Unitary(), s => s.WorkbookChanges.Add(w => w.ReplaceText(Families, "Start date", null))), Families),
        ["STR-003"] = (() => With(SampleReturn.Unitary(), s => s.WorkbookChanges.Add(w => w.AddCell(Families, 4, 30, Text("start  DATE")))), "Families!AD4"),
        ["STR-004"] = (() => With(SampleReturn.Unitary(), s => s.WorkbookChanges.Add(w => w.Merge(Families, new CellArea(5, 1, 5, 2)))), "Families!A5"),
        ["STR-005"] = (() => SampleReturn.Unitary().SetFamily(0, "fam.children", CellValue.FromError("#REF!")), "Families!E5"),
        ["STR-006"] = (() => With(SampleReturn.Unitary(), s => s.Spec = SmallFamiliesSheet(10)), "Families!A15"),
        ["STR-007"] = (() => With(SampleReturn.Unitary(), s => s.WorkbookChanges.Add(w => w.ReplaceText(Care, "Measure", "Thing"))), Care),
        ["VAL-001"] = (() => SampleReturn.Unitary().Set(Cover, "cover.contact_name", CellValue.Blank), "Cover!B9"),
        ["VAL-002"] = (() => SampleReturn.Unitary().Set(Care, "care.starts", Text("twelve")), "Care!B5"),
        ["VAL-003"] = (() => SampleReturn.Unitary().Set(Care, "care.ceased", -3), "Care!B11"),
        ["VAL-004"] = (() => SampleReturn.Unitary().SetFamily(0, "fam.children", Number(25)), "Families!E5"),
        ["VAL-005"] = (() => SampleReturn.Unitary().SetFamily(0, "fam.start", Text("31/02/2025")), "Families!B5"),
        ["VAL-006"] = (() => SampleReturn.Unitary().SetFamily(0, "fam.outcome_date", Date(2026, 1, 5)), "Families!Q5"),
        ["VAL-007"] = (() => SampleReturn.Unitary().SetFamily(0, "fam.lead_service", Text("Social work")), "Families!D5"),
        ["VAL-008"] = (() => SampleReturn.Unitary().SetFamily(0, "fam.expectant", Text("Maybe")), "Families!F5"),
        ["VAL-009"] = (() => With(SampleReturn.Unitary(), s => s.Draft.Rows("Notes")[0][0] = Text(new string('a', 2001))), "Notes!A5"),
        ["VAL-010"] = (() => SampleReturn.Unitary().Set(Cover, "cover.contact_name", Text("Sam\u0007Patel")), "Cover!B9"),
        ["VAL-011"] = (() => SampleReturn.Unitary().Set(Cover, "cover.contact_email", Text("sam at the council")), "Cover!B10"),
        ["VAL-012"] = (() => SampleReturn.Unitary().Set(Cover, "cover.contact_phone", Text("call reception")), "Cover!B11"),
        ["VAL-013"] = (() => SampleReturn.Unitary().Set(EarlyHelp, "eh.keyworkers_fte", Text("about ten")), "Early help!B7"),
        ["VAL-014"] = (() => SampleReturn.Unitary().SetFamily(0, "fam.reference", Text("Smith family")), "Families!A5"),
        ["COV-001"] = (() => SampleReturn.Unitary().Set(Cover, "cover.template_version", Text("2024.9")), "Cover!B8"),
        ["COV-002"] = (() => SampleReturn.Unitary().Set(Cover, "cover.dfe_code", Text("999")), "Cover!B6"),
        ["COV-003"] = (() => SampleReturn.Unitary().Set(Cover, "cover.period", Text("2025-26 Q1")), "Cover!B7"),
        ["CARE-001"] = (() => With(SampleReturn.Unitary(), s => s.Set(Care, "care.starts_under_1", s.Figure(Care, "care.starts_under_1") + 1)), "Care!B5"),
        ["CARE-002"] = (() => WithPrevious(SampleReturn.Unitary(), s => new() { ["care.cla_end"] = s.Figure(Care, "care.cla_end") - s.Figure(Care, "care.starts") + s.Figure(Care, "care.ceased") + 60 }), "Care!B13"),
        ["CARE-003"] = (() => WithPrevious(With(SampleReturn.Unitary(), s => s.Set(Care, "care.ceased", s.Figure(Care, "care.starts") + 5)), _ => new() { ["care.cla_end"] = 0 }), "Care!B11"),
        ["CARE-004"] = (() => WithPrevious(SampleReturn.Unitary(), s => new() { ["care.cpp_end"] = (s.Figure(Care, "care.cpp_end") * 2) + 20 }), "Care!B14"),
        ["CARE-005"] = (() => WithNeighbours(SampleReturn.Unitary().Set(Care, "care.cla_end", 2_000), "care.cla_end", 150), "Care!B13"),
        ["CARE-006"] = (() => SampleReturn.Unitary().Set(Care, "care.cla_end", 0), "Care!B13"),
        ["YJ-001"] = (() => WithPrevious(SampleReturn.Unitary(), s => new() { ["yj.first_time_entrants"] = s.Figure(YouthJustice, "yj.first_time_entrants") + 50 }), "Youth justice!B5"),
        ["YJ-002"] = (() => WithNeighbours(SampleReturn.Unitary().Set(YouthJustice, "yj.first_time_entrants", 900), "yj.first_time_entrants", 12), "Youth justice!B5"),
        ["YJ-003"] = (() => WithPrevious(SampleReturn.Unitary().Set(YouthJustice, "yj.custodial_sentences", 3).Set(YouthJustice, "yj.in_custody_end", 0), _ => new() { ["yj.in_custody_end"] = 0 }), "Youth justice!B6"),
        ["HL-001"] = (() => With(SampleReturn.Unitary(), s => s.SetHousing(0, "hl.with_children", Number(HousingFigure(s, 0, "hl.prevention") + HousingFigure(s, 0, "hl.relief") + 1))), "Homelessness!E5"),
        ["HL-002"] = (() => With(SampleReturn.Unitary(), s => s.SetHousing(0, "hl.ta_children_end", Number(HousingFigure(s, 0, "hl.ta_end") + 1))), "Homelessness!G5"),
        ["HL-003"] = (() => With(SampleReturn.County(), s => s.Draft.Rows(Homelessness).RemoveAt(1)), Homelessness),
        ["HL-004"] = (() => SampleReturn.County().SetHousing(0, "hl.ons_code", Text("E07000999")), "Homelessness!B5"),
        ["HL-005"] = (() => With(SampleReturn.County(), s => s.Draft.SummaryRows[Homelessness] = [TotalRow(s, "hl.prevention", +1)]), "Homelessness!C9"),
        ["HL-006"] = (() => With(SampleReturn.Unitary(), s => s.SetHousing(0, "hl.aged_16_17", Number(HousingFigure(s, 0, "hl.prevention") + HousingFigure(s, 0, "hl.relief") + 1))), "Homelessness!H5"),
        ["HL-007"] = (() => WithPrevious(SampleReturn.Unitary(), s => new() { ["hl.prevention"] = HousingFigure(s, 0, "hl.prevention") + 100 }), "Homelessness!C5"),
        ["HL-008"] = (() => WithNeighbours(With(SampleReturn.Unitary(), s => s.SetHousing(0, "hl.ta_end", Number(5_000)).SetHousing(0, "hl.ta_children_end", Number(4_000))), "hl.ta_children_end", 250), "Homelessness!G5"),
        ["EH-001"] = (() => With(SampleReturn.Unitary(), s => s.Set(EarlyHelp, "eh.families_open_end", s.Figures()[ReturnFigures.FamiliesOpenAtEnd] + 500)), "Early help!B6"),
        ["EH-002"] = (() => SampleReturn.Unitary().Set(EarlyHelp, "eh.keyworkers_fte", Number(0)), "Early help!B7"),
        ["EH-003"] = (() => SampleReturn.Unitary().Set(EarlyHelp, "eh.keyworkers_fte", Number(0.1)), "Early help!B7"),
        ["EH-004"] = (() => WithPrevious(SampleReturn.Unitary(), s => new() { ["eh.assessments"] = s.Figure(EarlyHelp, "eh.assessments") + 100 }), "Early help!B5"),
        ["FAM-001"] = (() => With(SampleReturn.Unitary(), s => s.SetFamily(1, "fam.reference", s.Draft.Rows(Families)[0][0])), "Families!A6"),
        ["FAM-002"] = (() => SampleReturn.Unitary().SetFamily(0, "fam.start", Date(2025, 8, 1)).SetFamily(0, "fam.closed", Date(2025, 7, 15)), "Families!C5"),
        ["FAM-003"] = (() => SampleReturn.Unitary().SetFamily(0, "fam.start", Date(2025, 10, 15)).SetFamily(0, "fam.closed", CellValue.Blank).SetFamily(0, "fam.outcome_date", CellValue.Blank), "Families!B5"),
        ["FAM-004"] = (() => SampleReturn.Unitary().SetFamily(0, "fam.start", Date(2025, 1, 1)).SetFamily(0, "fam.closed", Date(2025, 5, 1)), "Families!C5"),
        ["FAM-005"] = (() => SampleReturn.Unitary().SetFamily(0, "fam.start", Date(2025, 8, 1)).SetFamily(0, "fam.outcome_date", Date(2025, 7, 20)), "Families!Q5"),
        ["FAM-006"] = (() => SampleReturn.Unitary().SetFamily(0, "fam.start", Date(2025, 7, 1)).SetFamily(0, "fam.outcome_date", Date(2025, 10, 20)), "Families!Q5"),
        ["FAM-007"] = (() => With(SampleReturn.Unitary(), s => SetNeeds(s, 0, 2)), "Families!G5"),
        ["FAM-008"] = (() => SampleReturn.Unitary().SetFamily(0, "fam.children", Number(0)).SetFamily(0, "fam.expectant", N), "Families!E5"),
        ["FAM-009"] = (() => SampleReturn.Unitary().SetFamily(0, "fam.children", Number(0)).SetFamily(0, "fam.expectant", Y).SetFamily(0, "fam.entered_care", Y), "Families!R5"),
        ["FAM-010"] = (() => SampleReturn.Unitary().SetFamily(0, "fam.children", Number(0)).SetFamily(0, "fam.expectant", Y).SetFamily(0, "fam.entered_custody", Y), "Families!S5"),
        ["FAM-011"] = (() => SampleReturn.Unitary().SetFamily(0, "fam.start", Date(2025, 7, 1)).SetFamily(0, "fam.closed", Date(2025, 10, 10)), "Families!C5"),
        ["FAM-012"] = (() => SampleReturn.Unitary().SetFamily(0, "fam.start", Date(2021, 1, 4)).SetFamily(0, "fam.closed", CellValue.Blank), "Families!B5"),
    };

    public static TheoryData<string> RuleCodes => new(Cases.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void Cases_CoverEveryRuleOfTheSpecification()
    {
        var specCodes = ReturnSpecifications.V2025_1.Rules.Select(r => r.Info.Code).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(specCodes, Cases.Keys.Order(StringComparer.Ordinal).ToList());
        Assert.True(specCodes.Count >= 40, $"The return needs at least 40 rules; it has {specCodes.Count}.");
    }

    [Theory]
    [MemberData(nameof(RuleCodes))]
    public void Validate_ReturnBrokenForRule_RaisesItAtTheCell(string code)
    {
        var (make, location) = Cases[code];
        var issues = make().Validate();

        var raised = issues.Where(i => i.Code == code).ToList();
        Assert.True(raised.Count > 0, $"{code} was not raised. Issues: {string.Join("; ", issues.Select(i => $"{i.Code} {i.Location}"))}");
        Assert.Contains(raised, i => i.Location == location);
        var rule = ReturnSpecifications.V2025_1.Rule(code);
        Assert.All(raised, i => Assert.Equal(rule.Severity, i.Severity));
        Assert.All(raised, i => Assert.False(string.IsNullOrWhiteSpace(i.Message)));
    }

    [Theory]
    [MemberData(nameof(RuleCodes))]
    public void Validate_CleanReturnWithTheSameContext_DoesNotRaiseIt(string code)
    {
        // The same context (last quarter, neighbours) as the broken case, on an unbroken return.
        var broken = Cases[code].Make();
        var clean = broken.Authority == SampleReturn.Kent ? SampleReturn.County() : SampleReturn.Unitary();
        clean.Context = broken.Context with { PreviousFigures = broken.Context.PreviousFigures is null ? null : clean.Figures() };
        if (broken.Context.Neighbours.Count > 0)
        {
            clean = WithNeighbours(clean, null, 0);
        }

        Assert.DoesNotContain(clean.Validate(), i => i.Code == code);
    }

    [Fact]
    public void Validate_DemoReturnsForUnitaryAndCounty_HaveNoIssues()
    {
        Assert.Empty(SampleReturn.Unitary().Validate());
        Assert.Empty(SampleReturn.County().Validate());
    }

    [Fact]
    public void Validate_ManyBrokenRows_CountsEveryCellWithoutCap()
    {
        var sample = SampleReturn.Unitary(families: 600);
        for (var row = 0; row < 600; row += 2)
        {
            sample.SetFamily(row, "fam.lead_service", Text("Unknown service"));
            sample.SetFamily(row + 1, "fam.lead_service", Text("Another unknown"));
        }

        var issues = sample.Validate().Where(i => i.Code == "VAL-007").ToList();

        // Consecutive rows read better as one range: every cell is still counted.
        Assert.Equal(600, issues.Sum(i => i.Count));
        Assert.Equal("D5:D604", Assert.Single(issues).Cell);
    }

    [Fact]
    public void Validate_CareAgeBandsWrong_PointsAtTheBandsToo()
    {
        var sample = SampleReturn.Unitary();
        sample.Set(Care, "care.starts_16_17", sample.Figure(Care, "care.starts_16_17") + 2);

        var issue = Assert.Single(sample.Validate(), i => i.Code == "CARE-001");

        Assert.Equal(["B6", "B7", "B8", "B9", "B10"], issue.OtherCells);
        Assert.Contains("add up to", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ChangeSinceLastQuarter_ShowsBothFigures()
    {
        var sample = SampleReturn.Unitary().Set(EarlyHelp, "eh.assessments", 150);
        sample.Context = sample.Context with { PreviousFigures = new Dictionary<string, long> { ["eh.assessments"] = 100 } };

        var issue = Assert.Single(sample.Validate(), i => i.Code == "EH-004");

        Assert.Contains("150 this quarter against 100 last quarter", issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100, 111, true)]   // +11 but only +11%
    [InlineData(40, 50, true)]     // +25%, but only +10
    [InlineData(20, 40, false)]    // +20 and +100%
    [InlineData(100, 126, false)]  // +26 and +26%
    [InlineData(126, 100, true)]   // -26 but only -21%
    [InlineData(100, 70, false)]   // -30 and -30%

    public void Validate_ChangeSinceLastQuarter_NeedsBothLargeProportionAndLargeNumber(long before, long now, bool quiet)
    {
        var sample = SampleReturn.Unitary().Set(EarlyHelp, "eh.assessments", now);
        sample.Context = sample.Context with { PreviousFigures = new Dictionary<string, long> { ["eh.assessments"] = before } };

        Assert.Equal(quiet, !sample.Validate().Any(i => i.Code == "EH-004"));
    }

    [Fact]
    public void Validate_CountyTotalsRightfully_RaisesNoTotalIssue()
    {
        var sample = SampleReturn.County();
        sample.Draft.SummaryRows[Homelessness] = [TotalRow(sample, "hl.prevention", 0)];

        Assert.DoesNotContain(sample.Validate(), i => i.Code == "HL-005");
        Assert.Equal(sample.Draft.Rows(Homelessness).Sum(r => (long)r[2].Number), sample.Figures()["hl.prevention"]);
    }

    private static SampleReturn With(SampleReturn sample, Action<SampleReturn> change)
    {
        change(sample);
        return sample;
    }

    private static SampleReturn WithPrevious(SampleReturn sample, Func<SampleReturn, Dictionary<string, long>> previous)
    {
        sample.Context = sample.Context with { PreviousFigures = previous(sample) };
        return sample;
    }

    /// <summary>Six neighbours with rates spread a little around a typical level, and the area's own denominators.</summary>
    private static SampleReturn WithNeighbours(SampleReturn sample, string? key, long typical)
    {
        var keys = new[] { "care.cla_end", "care.cpp_end", "yj.first_time_entrants", "hl.ta_children_end", "hl.prevention" };
        var own = sample.Figures();
        var neighbours = Enumerable.Range(0, 6).Select(i => new NeighbourFigures($"E0600009{i}",
            keys.ToDictionary(k => k, k => k == key ? typical + (i * typical / 20) : own.GetValueOrDefault(k) + i - 3),
            SampleReturn.BlackpoolDenominators)).ToList();
        sample.Context = sample.Context with { Denominators = SampleReturn.BlackpoolDenominators, Neighbours = neighbours };
        return sample;
    }

    private static long HousingFigure(SampleReturn sample, int row, string key) =>
        (long)sample.Draft.Rows(Homelessness)[row][sample.Spec.Sheet(Homelessness).IndexOf(key)].Number;

    private static CellValue[] TotalRow(SampleReturn sample, string key, long offset)
    {
        var sheet = sample.Spec.Sheet(Homelessness);
        var row = new CellValue[sheet.Fields.Count];
        row[0] = Text("Total");
        row[sheet.IndexOf(key)] = Number(sample.Draft.Rows(Homelessness).Sum(r => (long)r[sheet.IndexOf(key)].Number) + offset);
        return row;
    }

    private static void SetNeeds(SampleReturn sample, int row, int count)
    {
        for (var i = 0; i < ReturnSpecifications.Needs.Count; i++)
        {
            sample.SetFamily(row, ReturnSpecifications.Needs[i].Key, i < count ? Y : N);
        }
    }

    private static ReturnSpecification SmallFamiliesSheet(int maxRows) =>
        ReturnSpecifications.V2025_1.Derive("2025.1", sheets: sheets => sheets.Select(s => s.Name == Families ? s with { MaxRows = maxRows } : s).ToList());
}
