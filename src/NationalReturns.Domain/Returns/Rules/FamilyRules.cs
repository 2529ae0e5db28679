using System.Globalization;

namespace NationalReturns.Domain.Returns.Rules;

/// <summary>Rules over each family's row and over the Families sheet as a whole.</summary>
public static class FamilyRules
{
    private const string Sheet = ReturnSpecifications.Families;

    /// <summary>Families need three or more of the outcome framework's needs to be eligible.</summary>
    public const int MinimumNeeds = 3;

    public const int LongRunningYears = 3;

    public static IReadOnlyList<ReturnRule> All { get; } =
    [
        new(new RuleInfo("FAM-001", Severity.Error, Sheet, "Family reference repeated", "Each family appears once: family references are unique within the return."), RuleScope.Return, DuplicateReferences),
        Row("FAM-002", Severity.Error, "Closed before started", "A family's closed date cannot be before its start date.", ClosedBeforeStart),
        Row("FAM-003", Severity.Error, "Started after the quarter", "A family on the return started on or before the last day of the quarter.", StartedAfterQuarter),
        Row("FAM-004", Severity.Error, "Closed before the quarter", "A family on the return was still open on the first day of the quarter: its closed date is blank or on or after that day.", ClosedBeforeQuarter),
        Row("FAM-005", Severity.Error, "Outcome before start", "A family's outcome cannot be achieved before the programme started working with it.", OutcomeBeforeStart),
        Row("FAM-006", Severity.Error, "Outcome after the quarter", "An outcome achieved date falls on or before the last day of the quarter.", OutcomeAfterQuarter),
        Row("FAM-007", Severity.Query, "Fewer than three needs", $"Families need {MinimumNeeds} or more of the ten headline needs to be eligible; fewer is queried.", FewNeeds),
        Row("FAM-008", Severity.Error, "No children and no expectant parent", "A family has at least one child or an expectant parent.", NoChildren),
        Row("FAM-009", Severity.Error, "Child entered care with no children", "A child cannot enter care from a family with no children.", row => ChildEventWithoutChildren(row, FieldKeys.Families.EnteredCare, "a child entered care")),
        Row("FAM-010", Severity.Error, "Child entered custody with no children", "A child cannot enter custody from a family with no children.", row => ChildEventWithoutChildren(row, FieldKeys.Families.EnteredCustody, "a child entered custody")),
        Row("FAM-011", Severity.Query, "Closed after the quarter", "The return describes each family at the end of the quarter; a closed date after the quarter is queried (leave it blank if the family was open then).", ClosedAfterQuarter),
        Row("FAM-012", Severity.Query, "Open for a long time", $"A family worked with for more than {LongRunningYears} years by the end of the quarter is queried.", LongRunning),
    ];

    /// <summary>A rule checked on each family's row on its own.</summary>
    private static ReturnRule Row(string code, Severity severity, string title, string description, Func<FamilyRow, (string Key, string Message)?> check) =>
        new(new RuleInfo(code, severity, Sheet, title, description), RuleScope.Return, run => EachRow(run, check));

    private static IEnumerable<ReturnIssue> EachRow(RuleRun run, Func<FamilyRow, (string Key, string Message)?> check)
    {
        if (run.Content.Table(Sheet) is not { } table || !table.Spec.Has(FieldKeys.Families.Start))
        {
            yield break;
        }

        var fields = new FamilyFields(table.Spec);
        foreach (var row in table.Rows)
        {
            var family = new FamilyRow(row, fields, run.Context.Period);
            if (check(family) is { } found)
            {
                var index = table.Spec.IndexOf(found.Key);
                yield return run.Issue(Sheet, table.Reference(row, index), table.Spec.Fields[index].Header, row[index].Display, $"Family {family.Reference}: {found.Message}");
            }
        }
    }

    private static IEnumerable<ReturnIssue> DuplicateReferences(RuleRun run)
    {
        if (run.Content.Table(Sheet) is not { } table)
        {
            yield break;
        }

        var index = table.Spec.IndexOf(FieldKeys.Families.Reference);
        var first = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in table.Rows)
        {
            var reference = CellParsing.AsText(row[index]);
            if (reference.Length == 0)
            {
                continue;
            }

            if (first.TryGetValue(reference, out var firstRow))
            {
                yield return run.Issue(Sheet, table.Reference(row, index), table.Spec.Fields[index].Header, reference,
                    $"Family reference {IssueText.Quote(reference)} is also on row {firstRow}. Each family has one row: remove the repeat, or correct the reference if these are different families.");
            }
            else
            {
                first[reference] = row.RowNumber;
            }
        }
    }

    private static (string, string)? ClosedBeforeStart(FamilyRow f) =>
        f.Start is { } start && f.Closed is { } closed && closed < start
            ? (FieldKeys.Families.Closed, $"closed on {D(closed)}, before it started on {D(start)}. Correct whichever date is wrong.")
            : null;

    private static (string, string)? StartedAfterQuarter(FamilyRow f) =>
        f.Start is { } start && start > f.Period.End
            ? (FieldKeys.Families.Start, $"started on {D(start)}, after the quarter ended on {D(f.Period.End)}. Families who started later belong on next quarter's return.")
            : null;

    private static (string, string)? ClosedBeforeQuarter(FamilyRow f) =>
        f.Closed is { } closed && closed < f.Period.Start && (f.Start is not { } start || start <= closed)
            ? (FieldKeys.Families.Closed, $"closed on {D(closed)}, before the quarter started on {D(f.Period.Start)}, so the programme did not work with it this quarter. Remove the row.")
            : null;

    private static (string, string)? OutcomeBeforeStart(FamilyRow f) =>
        f.Start is { } start && f.Outcome is { } outcome && outcome < start
            ? (FieldKeys.Families.OutcomeDate, $"outcome achieved on {D(outcome)}, before the family started on {D(start)}. Correct whichever date is wrong.")
            : null;

    private static (string, string)? OutcomeAfterQuarter(FamilyRow f) =>
        f.Outcome is { } outcome && outcome > f.Period.End
            ? (FieldKeys.Families.OutcomeDate, $"outcome achieved on {D(outcome)}, after the quarter ended on {D(f.Period.End)}. Record it on next quarter's return and leave it blank here.")
            : null;

    private static (string, string)? FewNeeds(FamilyRow f) =>
        f.NeedCount is { } needs && needs < MinimumNeeds
            ? (f.Fields.FirstNeed, $"has {needs} of the ten needs marked Y; families need {MinimumNeeds} or more to be eligible. Check the needs; if they are right, explain why the family is on the programme.")
            : null;

    private static (string, string)? NoChildren(FamilyRow f) =>
        f.Children == 0 && f.YesNo(FieldKeys.Families.Expectant) == false
            ? (FieldKeys.Families.Children, "has no children and no expectant parent. The programme works with families with children: check the number of children.")
            : null;

    private static (string, string)? ChildEventWithoutChildren(FamilyRow f, string key, string what) =>
        f.Children == 0 && f.YesNo(key) == true
            ? (key, $"{what}, but the number of children is 0. Correct the number of children or the Y.")
            : null;

    private static (string, string)? ClosedAfterQuarter(FamilyRow f) =>
        f.Closed is { } closed && closed > f.Period.End
            ? (FieldKeys.Families.Closed, $"closed on {D(closed)}, after the quarter ended on {D(f.Period.End)}. The return shows families as they were at the end of the quarter: leave the closed date blank, or explain.")
            : null;

    private static (string, string)? LongRunning(FamilyRow f) =>
        // Years are taken off the quarter's end, never added to a date from the upload: 31/12/9999 is a real placeholder.
        f.Start is { } start && start < f.Period.End.AddYears(-LongRunningYears) && (f.Closed is null || f.Closed >= f.Period.Start)
            ? (FieldKeys.Families.Start, $"started on {D(start)}, more than {LongRunningYears} years before the end of the quarter. Check the start date; if it is right, explain why the family is still open.")
            : null;

    private static string D(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>Field positions, looked up once per sheet rather than once per row.</summary>
    private sealed class FamilyFields(SheetSpec spec)
    {
        public SheetSpec Spec { get; } = spec;

        public int Reference { get; } = spec.IndexOf(FieldKeys.Families.Reference);

        public int Start { get; } = spec.IndexOf(FieldKeys.Families.Start);

        public int Closed { get; } = spec.IndexOf(FieldKeys.Families.Closed);

        public int Outcome { get; } = spec.IndexOf(FieldKeys.Families.OutcomeDate);

        public int Children { get; } = spec.IndexOf(FieldKeys.Families.Children);

        public int[] Needs { get; } = ReturnSpecifications.Needs.Where(n => spec.Has(n.Key)).Select(n => spec.IndexOf(n.Key)).ToArray();

        public string FirstNeed { get; } = ReturnSpecifications.Needs[0].Key;
    }

    /// <summary>A family's row read as typed values; a cell that fails its cell rule reads as null.</summary>
    private readonly struct FamilyRow(TableRow row, FamilyFields fields, Periods.ReturnPeriod period)
    {
        public FamilyFields Fields => fields;

        public Periods.ReturnPeriod Period => period;

        public string Reference => CellParsing.AsText(row[fields.Reference]) is { Length: > 0 } text ? IssueText.Quote(text) : $"on row {row.RowNumber}";

        public DateOnly? Start => Date(fields.Start);

        public DateOnly? Closed => Date(fields.Closed);

        public DateOnly? Outcome => Date(fields.Outcome);

        public long? Children => CellParsing.TryCount(row[fields.Children], out var value) && value >= 0 ? value : null;

        public int? NeedCount
        {
            get
            {
                var count = 0;
                foreach (var index in fields.Needs)
                {
                    if (!CellParsing.TryYesNo(row[index], out var yes))
                    {
                        return null;
                    }

                    count += yes ? 1 : 0;
                }

                return count;
            }
        }

        public bool? YesNo(string key) => CellParsing.TryYesNo(row[fields.Spec.IndexOf(key)], out var value) ? value : null;

        private DateOnly? Date(int index) => CellParsing.TryDate(row[index], out var date) ? date : null;
    }
}
