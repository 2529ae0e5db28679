using System.Globalization;
using NationalReturns.Domain.Returns;

namespace NationalReturns.Domain.SelfAssessments;

/// <summary>What an uploaded assessment workbook says it is for, and its answers, or what is wrong with it.</summary>
public sealed record AssessmentWorkbookReading(IReadOnlyList<RatingAnswer> Answers, IReadOnlyList<string> Errors);

/// <summary>
/// The layout of the assessment workbook, shared by the template writer and the reader: an About sheet
/// naming the authority, framework, version and year, then a sheet per area with a row per descriptor.
/// The reader finds things by their labels and codes, not by fixed rows, so a preparer's extra notes or
/// sorted rows do not break it.
/// </summary>
public static class AssessmentWorkbook
{
    public const string AboutSheet = "About";
    public const int HeaderRow = 3;
    public const string AuthorityLabel = "Authority code";
    public const string FrameworkLabel = "Framework";
    public const string VersionLabel = "Version";
    public const string YearLabel = "Year";

    public static readonly IReadOnlyList<string> Headings = ["Code", "Descriptor", "Level now", "Evidence", "Target level next year", "Planned actions"];

    public const int CodeColumn = 1;
    public const int LevelColumn = 3;
    public const int EvidenceColumn = 4;
    public const int TargetColumn = 5;
    public const int ActionsColumn = 6;

    /// <summary>The About sheet's label → value pairs (column A → column B).</summary>
    public static IReadOnlyDictionary<string, string> About(WorkbookSource source)
    {
        var about = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var sheet = source.SheetNames.FirstOrDefault(n => string.Equals(n, AboutSheet, StringComparison.OrdinalIgnoreCase));
        if (sheet is null)
        {
            return about;
        }

        foreach (var row in source.Rows(sheet))
        {
            var label = Text(row, 1);
            if (label.Length > 0)
            {
                about.TryAdd(label, Text(row, 2));
            }
        }

        return about;
    }

    /// <summary>Checks the About sheet is for this assessment; null when it is, otherwise the reason it is not.</summary>
    public static string? Mismatch(IReadOnlyDictionary<string, string> about, Framework framework, string onsCode, AssessmentYear year)
    {
        if (about.Count == 0 || !about.TryGetValue(FrameworkLabel, out var code))
        {
            return $"This workbook is not a self-assessment template: it has no {AboutSheet} sheet naming the framework. Download the {framework.ShortName} template for {year.Label} from this service, fill it in and upload that.";
        }

        if (!string.Equals(code, framework.Code, StringComparison.OrdinalIgnoreCase))
        {
            return $"This workbook is for the framework \"{Shorten(code)}\", not the {framework.ShortName}. Upload it on that framework's page, or download this framework's template.";
        }

        if (about.GetValueOrDefault(VersionLabel) != framework.Version.ToString(CultureInfo.InvariantCulture))
        {
            return $"This workbook is for version {Shorten(about.GetValueOrDefault(VersionLabel) ?? "")} of the {framework.ShortName}; {year.Label} uses version {framework.Version}. Download the template again and copy your answers into it.";
        }

        if (!string.Equals(about.GetValueOrDefault(AuthorityLabel), onsCode, StringComparison.OrdinalIgnoreCase))
        {
            return $"This workbook is for authority {Shorten(about.GetValueOrDefault(AuthorityLabel) ?? "(none)")}, not {onsCode}. Upload your own authority's workbook.";
        }

        return about.GetValueOrDefault(YearLabel) == year.Label ? null
            : $"This workbook is for {Shorten(about.GetValueOrDefault(YearLabel) ?? "(no year)")}, not {year.Label}. Download the {year.Label} template and copy your answers into it.";
    }

    public static AssessmentWorkbookReading Read(WorkbookSource source, Framework framework)
    {
        var answers = new List<RatingAnswer>();
        var errors = new List<string>();
        foreach (var area in framework.Areas)
        {
            var sheet = source.SheetNames.FirstOrDefault(n => string.Equals(n.Trim(), area.Name, StringComparison.OrdinalIgnoreCase));
            if (sheet is null)
            {
                errors.Add($"The sheet \"{area.Name}\" is missing. Every {framework.PartName} has its own sheet; download the template again if it was deleted.");
                continue;
            }

            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var row in source.Rows(sheet).Where(r => r.RowNumber > HeaderRow))
            {
                var code = Text(row, CodeColumn);
                if (code.Length == 0)
                {
                    continue;
                }

                var descriptor = area.Descriptors.FirstOrDefault(d => string.Equals(d.Code, code, StringComparison.OrdinalIgnoreCase));
                if (descriptor is null)
                {
                    errors.Add($"{area.Name}, row {row.RowNumber}: \"{Shorten(code)}\" is not a descriptor of {area.Name}.");
                    continue;
                }

                if (!seen.Add(descriptor.Code))
                {
                    errors.Add($"{area.Name}, row {row.RowNumber}: {descriptor.Code} appears more than once.");
                    continue;
                }

                var level = LevelIn(row, LevelColumn, framework, area, "level now", errors);
                var target = LevelIn(row, TargetColumn, framework, area, "target level", errors);
                answers.Add(new RatingAnswer(descriptor.Code, level, Blank(Text(row, EvidenceColumn)), target, Blank(Text(row, ActionsColumn))));
            }

            foreach (var missing in area.Descriptors.Where(d => !seen.Contains(d.Code)))
            {
                errors.Add($"{area.Name}: the row for {missing.Code} is missing.");
            }
        }

        return new AssessmentWorkbookReading(answers, errors);
    }

    private static int? LevelIn(RawRow row, int column, Framework framework, FrameworkArea area, string what, List<string> errors)
    {
        var text = Text(row, column);
        if (text.Length == 0)
        {
            return null;
        }

        if (framework.LevelFrom(text) is { } level)
        {
            return level;
        }

        errors.Add($"{area.Name}, row {row.RowNumber}: the {what} \"{Shorten(text)}\" is not one of {framework.LevelList}.");
        return null;
    }

    private static string Text(RawRow row, int column)
    {
        foreach (var cell in row.Cells)
        {
            if (cell.Column == column)
            {
                return cell.Value.IsBlank ? "" : cell.Value.Display.Trim();
            }
        }

        return "";
    }

    private static string? Blank(string text) => text.Length == 0 ? null : text;

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
