using System.Text;
using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Periods;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Returns;

/// <summary>
/// Every issue of a version as CSV, the same list as the page, in the same order. Streamed from the database
/// to the response a row at a time, so its memory does not grow with the number of issues.
/// </summary>
public static class DownloadIssues
{
    public const string Header = "code,severity,sheet,cell,field,value,message,cells";

    /// <param name="Issues">Read from the database as the response is written.</param>
    public sealed record Download(string FileName, IAsyncEnumerable<ShowVersion.IssueLine> Issues);

    public sealed class Handler(ShowVersion.Handler versions, NationalReturnsDbContext db, AuditLog audit)
    {
        /// <summary>The version's issues ready to stream, the download audited; null when there is no such version.</summary>
        public async Task<Download?> HandleAsync(string onsCode, ReturnPeriod period, int number, CancellationToken ct)
        {
            if (await versions.IdAsync(onsCode, period, number, ct) is not { } versionId)
            {
                return null;
            }

            await audit.RecordAsync(AuditActions.DownloadIssues, onsCode, period.UrlSegment, $"version {number}", ct: ct);
            return new Download($"issues-{onsCode}-{period.UrlSegment}-v{number}.csv", ShowVersion.AllIssues(db, versionId).AsAsyncEnumerable());
        }
    }

    public static async Task WriteAsync(IAsyncEnumerable<ShowVersion.IssueLine> issues, Stream output, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024, leaveOpen: true);
        writer.NewLine = "\r\n";
        await writer.WriteLineAsync(Header.AsMemory(), ct);
        await foreach (var issue in issues.WithCancellation(ct))
        {
            await writer.WriteLineAsync(Line(issue).AsMemory(), ct);
        }

        await writer.FlushAsync(ct);
    }

    public static string Line(ShowVersion.IssueLine issue) =>
        string.Join(',', Field(issue.Code), Field(issue.Severity.ToString()), Field(issue.Sheet), Field(issue.Cell), Field(issue.Field),
            Field(issue.Value), Field(issue.Message), issue.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));

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
