using System.Globalization;
using NationalReturns.Domain.Statistics;

namespace NationalReturns.Domain.Returns.Rules;

/// <summary>Checks that compare a figure with the authority's last quarter or with its statistical neighbours.</summary>
public static class ComparisonRules
{
    /// <summary>A change is queried only when it is both large in proportion and large in number.</summary>
    public const decimal ChangeProportion = 0.25m;
    public const long ChangeCount = 10;

    /// <summary>Robust standard deviations from the neighbours' median beyond which a rate is queried.</summary>
    public const double BenchmarkThreshold = 3.0;

    /// <summary>Fewer neighbours with figures than this and the comparison says nothing.</summary>
    public const int MinimumNeighbours = 5;

    public static ReturnRule ChangeSinceLastQuarter(string code, string sheet) =>
        new(new RuleInfo(code, Severity.Query, sheet, "Change since last quarter",
                $"A figure on the {sheet} sheet that changed by more than {ChangeProportion:P0} and by more than {ChangeCount} since the authority's last quarter's return."),
            RuleScope.Return, run => Changes(run, sheet));

    private static IEnumerable<ReturnIssue> Changes(RuleRun run, string sheet)
    {
        if (run.Context.PreviousFigures is not { } previous)
        {
            yield break;
        }

        var spec = run.Content.Spec.Sheet(sheet);
        var form = run.Content.Form(sheet);
        var table = run.Content.Table(sheet);
        if (form is null && table is null)
        {
            yield break;
        }

        var current = run.Content.Figures(run.Context.Period);

        foreach (var field in spec.Fields.Where(f => f.ComparedWithLastQuarter && f.Type == FieldType.Count))
        {
            if (!current.TryGetValue(field.Key, out var now) || !previous.TryGetValue(field.Key, out var before))
            {
                continue;
            }

            var change = now - before;
            if (Math.Abs(change) > ChangeCount && (before == 0 || Math.Abs(change) > ChangeProportion * before))
            {
                var cell = form?.Reference(field.Key) ?? (table is { Rows.Count: > 0 } ? table.Reference(table.Rows[0], field.Key) : null);
                var percent = before == 0 ? "from zero" : string.Create(CultureInfo.InvariantCulture, $"{(decimal)change / before:+0%;-0%}");
                yield return run.Issue(sheet, cell, field.Header, now.ToString("N0", CultureInfo.InvariantCulture),
                    $"{field.Header}: {now:N0} this quarter against {before:N0} last quarter ({change:+#,##0;-#,##0}, {percent}). Check the figure; if it is right, explain what caused the change.");
            }
        }
    }

    /// <summary>A rate far from the statistical neighbours' median, in robust standard deviations (1.4826 × MAD).</summary>
    public static ReturnRule FarFromNeighbours(string code, string sheet, IReadOnlyList<(string Key, Denominator Denominator, int PerUnits)> measures) =>
        new(new RuleInfo(code, Severity.Query, sheet, "Far from statistical neighbours",
                $"A rate on the {sheet} sheet more than {BenchmarkThreshold} robust standard deviations (1.4826 × median absolute deviation) from the median of the authority's statistical neighbours' rates for the same quarter; needs at least {MinimumNeighbours} neighbours with figures."),
            RuleScope.Return, run => Benchmarks(run, sheet, measures));

    private static IEnumerable<ReturnIssue> Benchmarks(RuleRun run, string sheet, IReadOnlyList<(string Key, Denominator Denominator, int PerUnits)> measures)
    {
        if (run.Context.Denominators is not { } own || run.Context.Neighbours.Count < MinimumNeighbours)
        {
            yield break;
        }

        var current = run.Content.Figures(run.Context.Period);
        var form = run.Content.Form(sheet);
        var table = run.Content.Table(sheet);
        foreach (var (key, denominator, per) in measures)
        {
            var ownDenominator = own.Of(denominator);
            if (!current.TryGetValue(key, out var count) || ownDenominator <= 0)
            {
                continue;
            }

            var rates = run.Context.Neighbours
                .Where(n => n.Figures.ContainsKey(key) && n.Denominators.Of(denominator) > 0)
                .Select(n => (double)n.Figures[key] / n.Denominators.Of(denominator) * per)
                .ToArray();
            if (rates.Length < MinimumNeighbours)
            {
                continue;
            }

            var rate = (double)count / ownDenominator * per;
            if (RobustSpread.RobustZ(rate, rates) is { } z && Math.Abs(z) > BenchmarkThreshold)
            {
                var field = run.Content.Spec.Sheet(sheet).Field(key);
                var median = RobustSpread.Median(rates);
                var cell = form?.Reference(key) ?? (table is { Rows.Count: > 0 } ? table.Reference(table.Rows[0], key) : null);
                yield return run.Issue(sheet, cell, field.Header, count.ToString("N0", CultureInfo.InvariantCulture), string.Create(CultureInfo.InvariantCulture,
                    $"{field.Header}: {count:N0} is {rate:0.0} per {per:N0} {Describe(denominator)}, {(z > 0 ? "far above" : "far below")} your statistical neighbours (median {median:0.0}; {Math.Abs(z):0.0} robust standard deviations away). Check the figure; if it is right, explain why your area differs."));
            }
        }
    }

    private static string Describe(Denominator denominator) => denominator switch
    {
        Denominator.Children0To17 => "children aged 0 to 17",
        Denominator.Children10To17 => "children aged 10 to 17",
        Denominator.Children16To17 => "young people aged 16 to 17",
        _ => "households",
    };
}
