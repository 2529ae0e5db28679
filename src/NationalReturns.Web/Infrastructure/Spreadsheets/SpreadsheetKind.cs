namespace NationalReturns.Web.Infrastructure.Spreadsheets;

/// <summary>What an uploaded file turned out to be, judged from its bytes rather than its name.</summary>
public enum SpreadsheetKind
{
    Xlsx,
    Empty,
    TooLarge,
    OldExcel,
    Encrypted,
    MacroEnabled,
    OpenDocument,
    Csv,
    NotASpreadsheet,
    Corrupt,
    ZipBomb,
}
