using NationalReturns.Domain.Returns.Rules;

namespace NationalReturns.Domain.Returns;

/// <summary>Applies every rule of the return's specification and lists every issue: never capped.</summary>
public static class ReturnValidator
{
    public static IReadOnlyList<ReturnIssue> Validate(ReturnContent content, ReturnContext context)
    {
        var spec = content.Spec;

        // Gathered, not listed: a flood of issues is kept in bounded memory (runs and counts), every cell counted.
        var issues = content.ReadingIssues;
        CheckCells(content, context.Today, issues);
        foreach (var rule in spec.Rules)
        {
            if (rule.Scope == RuleScope.Return)
            {
                issues.AddRange(rule.Check(new RuleRun(rule.Info, content, context)));
            }
        }

        var sheetOrder = spec.Sheets.Select((s, i) => (s.Name, i)).ToDictionary(x => x.Name, x => x.i);
        return issues.ToList()
            .OrderBy(i => sheetOrder.GetValueOrDefault(i.Sheet, int.MaxValue))
            .ThenBy(i => i.RowNumber)
            .ThenBy(i => i.ColumnNumber)
            .ThenBy(i => i.Code, StringComparer.Ordinal)
            .ToList();
    }

    private static void CheckCells(ReturnContent content, DateOnly today, IssueCollector issues)
    {
        var spec = content.Spec;
        foreach (var form in content.Forms.Values)
        {
            for (var i = 0; i < form.Spec.Fields.Count; i++)
            {
                if (form.Found(i))
                {
                    Add(spec, form.Spec, form.Spec.Fields[i], form[i], form.Reference(i)!, today, issues);
                }
            }
        }

        foreach (var table in content.Tables.Values)
        {
            var fields = table.Spec.Fields;
            foreach (var row in table.Rows)
            {
                for (var i = 0; i < fields.Count; i++)
                {
                    if (table.Found(i))
                    {
                        Add(spec, table.Spec, fields[i], row[i], null, today, issues, table, row, i);
                    }
                }
            }
        }
    }

    private static void Add(ReturnSpecification spec, SheetSpec sheet, FieldSpec field, CellValue cell, string? reference, DateOnly today, IssueCollector issues,
        TableSheet? table = null, TableRow? row = null, int index = 0)
    {
        if (field.Prefilled || CellRules.Check(field, cell, today) is not { } failed || !spec.HasRule(failed.Code))
        {
            return;
        }

        reference ??= table!.Reference(row!, index);
        issues.Add(new ReturnIssue(failed.Code, spec.Rule(failed.Code).Severity, sheet.Name, reference, field.Header, cell.IsBlank ? null : cell.Display, failed.Message));
    }
}
