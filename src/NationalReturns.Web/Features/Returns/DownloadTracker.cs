using ClosedXML.Excel;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Returns;

/// <summary>The tracker as a workbook, the same lines (and filters) as the page.</summary>
public static class DownloadTracker
{
    public sealed record File(string FileName, byte[] Content);

    public sealed class Handler(ListReturns.Handler list, AuditLog audit)
    {
        public async Task<File> HandleAsync(ReturnPeriod? period, string? region, ReturnStatus? status, CancellationToken ct)
        {
            var model = await list.HandleAsync(period, region, status, ct);
            var content = Workbook(model);
            await audit.RecordAsync(AuditActions.DownloadTracker, period: model.Period.UrlSegment, ct: ct);
            return new File($"tracker-{model.Period.UrlSegment}.xlsx", content);
        }
    }

    public static byte[] Workbook(ListReturns.Model model)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("Tracker");
        sheet.Cell(1, 1).SetValue($"{model.Period} returns, due {model.Window.Due:d MMMM yyyy}, as at {model.Today:d MMMM yyyy}").Style.Font.SetBold();
        string[] headings = ["ONS code", "Authority", "Region", "Status", "Due", "Latest version", "Errors", "Queries", "Query rules not explained", "Queried by national team", "Last activity (UTC)"];
        for (var c = 0; c < headings.Length; c++)
        {
            sheet.Cell(3, c + 1).SetValue(headings[c]).Style.Font.SetBold();
        }

        var row = 4;
        foreach (var line in model.Shown)
        {
            sheet.Cell(row, 1).SetValue(line.OnsCode);
            sheet.Cell(row, 2).SetValue(line.Name);
            sheet.Cell(row, 3).SetValue(line.Region);
            sheet.Cell(row, 4).SetValue(ReturnWorkflow.Describe(line.Status));
            sheet.Cell(row, 5).SetValue(line.Due);
            if (line.Version is { } version)
            {
                sheet.Cell(row, 6).SetValue(version);
                sheet.Cell(row, 7).SetValue(line.Errors);
                sheet.Cell(row, 8).SetValue(line.Queries);
                sheet.Cell(row, 9).SetValue(line.UnexplainedQueryRules);
            }

            sheet.Cell(row, 10).SetValue(line.QueriedByNationalTeam ? "Yes" : "No");
            if (line.LastActivity is { } last)
            {
                sheet.Cell(row, 11).SetValue(last.UtcDateTime);
                sheet.Cell(row, 11).Style.DateFormat.SetFormat("yyyy-mm-dd hh:mm");
            }

            row++;
        }

        int[] widths = [12, 34, 26, 12, 18, 14, 8, 8, 14, 14, 18];
        for (var c = 0; c < widths.Length; c++)
        {
            sheet.Column(c + 1).Width = widths[c];
        }

        sheet.SheetView.FreezeRows(3);
        sheet.Range(3, 1, Math.Max(3, row - 1), headings.Length).SetAutoFilter();
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}
