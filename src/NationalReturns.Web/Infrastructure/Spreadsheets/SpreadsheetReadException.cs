namespace NationalReturns.Web.Infrastructure.Spreadsheets;

/// <summary>
/// A workbook part could not be read. The message is plain English for the person who uploaded the
/// file; the XML or zip detail, which only helps support, is kept in the inner exception.
/// </summary>
public sealed class SpreadsheetReadException : Exception
{
    public SpreadsheetReadException()
    {
    }

    public SpreadsheetReadException(string message)
        : base(message)
    {
    }

    public SpreadsheetReadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SpreadsheetReadException(string message, string? sheetName, Exception? innerException = null)
        : base(message, innerException)
    {
        SheetName = sheetName;
    }

    /// <summary>The sheet being read when the problem was found, or null for workbook-wide parts.</summary>
    public string? SheetName { get; }
}
