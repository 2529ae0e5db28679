namespace NationalReturns.Web.Infrastructure.Spreadsheets;

public enum CellKind
{
    /// <summary>
    /// The default of <see cref="SheetCell"/>. The reader never yields it: blank cells, including
    /// those holding an empty string, are left out of <see cref="SheetRow.Cells"/>.
    /// </summary>
    Empty,
    Text,
    Number,
    Boolean,
    Error,
}
