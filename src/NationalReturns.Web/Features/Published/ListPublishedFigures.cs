using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Indicators;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Returns;
using NationalReturns.Web.Data;
using NationalReturns.Web.Features.Indicators;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Published;

/// <summary>
/// Each authority's published figures for a quarter. Nothing unpublished appears; a return published again
/// after reopening is marked R. The national team sees the figures of the published return as they are.
/// Everyone else sees the counts behind the indicators, under the same disclosure control (c, rounded totals):
/// a quarter's own count of starts beside the four-quarter counts the indicators publish would let a small
/// count be worked out by subtraction, so for them the flows are the four-quarter figures the indicators use.
/// </summary>
public static class ListPublishedFigures
{
    /// <summary>What the national team sees: the published return's figures (key, heading).</summary>
    public static readonly IReadOnlyList<(string Key, string Heading)> ReturnColumns =
    [
        (FieldKeys.Care.Starts, "Started to be looked after"),
        (FieldKeys.Care.ClaEnd, "Looked after at quarter end"),
        (FieldKeys.Care.CppEnd, "Child protection plans at quarter end"),
        (FieldKeys.YouthJustice.FirstTimeEntrants, "First-time entrants"),
        (FieldKeys.Homelessness.TaChildrenEnd, "Households with children in temporary accommodation"),
        (ReturnFigures.FamiliesWorkedWith, "Families worked with"),
    ];

    /// <summary>What everyone else sees: the same figures as the indicators count them (indicator, heading).</summary>
    public static readonly IReadOnlyList<(string IndicatorId, string Heading)> IndicatorColumns =
    [
        ("CARE-START", "Started to be looked after in the four quarters to the quarter"),
        ("CARE-CLA", "Looked after at quarter end"),
        ("CARE-CPP", "Child protection plans at quarter end"),
        ("YJ-FTE", "First-time entrants in the four quarters to the quarter"),
        ("HL-TA-CHILDREN", "Households with children in temporary accommodation"),
        ("EH-REACH", "Families worked with"),
    ];

    public sealed record Model(ReturnPeriod Period, IReadOnlyList<ReturnPeriod> Quarters, IReadOnlyList<string> Headings, IReadOnlyList<Line> Lines, int DisclosureLimit)
    {
        public int Published => Lines.Count(l => l.Published);
    }

    /// <param name="Cells">Each column's figure as shown: a count, c, or x.</param>
    public sealed record Line(string OnsCode, string Name, string Region, bool Published, bool Revised, DateTimeOffset? PublishedAt, IReadOnlyList<string> Cells);

    public sealed class Handler(NationalReturnsDbContext db, CollectionCalendar windows, ShowIndicator.Handler indicators)
    {
        /// <param name="inFull">The viewer may see every figure in full (the national team); otherwise disclosure control applies.</param>
        public async Task<Model> HandleAsync(ReturnPeriod? requested, bool inFull, CancellationToken ct)
        {
            // Quarters with something published, newest first: the page opens on the newest, not on the quarter
            // being collected (which has nothing published until its deadline has passed).
            var publishedQuarters = (await db.AuthorityReturns.AsNoTracking().Where(r => r.PublishedVersionId != null)
                    .Select(r => r.Period).Distinct().ToListAsync(ct))
                .Select(ReturnPeriod.Parse).OrderDescending().ToList();
            var period = requested ?? (publishedQuarters.Count > 0 ? publishedQuarters[0] : windows.Current);
            var key = period.UrlSegment;
            var published = await (from r in db.AuthorityReturns.AsNoTracking()
                                   join v in db.ReturnVersions on r.PublishedVersionId equals v.Id
                                   where r.Period == key && r.PublishedVersionId != null
                                   select new { r.AuthorityCode, v.Figures, r.Revision, r.PublishedAt }).ToDictionaryAsync(x => x.AuthorityCode, ct);
            var authorities = await db.LocalAuthorities.AsNoTracking().Where(a => a.ValidTo == null)
                .OrderBy(a => a.Region.Name).ThenBy(a => a.Name)
                .Select(a => new { a.OnsCode, a.Name, Region = a.Region.Name }).ToListAsync(ct);
            var limit = indicators.DisclosureLimit;
            var ids = IndicatorColumns.Select(c => c.IndicatorId).ToList();
            var values = inFull ? [] : await db.IndicatorValues.AsNoTracking()
                .Where(v => v.Period == key && v.Level == AreaLevel.Authority && ids.Contains(v.IndicatorId))
                .ToDictionaryAsync(v => (v.IndicatorId, v.AreaCode), ct);
            var en = English.Culture;

            string Cell(string onsCode, int column, bool revised)
            {
                var mark = revised ? " R" : "";
                if (inFull)
                {
                    return published[onsCode].Figures.TryGetValue(ReturnColumns[column].Key, out var figure) ? figure.ToString("N0", en) + mark : "x";
                }

                if (!values.TryGetValue((IndicatorColumns[column].IndicatorId, onsCode), out var record) || record.Numerator is null)
                {
                    return "x";
                }

                var line = ShowIndicator.LineOf(record, onsCode, full: false, limit);
                return line.Numerator is { } count ? count.ToString("N0", en) + mark : line.Symbol.Length > 0 ? line.Symbol : "x";
            }

            var lines = authorities.Select(a => published.TryGetValue(a.OnsCode, out var p)
                ? new Line(a.OnsCode, a.Name, a.Region, true, p.Revision > 0, p.PublishedAt,
                    Enumerable.Range(0, ReturnColumns.Count).Select(c => Cell(a.OnsCode, c, p.Revision > 0)).ToList())
                : new Line(a.OnsCode, a.Name, a.Region, false, false, null, ReturnColumns.Select(_ => "x").ToList())).ToList();
            var quarters = publishedQuarters.Append(period).Distinct().OrderDescending().Take(8).ToList();
            var headings = inFull ? ReturnColumns.Select(c => c.Heading).ToList() : IndicatorColumns.Select(c => c.Heading).ToList();
            return new Model(period, quarters, headings, lines, limit);
        }
    }

    private static readonly string[] CsvColumns = ["ons_code", "authority", "region", "published", "revised"];

    /// <summary>
    /// The table as CSV: the page's rows and figures, written for a program to read: counts without thousands
    /// separators, symbols (c, x) as they are, and a revised return said in its own column rather than by an R.
    /// </summary>
    public static string Csv(Model model)
    {
        var csv = new System.Text.StringBuilder();
        csv.Append(string.Join(',', CsvColumns.Concat(model.Headings).Select(Returns.DownloadIssues.Field))).Append("\r\n");
        foreach (var line in model.Lines)
        {
            csv.Append(string.Join(',', new[] { line.OnsCode, line.Name, line.Region, line.Published ? "yes" : "no", line.Revised ? "yes" : "no" }
                .Concat(line.Cells.Select(Plain)).Select(Returns.DownloadIssues.Field))).Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>A cell as a program reads it: "1,234 R" is 1234 (the revision has its own column).</summary>
    public static string Plain(string cell) => cell.Replace(" R", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
}
