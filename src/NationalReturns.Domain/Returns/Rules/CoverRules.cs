namespace NationalReturns.Domain.Returns.Rules;

/// <summary>The Cover sheet says whose return this is, for which quarter, on which template.</summary>
public static class CoverRules
{
    private const string Sheet = ReturnSpecifications.Cover;

    public static IReadOnlyList<ReturnRule> All { get; } =
    [
        new(new RuleInfo("COV-001", Severity.Error, Sheet, "Template version", "The template version on the Cover must be the one this quarter's template uses."), RuleScope.Return, TemplateVersion),
        new(new RuleInfo("COV-002", Severity.Error, Sheet, "Authority", "The DfE code on the Cover must be the authority the return is being uploaded for."), RuleScope.Return, Authority),
        new(new RuleInfo("COV-003", Severity.Error, Sheet, "Period", "The period on the Cover must be the quarter the return is being uploaded for."), RuleScope.Return, Period),
    ];

    private static IEnumerable<ReturnIssue> TemplateVersion(RuleRun run)
    {
        var form = run.Content.Form(Sheet);
        if (form is null || !form.Found(form.Spec.IndexOf(FieldKeys.Cover.TemplateVersion)))
        {
            yield break;
        }

        var expected = ReturnSpecifications.ForPeriod(run.Context.Period).Version;
        var found = CellParsing.AsText(form[FieldKeys.Cover.TemplateVersion]);
        if (!string.Equals(found, expected, StringComparison.OrdinalIgnoreCase))
        {
            yield return run.Issue(Sheet, form.Reference(FieldKeys.Cover.TemplateVersion), ReturnReader.TemplateVersionLabel, found,
                $"This workbook is template {IssueText.Quote(found)}, but {run.Context.Period} uses template {expected}. Download this quarter's template, copy your figures into it and upload that.");
        }
    }

    private static IEnumerable<ReturnIssue> Authority(RuleRun run)
    {
        var form = run.Content.Form(Sheet);
        if (form is null || !form.Found(form.Spec.IndexOf(FieldKeys.Cover.DfeCode)))
        {
            yield break;
        }

        var found = CellParsing.AsText(form[FieldKeys.Cover.DfeCode]);
        if (found != run.Context.Authority.DfeCode)
        {
            var named = CellParsing.AsText(form[FieldKeys.Cover.Authority]);
            yield return run.Issue(Sheet, form.Reference(FieldKeys.Cover.DfeCode), "DfE code", found,
                $"This workbook is for {(named.Length > 0 ? IssueText.Quote(named) : "another authority")} (DfE code {IssueText.Quote(found)}), not {run.Context.Authority.Name} ({run.Context.Authority.DfeCode}). Check you chose the right file, or download {run.Context.Authority.Name}'s template.");
        }
    }

    private static IEnumerable<ReturnIssue> Period(RuleRun run)
    {
        var form = run.Content.Form(Sheet);
        if (form is null || !form.Found(form.Spec.IndexOf(FieldKeys.Cover.Period)))
        {
            yield break;
        }

        var found = CellParsing.AsText(form[FieldKeys.Cover.Period]);
        if (!Periods.ReturnPeriod.TryParse(found, out var period) || period != run.Context.Period)
        {
            yield return run.Issue(Sheet, form.Reference(FieldKeys.Cover.Period), "Period", found,
                $"This workbook is for {(found.Length > 0 ? IssueText.Quote(found) : "no period")}, not {run.Context.Period}. Check you chose the right file, or download the {run.Context.Period} template.");
        }
    }
}
