namespace NationalReturns.Web.Infrastructure.Spreadsheets;

/// <summary>
/// The outcome of <see cref="SpreadsheetInspection.Inspect"/>. <see cref="Message"/> is written for the
/// council's data lead, so it can be shown as it is; it is null only for an acceptable workbook.
/// </summary>
public sealed record SpreadsheetVerdict(SpreadsheetKind Kind, string? Message)
{
    public bool IsAcceptable => Kind == SpreadsheetKind.Xlsx;
}
