namespace NationalReturns.Domain.Returns;

public enum RuleScope
{
    /// <summary>Checked cell by cell in one pass over the return (type, range, format).</summary>
    Cell,

    /// <summary>Checked while reading the workbook (sheets, headings, merged cells, formula errors).</summary>
    Structure,

    /// <summary>Checked over a row, a sheet, several sheets, last quarter or the neighbours.</summary>
    Return,
}

/// <summary>A validation rule: what it is, and, for return-level rules, the check itself.</summary>
public sealed class ReturnRule(RuleInfo info, RuleScope scope, Func<RuleRun, IEnumerable<ReturnIssue>>? check = null)
{
    public RuleInfo Info { get; } = info;

    public RuleScope Scope { get; } = scope;

    public IEnumerable<ReturnIssue> Check(RuleRun run) => check?.Invoke(run) ?? [];

    public override string ToString() => Info.ToString();
}

/// <summary>One rule applied to one return: the content, its context, and a way to word issues.</summary>
public sealed class RuleRun(RuleInfo rule, ReturnContent content, ReturnContext context)
{
    public RuleInfo Rule { get; } = rule;

    public ReturnContent Content { get; } = content;

    public ReturnContext Context { get; } = context;

    public ReturnIssue Issue(string sheet, string? cell, string? field, string? value, string message, IReadOnlyList<string>? otherCells = null) =>
        new(Rule.Code, Rule.Severity, sheet, cell, field, value, message) { OtherCells = otherCells ?? [] };

    /// <summary>A form sheet's count, when the sheet was read and the cell holds a valid whole number ≥ 0.</summary>
    public long? Count(string sheet, string key)
    {
        var form = Content.Form(sheet);
        if (form is null || !form.Spec.Has(key))
        {
            return null;
        }

        var cell = form[key];
        return CellParsing.TryCount(cell, out var value) && value >= 0 ? value : null;
    }

    public decimal? Number(string sheet, string key)
    {
        var form = Content.Form(sheet);
        if (form is null || !form.Spec.Has(key))
        {
            return null;
        }

        return CellParsing.TryNumber(form[key], out var value) && value >= 0 ? value : null;
    }
}
