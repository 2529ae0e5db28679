using System.Globalization;

namespace NationalReturns.Domain.Returns.Rules;

public static class YouthJusticeRules
{
    private const string Sheet = ReturnSpecifications.YouthJustice;

    public static IReadOnlyList<ReturnRule> All { get; } =
    [
        ComparisonRules.ChangeSinceLastQuarter("YJ-001", Sheet),
        ComparisonRules.FarFromNeighbours("YJ-002", Sheet,
        [
            (FieldKeys.YouthJustice.FirstTimeEntrants, Denominator.Children10To17, 100_000),
        ]),
        new(new RuleInfo("YJ-003", Severity.Query, Sheet, "Sentences without custody",
            "Custodial sentences given in the quarter while no child was in custody at its end, nor at the end of last quarter, are queried: short sentences happen, but check the figures."), RuleScope.Return, SentencesWithoutCustody),
    ];

    private static IEnumerable<ReturnIssue> SentencesWithoutCustody(RuleRun run)
    {
        var sentences = run.Count(Sheet, FieldKeys.YouthJustice.CustodialSentences) ?? 0;
        if (sentences == 0 || run.Count(Sheet, FieldKeys.YouthJustice.InCustodyEnd) is not 0
            || run.Context.PreviousFigures is null || run.Context.PreviousFigures.GetValueOrDefault(FieldKeys.YouthJustice.InCustodyEnd, -1) != 0)
        {
            yield break;
        }

        var form = run.Content.Form(Sheet)!;
        yield return run.Issue(Sheet, form.Reference(FieldKeys.YouthJustice.CustodialSentences), form.Spec.Field(FieldKeys.YouthJustice.CustodialSentences).Header, sentences.ToString(CultureInfo.InvariantCulture),
            $"{sentences:N0} custodial sentences were given, yet no child was in custody at the end of this quarter or of last quarter. Check both figures; if they are right, explain (for example very short sentences).",
            [form.Reference(FieldKeys.YouthJustice.InCustodyEnd)!]);
    }
}
