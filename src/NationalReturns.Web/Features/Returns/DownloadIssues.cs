using System.Text;

namespace NationalReturns.Web.Features.Returns;

/// <summary>Every issue of a version as CSV, the same list as the page, in the same order.</summary>
public static class DownloadIssues
{
    public static byte[] Csv(ShowVersion.Model version)
    {
        var csv = new StringBuilder();
        csv.Append("code,severity,sheet,cell,field,value,message\r\n");
        foreach (var issue in version.Issues)
        {
            csv.Append(Field(issue.Code)).Append(',')
                .Append(Field(issue.Severity.ToString())).Append(',')
                .Append(Field(issue.Sheet)).Append(',')
                .Append(Field(issue.Cell)).Append(',')
                .Append(Field(issue.Field)).Append(',')
                .Append(Field(issue.Value)).Append(',')
                .Append(Field(issue.Message)).Append("\r\n");
        }

        // A byte-order mark so Excel opens the file as UTF-8.
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    /// <summary>
    /// Quotes as RFC 4180 says, and defuses text a spreadsheet would run as a formula (a value found in an
    /// upload may start with =, +, - or @).
    /// </summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
