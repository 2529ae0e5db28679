namespace NationalReturns.Domain.Returns;

/// <summary>
/// One problem with one return: which rule, how serious, where (sheet and cell), the field, the value
/// found and a message saying what is wrong and what to do.
/// </summary>
public sealed record ReturnIssue(string Code, Severity Severity, string Sheet, string? Cell, string? Field, string? Value, string Message)
{
    /// <summary>Further cells the issue concerns, such as the age bands that do not add up.</summary>
    public IReadOnlyList<string> OtherCells { get; init; } = [];

    public string Location => Cell is null ? Sheet : $"{Sheet}!{Cell}";

    public int RowNumber => Cell is null ? 0 : CellReference.Parse(Cell).Row;

    public int ColumnNumber => Cell is null ? 0 : CellReference.Parse(Cell).Column;
}
