using NationalReturns.Domain.Areas;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Returns;
using NationalReturns.Domain.Returns.Demo;

namespace NationalReturns.Domain.Tests.Returns;

/// <summary>Clean returns for a unitary and a county, and a way to break them one rule at a time.</summary>
public sealed class SampleReturn
{
    public static readonly ReturnPeriod Period = new(2025, 2);
    public static readonly DateOnly Today = new(2025, 11, 3);

    public static readonly AuthorityProfile Blackpool = new("E06000009", "890", "Blackpool", AuthorityType.Unitary);

    public static readonly AuthorityProfile Kent = new("E10000016", "886", "Kent", AuthorityType.County)
    {
        Districts = [new("E07000105", "Ashford"), new("E07000106", "Canterbury"), new("E07000107", "Dartford"), new("E07000108", "Dover")],
    };

    public static readonly AreaDenominators BlackpoolDenominators = new(27_000, 12_500, 3_000, 63_000);

    private SampleReturn(AuthorityProfile authority, int families)
    {
        Authority = authority;
        Draft = DemoReturns.Generate(authority, Period, BlackpoolDenominators, familyCount: families);
        Context = new ReturnContext(Period, authority, Today);
    }

    public AuthorityProfile Authority { get; }

    public ReturnDraft Draft { get; }

    public ReturnContext Context { get; set; }

    /// <summary>Changes to make to the workbook as read, after the draft is laid out.</summary>
    public List<Action<DraftWorkbook>> WorkbookChanges { get; } = [];

    public ReturnSpecification Spec { get; set; } = ReturnSpecifications.V2025_1;

    public static SampleReturn Unitary(int families = 40) => new(Blackpool, families);

    public static SampleReturn County(int families = 40) => new(Kent, families);

    public SampleReturn Set(string sheet, string key, CellValue value)
    {
        Draft.Set(sheet, key, value);
        return this;
    }

    public SampleReturn Set(string sheet, string key, long value) => Set(sheet, key, CellValue.FromNumber(value));

    public SampleReturn SetFamily(int row, string key, CellValue value)
    {
        Draft.SetCell(ReturnSpecifications.Families, row, key, value);
        return this;
    }

    public SampleReturn SetHousing(int row, string key, CellValue value)
    {
        Draft.SetCell(ReturnSpecifications.Homelessness, row, key, value);
        return this;
    }

    public long Figure(string sheet, string key)
    {
        var cell = Draft.Get(sheet, key);
        return (long)cell.Number;
    }

    public ReturnContent Read()
    {
        var workbook = new DraftWorkbook(Draft);
        foreach (var change in WorkbookChanges)
        {
            change(workbook);
        }

        return ReturnReader.Read(Spec, workbook);
    }

    public IReadOnlyList<ReturnIssue> Validate() => ReturnValidator.Validate(Read(), Context);

    public IReadOnlyDictionary<string, long> Figures() => ReturnFigures.From(Read(), Period);
}
