using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using NationalReturns.Domain.Indicators;

namespace NationalReturns.Web.Features.Benchmarking;

/// <summary>
/// The overview's authority rows, a row to a line: 153 authorities by every indicator is some 1,800 cells, and with
/// GOV.UK's classes and a template's indentation on each the page was 450 KB. A cell is its comparison's colour,
/// its value and the words a screen reader says after it; <c>.nr-rug</c> styles the rest.
/// </summary>
public sealed class OverviewRows(ChartData table, string period) : IHtmlContent
{
    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(encoder);
        foreach (var row in table.Rows)
        {
            var code = encoder.Encode((string)row[0]!);
            var name = encoder.Encode((string)row[1]!);
            writer.Write($"<tr data-code=\"{code}\"><th scope=\"row\" class=\"govuk-table__header\" data-sort-value=\"{name}\"><a class=\"govuk-link\" href=\"/areas/{code}/dashboard?period={encoder.Encode(period)}\">{name}</a></th><td class=\"nr-rug__region\">{encoder.Encode(row[2] as string ?? "")}</td>");
            for (var k = 0; k < IndicatorCatalogue.All.Count; k++)
            {
                var value = row[3 + (2 * k)];
                var cmp = row[4 + (2 * k)] as string;
                var label = Indicators.IndicatorViewer.Compared(cmp ?? "NotCompared").ToLowerInvariant();
                var sortValue = value is double d ? d.ToString("R", CultureInfo.InvariantCulture) : "";
                writer.Write($"<td class=\"{Comparisons.Css(cmp)}\" data-sort-value=\"{sortValue}\">{encoder.Encode(ChartData.Shown(value, ColumnKind.Number))}<span>, {encoder.Encode(label)}</span></td>");
            }

            writer.Write("</tr>\n");
        }
    }
}
