namespace NationalReturns.Domain.Returns;

/// <summary>
/// One problem with one return: which rule, how serious, where (sheet and cell), the field, the value
/// found and a message saying what is wrong and what to do.
/// </summary>
public sealed record ReturnIssue(string Code, Severity Severity, string Sheet, string? Cell, string? Field, string? Value, string Message)
{
    /// <summary>The value found is kept to this length: an issue points at a cell, it does not copy it.</summary>
    public string? Value { get; init; } = IssueText.Shorten(Value, IssueText.ValueLength);

    /// <summary>Messages are the service's own words around short quotes; the cap is a backstop.</summary>
    public string Message { get; init; } = IssueText.Shorten(Message, IssueText.MessageLength)!;

    /// <summary>Further cells the issue concerns, such as the age bands that do not add up.</summary>
    public IReadOnlyList<string> OtherCells { get; init; } = [];

    /// <summary>
    /// How many cells the issue stands for: 1, or more when a run of cells, or the rest of a very long list,
    /// is reported as one range (<see cref="IssueCondensing"/>). Counts of errors and queries add these up.
    /// </summary>
    public int Count { get; init; } = 1;

    public string Location => Cell is null ? Sheet : $"{Sheet}!{Cell}";

    /// <summary>The cell, or the area a condensed issue covers.</summary>
    public CellArea? Area => Cell is null ? null : CellArea.Parse(Cell);

    public int RowNumber => Area?.FirstRow ?? 0;

    public int ColumnNumber => Area?.FirstColumn ?? 0;
}

/// <summary>
/// Keeps what an upload puts into issues in proportion: a 20,000-character cell used in 200 places must not
/// become 200 copies of itself in the database, the page and the CSV.
/// </summary>
public static class IssueText
{
    public const int ValueLength = 200;
    public const int QuoteLength = 60;
    public const int MessageLength = 1000;

    /// <summary>The text cut to <paramref name="length"/> characters with an ellipsis, never splitting a surrogate pair.</summary>
    public static string? Shorten(string? text, int length)
    {
        if (text is null || text.Length <= length)
        {
            return text;
        }

        var cut = length - 1;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut), "…");
    }

    /// <summary>A value quoted inside a message: short enough to recognise, never the whole cell.</summary>
    public static string Quote(string? text) => Shorten(text, QuoteLength) ?? "";
}
