using System.Globalization;
using System.Text;

namespace NationalReturns.Domain.Returns;

/// <summary>
/// The written contract of the return, made from the specification so it cannot drift from it:
/// docs/returns-template.md is this text, and a test fails when they differ.
/// </summary>
public static class ReturnSpecificationDocument
{
    public static string Limits(FieldSpec field)
    {
        var parts = new List<string>();
        if (field.Codes is { } codes)
        {
            parts.Add(string.Join(", ", codes.Values));
        }

        if (field.Maximum is { } maximum)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"0 to {maximum:#,##0}"));
        }
        else if (field.Type is FieldType.Count or FieldType.Amount)
        {
            parts.Add("0 or more");
        }

        if (field.Type is FieldType.Text or FieldType.Email or FieldType.Phone or FieldType.Reference)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"at most {field.MaxLength:#,##0} characters"));
        }

        if (field.Type == FieldType.Date)
        {
            parts.Add("a date, not in the future");
        }

        return string.Join("; ", parts);
    }

    public static string Markdown(ReturnSpecification spec)
    {
        var text = new StringBuilder();
        text.Append("# Return template ").Append(spec.Version).Append('\n');
        text.Append('\n');
        text.Append("<!-- Generated from NationalReturns.Domain (ReturnSpecifications). Do not edit by hand: a test compares this file with the specification. -->\n");
        text.Append('\n');
        text.Append("The ").Append(spec.CollectionName).Append(", template version ").Append(spec.Version)
            .Append(". Periods are financial-year quarters (Q1 is April to June), written `2025-26 Q1`.\n");
        text.Append("The service finds sheets, columns and form rows by their text, whatever the case, spacing or column order.\n");
        text.Append("Values may be formulas (their cached result is read), dates may be Excel dates or text (`dd/mm/yyyy` or `yyyy-mm-dd`),\n");
        text.Append("and numbers may have thousands separators. Blank rows at the end are ignored.\n");
        foreach (var sheet in spec.Sheets)
        {
            text.Append('\n').Append("## ").Append(sheet.Name).Append('\n').Append('\n');
            text.Append(sheet.Purpose).Append(' ');
            text.Append(sheet.Layout == SheetLayout.Form
                ? $"A form: one row per item, with the headings `{sheet.LabelHeader}` and `{sheet.ValueHeader}`{(sheet.PreviousHeader is null ? "" : $" (and `{sheet.PreviousHeader}`, locked)")}."
                : string.Create(CultureInfo.InvariantCulture, $"A table: one column per field, one record per row, at most {sheet.MaxRows:#,##0} rows."));
            if (sheet.SummaryRowLabels.Count > 0)
            {
                text.Append(" Rows labelled ").Append(string.Join(" or ", sheet.SummaryRowLabels.Select(l => $"`{l}`"))).Append(" are totals, not records.");
            }

            text.Append('\n').Append('\n');
            text.Append(sheet.Layout == SheetLayout.Form ? "| Row label" : "| Column heading").Append(" | Key | Type | Required | Limits and codes |\n");
            text.Append("|---|---|---|---|---|\n");
            foreach (var field in sheet.Fields)
            {
                text.Append("| ").Append(field.Header)
                    .Append(" | `").Append(field.Key).Append('`')
                    .Append(" | ").Append(field.Type)
                    .Append(" | ").Append(field.Prefilled ? "filled in by the service" : field.Required ? "yes" : "no")
                    .Append(" | ").Append(Limits(field))
                    .Append(" |\n");
            }
        }

        text.Append('\n').Append("## Checks").Append('\n').Append('\n');
        text.Append("**Error** blocks submission until corrected. **Query** is allowed with an explanation (one per rule covers all its rows).\n");
        text.Append('\n');
        text.Append("| Code | Severity | Sheet | Check |\n");
        text.Append("|---|---|---|---|\n");
        foreach (var rule in spec.Rules)
        {
            text.Append("| ").Append(rule.Info.Code)
                .Append(" | ").Append(rule.Info.Severity)
                .Append(" | ").Append(rule.Info.Sheet)
                .Append(" | **").Append(rule.Info.Title).Append(".** ").Append(rule.Info.Description)
                .Append(" |\n");
        }

        return text.ToString();
    }
}
