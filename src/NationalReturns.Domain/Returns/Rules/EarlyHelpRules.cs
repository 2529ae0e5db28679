using System.Globalization;

namespace NationalReturns.Domain.Returns.Rules;

public static class EarlyHelpRules
{
    private const string Sheet = ReturnSpecifications.EarlyHelp;

    /// <summary>Families open to early help and families on the programme's list differ, but not by this much.</summary>
    public const decimal FamiliesGapProportion = 0.2m;
    public const long FamiliesGapCount = 10;

    public const decimal CaseloadLimit = 50;

    public static IReadOnlyList<ReturnRule> All { get; } =
    [
        new(new RuleInfo("EH-001", Severity.Query, Sheet, "Open families and family rows",
            $"Families open to early help at the end of the quarter should be close to the Families sheet's families still open then: a gap of more than {FamiliesGapProportion:P0} and more than {FamiliesGapCount} is queried."), RuleScope.Return, OpenFamilies),
        new(new RuleInfo("EH-002", Severity.Query, Sheet, "Families open but no keyworkers",
            "Families open to early help with no keyworkers (full-time equivalent) is queried."), RuleScope.Return, NoKeyworkers),
        new(new RuleInfo("EH-003", Severity.Query, Sheet, "Keyworker caseload",
            $"More than {CaseloadLimit} open families per full-time keyworker is queried."), RuleScope.Return, Caseload),
        ComparisonRules.ChangeSinceLastQuarter("EH-004", Sheet),
    ];

    private static IEnumerable<ReturnIssue> OpenFamilies(RuleRun run)
    {
        if (run.Count(Sheet, FieldKeys.EarlyHelp.FamiliesOpenEnd) is not { } open || run.Content.Table(ReturnSpecifications.Families) is null)
        {
            yield break;
        }

        var rows = run.Content.Figures(run.Context.Period).GetValueOrDefault(ReturnFigures.FamiliesOpenAtEnd);
        var gap = Math.Abs(open - rows);
        if (gap > FamiliesGapCount && gap > FamiliesGapProportion * Math.Max(open, rows))
        {
            var form = run.Content.Form(Sheet)!;
            yield return run.Issue(Sheet, form.Reference(FieldKeys.EarlyHelp.FamiliesOpenEnd), form.Spec.Field(FieldKeys.EarlyHelp.FamiliesOpenEnd).Header, open.ToString(CultureInfo.InvariantCulture),
                $"You report {open:N0} families open to early help at the end of the quarter, but the Families sheet has {rows:N0} families still open then. Check both; if they are right, explain the difference (for example families supported outside the programme).");
        }
    }

    private static IEnumerable<ReturnIssue> NoKeyworkers(RuleRun run)
    {
        if (run.Count(Sheet, FieldKeys.EarlyHelp.FamiliesOpenEnd) is > 0 and var open && run.Number(Sheet, FieldKeys.EarlyHelp.KeyworkersFte) == 0)
        {
            var form = run.Content.Form(Sheet)!;
            yield return run.Issue(Sheet, form.Reference(FieldKeys.EarlyHelp.KeyworkersFte), form.Spec.Field(FieldKeys.EarlyHelp.KeyworkersFte).Header, "0",
                $"{open:N0} families are open to early help but you report no keyworkers. Check the figure; if it is right, explain who works with the families.");
        }
    }

    private static IEnumerable<ReturnIssue> Caseload(RuleRun run)
    {
        var fte = run.Number(Sheet, FieldKeys.EarlyHelp.KeyworkersFte);
        if (run.Count(Sheet, FieldKeys.EarlyHelp.FamiliesOpenEnd) is not { } open || fte is not > 0m)
        {
            yield break;
        }

        // Compared by multiplying: dividing by a tiny FTE such as 0.0000000000000000000000000001 overflows.
        if (open > CaseloadLimit * fte.Value)
        {
            var caseload = (double)open / (double)fte.Value;
            var form = run.Content.Form(Sheet)!;
            yield return run.Issue(Sheet, form.Reference(FieldKeys.EarlyHelp.KeyworkersFte), form.Spec.Field(FieldKeys.EarlyHelp.KeyworkersFte).Header, fte.Value.ToString("0.##", CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"{open:N0} open families for {fte.Value:0.##} full-time keyworkers is {caseload:0} families each. Check the figures (is the FTE in full-time equivalents, not hours?); if they are right, explain."),
                [form.Reference(FieldKeys.EarlyHelp.FamiliesOpenEnd)!]);
        }
    }
}
