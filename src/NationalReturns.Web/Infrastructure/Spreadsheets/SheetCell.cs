using NationalReturns.Domain.Returns;

namespace NationalReturns.Web.Infrastructure.Spreadsheets;

/// <summary>
/// One non-blank cell. <see cref="Number"/> has a value only when <see cref="Kind"/> is
/// <see cref="CellKind.Number"/>; <see cref="IsDateFormatted"/> reports the cell's style whatever it
/// holds, so text typed into a date cell can be told apart from text in a text cell.
/// </summary>
public readonly record struct SheetCell(
    int Row,
    int Column,
    CellKind Kind,
    string Text,
    double? Number,
    bool IsDateFormatted,
    bool HasFormula)
{
    // Computed on demand: most cells are never named in a message, so they need not carry the string.
    public string Reference => CellReference.Format(Row, Column);
}
