using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Returns;
using NationalReturns.Web.Data;

namespace NationalReturns.Web.Features.Returns;

/// <summary>
/// The uploaded workbook returned with each cell at fault filled (red for errors, amber for queries) and
/// a comment carrying the message, plus an Issues sheet listing every issue with a link to its cell.
/// </summary>
public static class DownloadMarkedWorkbook
{
    public sealed record File(string FileName, byte[] Content);

    private static readonly XLColor ErrorFill = XLColor.FromHtml("#f6b6b1");
    private static readonly XLColor QueryFill = XLColor.FromHtml("#ffdd99");

    public sealed class Handler(NationalReturnsDbContext db, ShowVersion.Handler versions)
    {
        public async Task<File?> HandleAsync(string onsCode, ReturnPeriod period, int number, CancellationToken ct)
        {
            var version = await versions.HandleAsync(onsCode, period, number, ShowVersion.Show.All, ct);
            if (version is null || version.Outcome != ReadOutcome.Read)
            {
                return null;
            }

            var key = period.UrlSegment;
            var content = await db.ReturnVersions.AsNoTracking()
                .Where(v => v.AuthorityReturn.AuthorityCode == onsCode && v.AuthorityReturn.Period == key && v.Number == number)
                .Select(v => v.UploadedFile.Content)
                .SingleAsync(ct);
            var name = Path.GetFileNameWithoutExtension(version.FileName);
            return new File($"{name}-issues-v{number}.xlsx", Mark(content, version.Issues));
        }
    }

    public static byte[] Mark(byte[] upload, IReadOnlyList<ShowVersion.IssueLine> issues)
    {
        using var input = new MemoryStream(upload, writable: false);
        using var workbook = new XLWorkbook(input);
        var sheets = workbook.Worksheets.ToDictionary(w => Normalise.Label(w.Name), w => w);
        foreach (var cellIssues in issues.Where(i => i.Cell is not null).GroupBy(i => (i.Sheet, i.Cell)))
        {
            if (!sheets.TryGetValue(Normalise.Label(cellIssues.Key.Sheet), out var sheet))
            {
                continue;
            }

            var cell = sheet.Cell(cellIssues.Key.Cell);
            var worst = cellIssues.Any(i => i.Severity == Severity.Error) ? Severity.Error : Severity.Query;
            cell.Style.Fill.SetBackgroundColor(worst == Severity.Error ? ErrorFill : QueryFill);
            var comment = cell.Comment;
            comment.SetAuthor("Supporting Families returns");
            foreach (var issue in cellIssues)
            {
                comment.AddText($"{issue.Code} ({issue.Severity}): {issue.Message}").AddNewLine();
            }
        }

        var name = "Issues";
        for (var n = 2; workbook.Worksheets.Contains(name); n++)
        {
            name = $"Issues {n}";
        }

        var list = workbook.Worksheets.Add(name, 1);
        string[] headings = ["Code", "Severity", "Where", "Field", "Value found", "Message"];
        for (var c = 0; c < headings.Length; c++)
        {
            list.Cell(1, c + 1).SetValue(headings[c]).Style.Font.SetBold();
        }

        var row = 2;
        foreach (var issue in issues)
        {
            Text(list.Cell(row, 1), issue.Code);
            Text(list.Cell(row, 2), issue.Severity.ToString());
            var where = Text(list.Cell(row, 3), issue.Location);
            if (issue.Cell is not null && sheets.TryGetValue(Normalise.Label(issue.Sheet), out var target))
            {
                where.Hyperlink = new XLHyperlink(target.Cell(issue.Cell));
            }

            Text(list.Cell(row, 4), issue.Field);
            Text(list.Cell(row, 5), issue.Value);
            Text(list.Cell(row, 6), issue.Message);
            list.Cell(row, 1).Style.Fill.SetBackgroundColor(issue.Severity == Severity.Error ? ErrorFill : QueryFill);
            row++;
        }

        list.Column(1).Width = 10;
        list.Column(2).Width = 9;
        list.Column(3).Width = 18;
        list.Column(4).Width = 40;
        list.Column(5).Width = 20;
        list.Column(6).Width = 120;
        list.SheetView.FreezeRows(1);
        list.SetTabActive();
        using var output = new MemoryStream();
        workbook.SaveAs(output);
        return output.ToArray();
    }

    /// <summary>Values found in uploads are written as text, so one starting with = never becomes a formula.</summary>
    private static IXLCell Text(IXLCell cell, string? value)
    {
        cell.SetDataType(XLDataType.Text);
        cell.SetValue(value ?? "");
        return cell;
    }
}
