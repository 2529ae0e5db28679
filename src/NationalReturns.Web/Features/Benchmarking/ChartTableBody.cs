using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace NationalReturns.Web.Features.Benchmarking;

/// <summary>
/// The body rows of a chart's table (<c>_ChartTable.cshtml</c>), a row to a line. A template indents every cell,
/// and a dashboard has some 3,500 of them: the indentation alone was a fifth of the page. Cells carry no GOV.UK
/// classes (<c>.nr-data</c> styles them the same) and a cell is a number unless marked as text (<c>t</c>), as most
/// are; the first column is the row's header.
/// </summary>
public sealed class ChartTableBody(ChartData chart, string period) : IHtmlContent
{
    /// <summary>What the table shows: positions and codes are the chart's, not the reader's.</summary>
    public static IReadOnlyList<(ChartColumn Column, int Index)> ShownColumns(ChartData chart) =>
        chart.Columns.Select((c, i) => (Column: c, Index: i)).Where(c => !c.Column.Key.EndsWith("_position", StringComparison.Ordinal) && c.Column.Key != "code").ToList();

    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(encoder);
        var columns = ShownColumns(chart);
        var code = chart.Columns.ToList().FindIndex(c => c.Key == "code");
        var query = period.Length > 0 ? "?period=" + encoder.Encode(period) : "";
        foreach (var row in chart.Rows)
        {
            var areaCode = code >= 0 ? row[code] as string : null;
            writer.Write(areaCode is null ? "<tr>" : $"<tr data-code=\"{encoder.Encode(areaCode)}\">");
            foreach (var (column, i) in columns)
            {
                var text = encoder.Encode(ChartData.Shown(row[i], column.Kind));
                var linked = column.Kind == ColumnKind.Area && areaCode is not null
                    ? $"<a class=\"govuk-link\" href=\"/areas/{encoder.Encode(areaCode)}/dashboard{query}\">{text}</a>"
                    : text;
                writer.Write(i == columns[0].Index && column.Kind is ColumnKind.Area or ColumnKind.Text
                    ? $"<th scope=\"row\" data-key=\"{encoder.Encode(column.Key)}\">{linked}</th>"
                    : column.Kind switch
                    {
                        ColumnKind.Comparison => $"<td class=\"t\"><span class=\"nr-cmp {Comparisons.Css(row[i] as string)}\">{text}</span></td>",
                        ColumnKind.Number or ColumnKind.Count => $"<td>{text}</td>",
                        _ => $"<td class=\"t\">{linked}</td>",
                    });
            }

            writer.Write("</tr>\n");
        }
    }
}
