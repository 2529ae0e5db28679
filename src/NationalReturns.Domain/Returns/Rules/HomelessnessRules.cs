using System.Globalization;

namespace NationalReturns.Domain.Returns.Rules;

/// <summary>
/// Homelessness is reported by housing authorities. A county is not one, so its template has a row per
/// district council and the county's figure is their sum.
/// </summary>
public static class HomelessnessRules
{
    private const string Sheet = ReturnSpecifications.Homelessness;

    public static IReadOnlyList<ReturnRule> All { get; } =
    [
        new(new RuleInfo("HL-001", Severity.Error, Sheet, "Households with children within those owed a duty",
            "Households with dependent children owed a duty cannot outnumber all households owed a prevention or relief duty."), RuleScope.Return, run => PartNotMoreThanWhole(run, FieldKeys.Homelessness.WithChildren, [FieldKeys.Homelessness.Prevention, FieldKeys.Homelessness.Relief])),
        new(new RuleInfo("HL-002", Severity.Error, Sheet, "Temporary accommodation with children within all",
            "Households with children in temporary accommodation cannot outnumber all households in temporary accommodation."), RuleScope.Return, run => PartNotMoreThanWhole(run, FieldKeys.Homelessness.TaChildrenEnd, [FieldKeys.Homelessness.TaEnd])),
        new(new RuleInfo("HL-003", Severity.Error, Sheet, "Housing authority row missing",
            "Every housing authority has its row: a county's every district council, otherwise the authority itself."), RuleScope.Return, MissingRows),
        new(new RuleInfo("HL-004", Severity.Error, Sheet, "Row for another housing authority",
            "A row may only be for one of the authority's own housing authorities, once."), RuleScope.Return, UnexpectedRows),
        new(new RuleInfo("HL-005", Severity.Error, Sheet, "Total is the sum of the rows",
            "Where the sheet has a Total row, each of its figures must be the sum of the housing authorities' figures."), RuleScope.Return, Totals),
        new(new RuleInfo("HL-006", Severity.Query, Sheet, "16 and 17 year olds within those owed a duty",
            "16 and 17 year olds owed a duty are applicants owed a prevention or relief duty; more of them than households owed a duty is queried."), RuleScope.Return, run => PartNotMoreThanWhole(run, FieldKeys.Homelessness.Aged1617, [FieldKeys.Homelessness.Prevention, FieldKeys.Homelessness.Relief])),
        ComparisonRules.ChangeSinceLastQuarter("HL-007", Sheet),
        ComparisonRules.FarFromNeighbours("HL-008", Sheet,
        [
            (FieldKeys.Homelessness.TaChildrenEnd, Denominator.Households, 1_000),
            (FieldKeys.Homelessness.Prevention, Denominator.Households, 1_000),
        ]),
    ];

    private static IEnumerable<ReturnIssue> PartNotMoreThanWhole(RuleRun run, string part, string[] whole)
    {
        if (run.Content.Table(Sheet) is not { } table || !whole.Append(part).All(k => table.Found(table.Spec.IndexOf(k))))
        {
            yield break;
        }

        var partField = table.Spec.Field(part);
        var partIndex = table.Spec.IndexOf(part);
        var wholeIndexes = whole.Select(table.Spec.IndexOf).ToArray();
        foreach (var row in table.Rows)
        {
            if (!TryCount(row[partIndex], out var partValue))
            {
                continue;
            }

            long wholeValue = 0;
            var valid = true;
            foreach (var index in wholeIndexes)
            {
                valid &= TryCount(row[index], out var value);
                wholeValue += value;
            }

            if (valid && partValue > wholeValue)
            {
                var names = string.Join(" plus ", whole.Select(k => table.Spec.Field(k).Header.ToLowerInvariant()));
                yield return run.Issue(Sheet, table.Reference(row, partIndex), partField.Header, partValue.ToString(CultureInfo.InvariantCulture),
                    $"{Name(row, table)}: {partValue:N0} is more than the {wholeValue:N0} {names}. These are part of that whole: correct whichever figure is wrong.",
                    wholeIndexes.Select(i => table.Reference(row, i)!).ToList());
            }
        }
    }

    private static IEnumerable<ReturnIssue> MissingRows(RuleRun run)
    {
        if (run.Content.Table(Sheet) is not { } table)
        {
            yield break;
        }

        var present = Codes(table).Select(c => c.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var authority in run.Context.Authority.HousingAuthorities.Where(h => !present.Contains(h.OnsCode)))
        {
            yield return run.Issue(Sheet, null, "ONS code", authority.OnsCode,
                $"There is no row for {authority.Name} ({authority.OnsCode}). Every housing authority's row must be there and filled in: put it back as in the template.");
        }
    }

    private static IEnumerable<ReturnIssue> UnexpectedRows(RuleRun run)
    {
        if (run.Content.Table(Sheet) is not { } table)
        {
            yield break;
        }

        var expected = run.Context.Authority.HousingAuthorities.ToDictionary(h => h.OnsCode, StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (row, code) in Codes(table))
        {
            var cell = table.Reference(row, FieldKeys.Homelessness.OnsCode);
            if (!expected.TryGetValue(code, out var authority))
            {
                yield return run.Issue(Sheet, cell, "ONS code", code,
                    code.Length == 0
                        ? "This row has figures but no ONS code. Only the housing authorities in the template have rows: move the figures into the right row and delete this one."
                        : $"{IssueText.Quote(code)} is not one of {run.Context.Authority.Name}'s housing authorities. Only the rows in the template belong here: move the figures into the right row and delete this one.");
            }
            else if (!seen.Add(code))
            {
                yield return run.Issue(Sheet, cell, "ONS code", code,
                    $"{authority.Name} ({code}) has more than one row. Keep one row per housing authority, with its figures for the whole quarter.");
            }
        }
    }

    private static IEnumerable<ReturnIssue> Totals(RuleRun run)
    {
        if (run.Content.Table(Sheet) is not { } table)
        {
            yield break;
        }

        var total = table.SummaryRows.FirstOrDefault(r => Normalise.Label(r[0].Text) == "total");
        if (total is null)
        {
            yield break;
        }

        for (var i = 0; i < table.Spec.Fields.Count; i++)
        {
            if (table.Spec.Fields[i].Type != FieldType.Count || !table.Found(i) || !TryCount(total[i], out var stated))
            {
                continue;
            }

            long sum = 0;
            var complete = true;
            foreach (var row in table.Rows)
            {
                complete &= TryCount(row[i], out var value);
                sum += value;
            }

            if (complete && sum != stated)
            {
                yield return run.Issue(Sheet, table.Reference(total, i), table.Spec.Fields[i].Header, stated.ToString(CultureInfo.InvariantCulture),
                    $"The Total row says {stated:N0} but the housing authorities' rows add up to {sum:N0}. Put the template's sum back in the Total row (the county's figure is always the sum of its districts).");
            }
        }
    }

    private static IEnumerable<(TableRow Row, string Code)> Codes(TableSheet table)
    {
        var index = table.Spec.IndexOf(FieldKeys.Homelessness.OnsCode);
        foreach (var row in table.Rows)
        {
            yield return (row, CellParsing.AsText(row[index]));
        }
    }

    private static string Name(TableRow row, TableSheet table)
    {
        var name = CellParsing.AsText(row[table.Spec.IndexOf(FieldKeys.Homelessness.HousingAuthority)]);
        return name.Length > 0 ? name : $"Row {row.RowNumber}";
    }

    private static bool TryCount(CellValue cell, out long value) => CellParsing.TryCount(cell, out value) && value >= 0;
}
