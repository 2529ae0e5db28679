using ClosedXML.Excel;
using NationalReturns.Domain.SelfAssessments;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.SelfAssessments;

/// <summary>
/// The workbook an authority can complete instead of the form pages: an About sheet saying whose and
/// which assessment it is (locked), then a sheet per area with a row per descriptor, drop-downs for the
/// levels and room for evidence and plans. Answers already saved are written in, so it round-trips.
/// </summary>
public static class AssessmentTemplate
{
    public sealed record File(string FileName, byte[] Content);

    public sealed class Handler(ShowAssessment.Handler show, AuditLog audit)
    {
        /// <summary>The authority's workbook with its saved answers; null when there is no such assessment to fill in.</summary>
        public async Task<File?> HandleAsync(string onsCode, string frameworkCode, AssessmentYear year, CancellationToken ct)
        {
            if (await show.HandleAsync(onsCode, frameworkCode, year, ct) is not { } model)
            {
                return null;
            }

            var content = Write(model.Framework, model.OnsCode, model.AuthorityName, model.Year, model.Answer);
            await audit.RecordAsync(AuditActions.SelfAssessmentTemplate, model.OnsCode, model.Year.Label, model.Framework.ShortName, ct: ct);
            return new File($"{model.Framework.Code}-{model.OnsCode}-{model.Year.Label}.xlsx", content);
        }
    }

    public static byte[] Write(Framework framework, string onsCode, string authorityName, AssessmentYear year, Func<string, RatingAnswer> answers)
    {
        using var workbook = new XLWorkbook();
        var about = workbook.Worksheets.Add(AssessmentWorkbook.AboutSheet);
        about.Column(1).Width = 22;
        about.Column(2).Width = 90;
        about.Cell(1, 1).SetValue($"{framework.Name}: {authorityName}, {year.Label}").Style.Font.SetBold().Font.SetFontSize(16);
        var row = 3;
        foreach (var (label, value) in new[]
        {
            (AssessmentWorkbook.AuthorityLabel, onsCode),
            ("Authority", authorityName),
            (AssessmentWorkbook.FrameworkLabel, framework.Code),
            (AssessmentWorkbook.VersionLabel, framework.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (AssessmentWorkbook.YearLabel, year.Label),
        })
        {
            about.Cell(row, 1).SetValue(label).Style.Font.SetBold();
            about.Cell(row, 2).SetValue(value).Style.Fill.SetBackgroundColor(Returns.ReturnTemplate.LockedFill);
            row++;
        }

        row++;
        about.Cell(row++, 1).SetValue("How to complete it").Style.Font.SetBold();
        foreach (var line in Instructions(framework))
        {
            about.Cell(row, 2).SetValue(line).Style.Alignment.SetWrapText();
            row++;
        }

        row++;
        about.Cell(row++, 1).SetValue("Levels").Style.Font.SetBold();
        foreach (var level in framework.Levels)
        {
            about.Cell(row, 1).SetValue($"{level.Rank}. {level.Name}");
            about.Cell(row, 2).SetValue(level.Meaning).Style.Alignment.SetWrapText();
            row++;
        }

        about.Protect();

        var levelNames = "\"" + string.Join(",", framework.Levels.Select(l => l.Name)) + "\"";
        foreach (var area in framework.Areas)
        {
            var sheet = workbook.Worksheets.Add(area.Name);
            sheet.Cell(1, 1).SetValue(area.Name).Style.Font.SetBold().Font.SetFontSize(16);
            sheet.Cell(2, 1).SetValue(area.Summary);
            for (var c = 0; c < AssessmentWorkbook.Headings.Count; c++)
            {
                sheet.Cell(AssessmentWorkbook.HeaderRow, c + 1).SetValue(AssessmentWorkbook.Headings[c]).Style.Font.SetBold().Fill.SetBackgroundColor(Returns.ReturnTemplate.HeaderFill);
            }

            double[] widths = [8, 60, 14, 70, 14, 60];
            for (var c = 0; c < widths.Length; c++)
            {
                sheet.Column(c + 1).Width = widths[c];
            }

            var r = AssessmentWorkbook.HeaderRow + 1;
            foreach (var descriptor in area.Descriptors)
            {
                var answer = answers(descriptor.Code);
                sheet.Cell(r, AssessmentWorkbook.CodeColumn).SetValue(descriptor.Code).Style.Fill.SetBackgroundColor(Returns.ReturnTemplate.LockedFill);
                sheet.Cell(r, 2).SetValue(descriptor.Text).Style.Fill.SetBackgroundColor(Returns.ReturnTemplate.LockedFill).Alignment.SetWrapText();
                sheet.Cell(r, AssessmentWorkbook.LevelColumn).SetValue(framework.LevelName(answer.Level ?? 0));
                sheet.Cell(r, AssessmentWorkbook.EvidenceColumn).SetValue(answer.Evidence ?? "");
                sheet.Cell(r, AssessmentWorkbook.TargetColumn).SetValue(framework.LevelName(answer.TargetLevel ?? 0));
                sheet.Cell(r, AssessmentWorkbook.ActionsColumn).SetValue(answer.PlannedActions ?? "");
                foreach (var column in new[] { AssessmentWorkbook.LevelColumn, AssessmentWorkbook.EvidenceColumn, AssessmentWorkbook.TargetColumn, AssessmentWorkbook.ActionsColumn })
                {
                    sheet.Cell(r, column).Style.Protection.SetLocked(false).Alignment.SetWrapText();
                }

                r++;
            }

            foreach (var column in new[] { AssessmentWorkbook.LevelColumn, AssessmentWorkbook.TargetColumn })
            {
                var validation = sheet.Range(AssessmentWorkbook.HeaderRow + 1, column, r - 1, column).SetDataValidation();
                validation.List(levelNames, true);
                validation.ErrorTitle = "Not a level";
                validation.ErrorMessage = $"Choose one of {framework.LevelList}.";
            }

            sheet.SheetView.FreezeRows(AssessmentWorkbook.HeaderRow);
            sheet.Protect().AllowElement(XLSheetProtectionElements.FormatColumns | XLSheetProtectionElements.FormatRows);
        }

        about.SetTabActive();
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static IEnumerable<string> Instructions(Framework framework) =>
    [
        $"Each {framework.PartName} has its own sheet with a row per descriptor. For each one choose the level your partnership is at now, give the evidence for it, choose a target level for next year and, where the target is higher, the actions planned to reach it.",
        "Evidence should say what is in place and how you know: a sentence at least. Levels can be chosen from the drop-down or typed.",
        "Do not change the About sheet, the codes or the sheet names: they tell the service whose assessment this is. Upload the workbook on the assessment's page; answers already saved are replaced by the workbook's.",
        framework.Provisional ? "The descriptor wording is provisional: the programme's own text was not available." : "",
    ];
}
