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
        if (form is null || !form.Found(form.Spec.IndexOf("cover.template_version")))
        {
            yield break;
        }

        var expected = ReturnSpecifications.ForPeriod(run.Context.Period).Version;
        var found = CellParsing.AsText(form["cover.template_version"]);
        if (!string.Equals(found, expected, StringComparison.OrdinalIgnoreCase))
        {
            yield return run.Issue(Sheet, form.Reference("cover.template_version"), ReturnReader.TemplateVersionLabel, found,
                $"This workbook is template {IssueText.Quote(found)}, but {run.Context.Period} uses template {expected}. Download this quarter's template, copy your figures into it and upload that.");
        }
    }

    private static IEnumerable<ReturnIssue> Authority(RuleRun run)
    {
        var form = run.Content.Form(Sheet);
        if (form is null || !form.Found(form.Spec.IndexOf("cover.dfe_code")))
        {
            yield break;
        }

        var found = CellParsing.AsText(form["cover.dfe_code"]);
        if (found != run.Context.Authority.DfeCode)
        {
            var named = CellParsing.AsText(form["cover.authority"]);
            yield return run.Issue(Sheet, form.Reference("cover.dfe_code"), "DfE code", found,
                $"This workbook is for {(named.Length > 0 ? IssueText.Quote(named) : "another authority")} (DfE code {IssueText.Quote(found)}), not {run.Context.Authority.Name} ({run.Context.Authority.DfeCode}). Check you chose the right file, or download {run.Context.Authority.Name}'s template.");
        }
    }

    private static IEnumerable<ReturnIssue> Period(RuleRun run)
    {
        var form = run.Content.Form(Sheet);
        if (form is null || !form.Found(form.Spec.IndexOf("cover.period")))
        {
            yield break;
        }

        var found = CellParsing.AsText(form["cover.period"]);
        if (!Periods.ReturnPeriod.TryParse(found, out var period) || period != run.Context.Period)
        {
            yield return run.Issue(Sheet, form.Reference("cover.period"), "Period", found,
                $"This workbook is for {(found.Length > 0 ? IssueText.Quote(found) : "no period")}, not {run.Context.Period}. Check you chose the right file, or download the {run.Context.Period} template.");
        }
    }
}
