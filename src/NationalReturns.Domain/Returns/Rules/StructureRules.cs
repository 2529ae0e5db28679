namespace NationalReturns.Domain.Returns.Rules;

/// <summary>The workbook's shape, checked while it is read (see <see cref="ReturnReader"/>).</summary>
public static class StructureRules
{
    private static ReturnRule Rule(string code, string title, string description) =>
        new(new RuleInfo(code, Severity.Error, "Any", title, description), RuleScope.Structure);

    public static IReadOnlyList<ReturnRule> All { get; } =
    [
        Rule("STR-001", "Sheet missing", "Every sheet of the template must be present, with its name unchanged."),
        Rule("STR-002", "Column or row missing", "Every column of a table sheet and every row of a form sheet must be present, with its heading or label unchanged."),
        Rule("STR-003", "Column or row repeated", "A column heading or form label must appear only once."),
        Rule("STR-004", "Merged cells", "No cells may be merged below a sheet's heading row."),
        Rule("STR-005", "Formula error", "No cell may show a formula error such as #REF! or #DIV/0!."),
        Rule("STR-006", "Too many rows", "A table sheet may hold at most 100,000 rows of data."),
        Rule("STR-007", "Heading row missing", "Each sheet keeps the template's heading row within its first 20 rows."),
    ];
}
