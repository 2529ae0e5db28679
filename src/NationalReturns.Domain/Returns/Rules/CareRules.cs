using System.Globalization;

namespace NationalReturns.Domain.Returns.Rules;

public static class CareRules
{
    private const string Sheet = ReturnSpecifications.Care;

    /// <summary>Transfers between authorities and late recording make the stock and flow differ a little.</summary>
    public const long StockFlowTolerance = 5;
    public const decimal StockFlowProportion = 0.05m;

    private static readonly string[] AgeBands = [FieldKeys.Care.StartsUnder1, FieldKeys.Care.Starts14, FieldKeys.Care.Starts59, FieldKeys.Care.Starts1015, FieldKeys.Care.Starts1617];

    public static IReadOnlyList<ReturnRule> All { get; } =
    [
        new(new RuleInfo("CARE-001", Severity.Error, Sheet, "Age bands add up", "The starts by age at start must add up to the children who started to be looked after."), RuleScope.Return, AgeBandsSum),
        new(new RuleInfo("CARE-002", Severity.Query, Sheet, "Stock and flow",
            $"Last quarter's children looked after, plus this quarter's starts, minus those who ceased, should be close to this quarter's children looked after: within {StockFlowTolerance} or {StockFlowProportion:P0}, whichever is larger."), RuleScope.Return, StockAndFlow),
        new(new RuleInfo("CARE-003", Severity.Error, Sheet, "More ceased than could have", "No more children can cease to be looked after than were looked after at the start of the quarter plus those who started."), RuleScope.Return, CeasedTooMany),
        ComparisonRules.ChangeSinceLastQuarter("CARE-004", Sheet),
        ComparisonRules.FarFromNeighbours("CARE-005", Sheet,
        [
            (FieldKeys.Care.ClaEnd, Denominator.Children0To17, 10_000),
            (FieldKeys.Care.CppEnd, Denominator.Children0To17, 10_000),
        ]),
        new(new RuleInfo("CARE-006", Severity.Query, Sheet, "No children looked after", "An authority always has some children looked after; zero at the end of the quarter is queried."), RuleScope.Return, NoneLookedAfter),
    ];

    private static IEnumerable<ReturnIssue> AgeBandsSum(RuleRun run)
    {
        var form = run.Content.Form(Sheet);
        if (form is null || run.Count(Sheet, FieldKeys.Care.Starts) is not { } starts)
        {
            yield break;
        }

        long sum = 0;
        foreach (var band in AgeBands)
        {
            if (run.Count(Sheet, band) is not { } value)
            {
                yield break; // a blank or invalid band is reported by the cell rules
            }

            sum += value;
        }

        if (sum != starts)
        {
            yield return run.Issue(Sheet, form.Reference(FieldKeys.Care.Starts), form.Spec.Field(FieldKeys.Care.Starts).Header, starts.ToString(CultureInfo.InvariantCulture),
                $"The starts by age add up to {sum:N0}, but {starts:N0} children started to be looked after. Each child who started belongs in exactly one age band: correct the total or the bands.",
                AgeBands.Select(b => form.Reference(b)!).ToList());
        }
    }

    private static IEnumerable<ReturnIssue> StockAndFlow(RuleRun run)
    {
        if (run.Context.PreviousFigures is null || !run.Context.PreviousFigures.TryGetValue(FieldKeys.Care.ClaEnd, out var before)
            || run.Count(Sheet, FieldKeys.Care.Starts) is not { } starts || run.Count(Sheet, FieldKeys.Care.Ceased) is not { } ceased || run.Count(Sheet, FieldKeys.Care.ClaEnd) is not { } now)
        {
            yield break;
        }

        var expected = before + starts - ceased;
        var gap = now - expected;
        var tolerance = Math.Max(StockFlowTolerance, (long)Math.Ceiling(StockFlowProportion * now));
        if (Math.Abs(gap) > tolerance)
        {
            var form = run.Content.Form(Sheet)!;
            yield return run.Issue(Sheet, form.Reference(FieldKeys.Care.ClaEnd), form.Spec.Field(FieldKeys.Care.ClaEnd).Header, now.ToString(CultureInfo.InvariantCulture),
                $"Last quarter's {before:N0} looked after, plus {starts:N0} starts, minus {ceased:N0} who ceased, gives {expected:N0}, but you report {now:N0} ({gap:+#,##0;-#,##0}). Check the three figures; if they are right, explain the difference (for example transfers from other authorities).",
                [form.Reference(FieldKeys.Care.Starts)!, form.Reference(FieldKeys.Care.Ceased)!]);
        }
    }

    private static IEnumerable<ReturnIssue> CeasedTooMany(RuleRun run)
    {
        if (run.Context.PreviousFigures is null || !run.Context.PreviousFigures.TryGetValue(FieldKeys.Care.ClaEnd, out var before)
            || run.Count(Sheet, FieldKeys.Care.Starts) is not { } starts || run.Count(Sheet, FieldKeys.Care.Ceased) is not { } ceased)
        {
            yield break;
        }

        if (ceased > before + starts)
        {
            var form = run.Content.Form(Sheet)!;
            yield return run.Issue(Sheet, form.Reference(FieldKeys.Care.Ceased), form.Spec.Field(FieldKeys.Care.Ceased).Header, ceased.ToString(CultureInfo.InvariantCulture),
                $"{ceased:N0} children ceased to be looked after, but only {before + starts:N0} could have ({before:N0} looked after at the end of last quarter plus {starts:N0} starts). Correct the number who ceased or the starts.",
                [form.Reference(FieldKeys.Care.Starts)!]);
        }
    }

    private static IEnumerable<ReturnIssue> NoneLookedAfter(RuleRun run)
    {
        if (run.Count(Sheet, FieldKeys.Care.ClaEnd) is 0)
        {
            var form = run.Content.Form(Sheet)!;
            yield return run.Issue(Sheet, form.Reference(FieldKeys.Care.ClaEnd), form.Spec.Field(FieldKeys.Care.ClaEnd).Header, "0",
                "You report no children looked after at the end of the quarter. Check the figure; if it is right, explain why.");
        }
    }
}
