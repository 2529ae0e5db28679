using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Indicators;
using NationalReturns.Domain.Periods;
using NationalReturns.Web.Features.Benchmarking;
using NationalReturns.Web.Features.Indicators;
using Line = NationalReturns.Web.Features.Indicators.ShowIndicator.Line;

namespace NationalReturns.Web.Features.Packs;

public enum PackKind
{
    Area,
    Region,
    England,
}

/// <summary>
/// What a benchmarking pack holds, as tables: the dashboards' own figures (<see cref="ShowDashboard"/>'s summary,
/// trend and neighbours tables for an area; the same lines for a region or England) under the disclosure officials
/// see, since a pack is made to be forwarded. <see cref="PackWorkbook"/> writes it.
/// </summary>
public static class BuildPack
{
    /// <summary>Officials' view: small counts withheld and totals beside them rounded, for every reader of a pack.</summary>
    public static readonly Viewer Published = new(new HashSet<string>());

    public sealed record Sheet(string Name, string Title, string Summary, IReadOnlyList<ChartData> Tables);

    /// <param name="Revised">How many of the quarter's returns behind the pack were published again after a reopening (R).</param>
    public sealed record Content(PackKind Kind, string Code, string Subject, ReturnPeriod Period, Coverage Coverage, bool Provisional, int Revised,
        IReadOnlyList<Sheet> Sheets, DateTimeOffset Produced);

    public sealed record Query(PackKind Kind, string Code, ReturnPeriod Period);

    public sealed class Handler(BenchmarkingData data, ShowDashboard.Handler dashboards, Data.NationalReturnsDbContext db, TimeProvider clock)
    {
        /// <summary>Null when there is no such area or region, or it has no figures for the quarter.</summary>
        public async Task<(Content? Content, string Source)> HandleAsync(Query query, CancellationToken ct)
        {
            using var span = Infrastructure.Telemetry.Step($"gather pack {query.Kind} {query.Code}");
            var snapshot = await data.GetAsync(ct);
            var content = query.Kind == PackKind.Area
                ? await AreaAsync(snapshot, query, ct)
                : Collective(snapshot, query);
            if (content is null)
            {
                return (null, snapshot.Source);
            }

            var members = query.Kind switch
            {
                PackKind.Area => [query.Code],
                PackKind.Region => snapshot.Authorities.Values.Where(a => a.RegionCode == query.Code).Select(a => a.Code).ToList(),
                _ => (List<string>?)null,
            };
            var period = query.Period.UrlSegment;
            var revised = await db.AuthorityReturns.CountAsync(r => r.Period == period && r.Revision > 0 && r.PublishedAt != null && (members == null || members.Contains(r.AuthorityCode)), ct);
            return (content with { Revised = revised }, snapshot.Source);
        }

        private async Task<Content?> AreaAsync(BenchmarkingSnapshot snapshot, Query query, CancellationToken ct)
        {
            if (await dashboards.HandleAsync(new ShowDashboard.Query(query.Code, query.Period, Published, SeesScores: true), ct) is not { } model)
            {
                return null;
            }

            // The dashboard's summary table, less what the cover says once (coverage) and the code: a page's width of columns.
            var headline = Without(model.Table, "indicator_id", "england_included", "england_of", "region_included", "region_of");
            var sheets = new List<Sheet> { new("Summary", $"{model.Area.Name}: every indicator, {model.Period}", model.Table.Summary, [headline]) };
            foreach (var family in IndicatorFamilies.All)
            {
                var rows = model.Rows.Where(r => IndicatorFamilies.Of(r.Indicator) == family).ToList();
                sheets.Add(new(SheetName(family), $"{IndicatorFamilies.Label(family)}: {model.Area.Name} over time and beside its neighbours",
                    $"For each indicator, {model.Area.Name}'s quarters beside its region, England and its neighbours' median, then {model.Area.Name} beside its ten statistical neighbours in {model.Period}.",
                    [.. rows.SelectMany(r => new[] { r.Trend, r.NeighboursChart })]));
            }

            sheets.Add(Scores(snapshot, [query.Code], model.Area.Name, own: true));
            sheets.AddRange(Reference());
            return new Content(PackKind.Area, query.Code, model.Area.Name, model.Period, model.Coverage, model.Provisional, 0,
                sheets, clock.GetUtcNow());
        }

        private Content? Collective(BenchmarkingSnapshot snapshot, Query query)
        {
            var england = query.Kind == PackKind.England;
            if (england ? query.Code != IndicatorTable.EnglandCode : !snapshot.Regions.ContainsKey(query.Code))
            {
                return null;
            }

            if (!snapshot.Periods.Contains(query.Period))
            {
                return null;
            }

            var name = snapshot.Names[query.Code];
            // England's members are the regions; a region's are its authorities that existed in the quarter.
            var members = england
                ? snapshot.Regions.Keys.Order(StringComparer.Ordinal).ToList()
                : snapshot.Authorities.Values.Where(a => a.RegionCode == query.Code).Select(a => a.Code).Order(StringComparer.Ordinal).ToList();
            var lines = IndicatorCatalogue.All.ToDictionary(i => i.Id, i => LineAt(snapshot, i.Id, query.Code, query.Period));
            var sheets = new List<Sheet> { new("Summary", $"{name}: every indicator, {query.Period}", SummaryOf(name, lines.Values), [CollectiveSummary(snapshot, query, name, lines)]) };
            foreach (var family in IndicatorFamilies.All)
            {
                var indicators = IndicatorCatalogue.All.Where(i => IndicatorFamilies.Of(i) == family).ToList();
                sheets.Add(new(SheetName(family), $"{IndicatorFamilies.Label(family)}: {name} over time and its {(england ? "regions" : "authorities")}",
                    $"For each indicator, {name}'s quarters{(england ? "" : " beside England's")}, then every {(england ? "region" : "authority in the region")} in {query.Period}.",
                    [.. indicators.SelectMany(i => new[] { Series(snapshot, i, query.Code, england), Members(snapshot, i, query.Period, members, name) })]));
            }

            var memberAuthorities = england ? snapshot.Authorities.Keys.ToList() : members;
            sheets.Add(Scores(snapshot, memberAuthorities, name, own: false));
            sheets.AddRange(Reference());
            var coverage = england ? snapshot.CoverageOf(query.Period) : new Coverage(lines.Values.Max(l => l?.Included ?? 0), lines.Values.Max(l => l?.Of ?? 0));
            return new Content(query.Kind, query.Code, name, query.Period, coverage, snapshot.IsProvisional(query.Period), 0,
                sheets, clock.GetUtcNow());
        }
    }

    /// <summary>A table without some of its columns: the same rows, the same figures.</summary>
    public static ChartData Without(ChartData table, params string[] keys)
    {
        var kept = table.Columns.Select((c, i) => (c, i)).Where(x => !keys.Contains(x.c.Key)).ToList();
        return table with
        {
            Columns = [.. kept.Select(x => x.c)],
            Rows = [.. table.Rows.Select(r => (IReadOnlyList<object?>)[.. kept.Select(x => r[x.i])])],
        };
    }

    /// <summary>Excel's limit is 31 characters, and a sheet's name is what a link to it says.</summary>
    public static string SheetName(IndicatorFamily family) => family switch
    {
        IndicatorFamily.ChildrensSocialCare => "Children's social care",
        IndicatorFamily.YouthJustice => "Youth justice",
        IndicatorFamily.Homelessness => "Homelessness",
        _ => "Early help",
    };

    private static Line? LineAt(BenchmarkingSnapshot snapshot, string indicator, string code, ReturnPeriod period) =>
        snapshot.Find(indicator, code, period) is { } r ? snapshot.Line(r, Published) : null;

    private static string SummaryOf(string name, IEnumerable<Line?> lines) =>
        $"{name}: {Comparisons.Tally(lines.Where(l => l?.Value is not null).Select(l => l!.ComparedWithEngland))}.";

    private static readonly ChartColumn[] CollectiveColumns =
    [
        new("indicator", "Indicator", ColumnKind.Text),
        new("unit", "Unit", ColumnKind.Text),
        new("count", "Count", ColumnKind.Count),
        new("value", "Value", ColumnKind.Number),
        new("lower_95", "95% lower", ColumnKind.Number),
        new("upper_95", "95% upper", ColumnKind.Number),
        new("england", "England", ColumnKind.Number),
        new("included", "Authorities included", ColumnKind.Count),
        new("of", "Authorities expected", ColumnKind.Count),
        new("compared_with_england", "Compared with England", ColumnKind.Comparison),
        new("change_since_previous", "Change since last quarter", ColumnKind.Number),
        new("change_since_previous_significance", "Last quarter's change", ColumnKind.Comparison),
        new("change_since_year_earlier", "Change since a year earlier", ColumnKind.Number),
        new("change_since_year_earlier_significance", "A year's change", ColumnKind.Comparison),
        new("trend", "Recent trend", ColumnKind.Text),
    ];

    private static ChartData CollectiveSummary(BenchmarkingSnapshot snapshot, Query query, string name, IReadOnlyDictionary<string, Line?> lines)
    {
        var rows = IndicatorCatalogue.All.Select(i =>
        {
            var l = lines[i.Id];
            var england = LineAt(snapshot, i.Id, IndicatorTable.EnglandCode, query.Period);
            return (IReadOnlyList<object?>)
            [
                i.Title, i.Unit, l is null ? "x" : ShowDashboard.CountCell(l), l?.Value, l?.Lower95, l?.Upper95, england?.Value, l?.Included, l?.Of,
                l?.ComparedWithEngland ?? nameof(Domain.Statistics.Significance.NotCompared), l?.ChangeSincePrevious, l?.ChangeSincePreviousSignificance,
                l?.ChangeSinceYearEarlier, l?.ChangeSinceYearEarlierSignificance, l is null ? "" : IndicatorViewer.Trend(l.Trend),
            ];
        }).ToList();
        return new ChartData("table", $"pack-{query.Code}-{query.Period.UrlSegment}", $"{name}: every indicator, {query.Period}", SummaryOf(name, lines.Values), "", CollectiveColumns, rows);
    }

    private static readonly ChartColumn[] SeriesColumns =
    [
        new("period", "Quarter", ColumnKind.Text),
        new("count", "Count", ColumnKind.Count),
        new("value", "Value", ColumnKind.Number),
        new("lower_95", "95% lower", ColumnKind.Number),
        new("upper_95", "95% upper", ColumnKind.Number),
        new("england", "England", ColumnKind.Number),
        new("included", "Authorities included", ColumnKind.Count),
        new("of", "Authorities expected", ColumnKind.Count),
        new("provisional", "Provisional", ColumnKind.Text),
    ];

    private static ChartData Series(BenchmarkingSnapshot snapshot, IndicatorDefinition indicator, string code, bool england)
    {
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var record in snapshot.Series(indicator.Id, code))
        {
            var period = ReturnPeriod.Parse(record.Period);
            var l = snapshot.Line(record, Published);
            var e = england ? l : LineAt(snapshot, indicator.Id, IndicatorTable.EnglandCode, period);
            rows.Add([record.Period, ShowDashboard.CountCell(l), l.Value, l.Lower95, l.Upper95, e?.Value, l.Included, l.Of, snapshot.IsProvisional(period) ? "yes" : "no"]);
        }

        var name = snapshot.Names[code];
        return new ChartData("table", $"series-{code}-{indicator.Id}", $"{indicator.Title}, {name}, by quarter", $"{rows.Count} quarters.", indicator.Unit, SeriesColumns, rows);
    }

    private static readonly ChartColumn[] MemberColumns =
    [
        new("code", "Code", ColumnKind.Text),
        new("name", "Area", ColumnKind.Text),
        new("count", "Count", ColumnKind.Count),
        new("value", "Value", ColumnKind.Number),
        new("lower_95", "95% lower", ColumnKind.Number),
        new("upper_95", "95% upper", ColumnKind.Number),
        new("compared_with_england", "Compared with England", ColumnKind.Comparison),
    ];

    private static ChartData Members(BenchmarkingSnapshot snapshot, IndicatorDefinition indicator, ReturnPeriod period, IReadOnlyList<string> members, string name)
    {
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var code in members)
        {
            if (snapshot.Find(indicator.Id, code, period) is not { Symbol: not ValueSymbol.NotApplicable } record)
            {
                continue;
            }

            var l = snapshot.Line(record, Published);
            rows.Add([code, l.Name, ShowDashboard.CountCell(l), l.Value, l.Lower95, l.Upper95, l.ComparedWithEngland]);
        }

        return new ChartData("table", $"members-{indicator.Id}-{period.UrlSegment}", $"{indicator.Title}, {name}'s areas, {period}",
            Comparisons.Tally(rows.Where(r => r[3] is not null).Select(r => (string)r[6]!)), indicator.Unit, MemberColumns, rows);
    }

    private static readonly ChartColumn[] ScoreColumns =
    [
        new("code", "Code", ColumnKind.Text),
        new("name", "Authority", ColumnKind.Text),
        new("framework", "Framework", ColumnKind.Text),
        new("year", "Year", ColumnKind.Text),
        new("index", "Maturity index (self-assessed)", ColumnKind.Number),
        new("stage", "Stage (self-assessed)", ColumnKind.Count),
        new("agreed_index", "Maturity index (agreed)", ColumnKind.Number),
        new("agreed_stage", "Stage (agreed)", ColumnKind.Count),
        new("moderated", "Moderated", ColumnKind.Text),
    ];

    private static readonly ChartColumn[] LevelColumns =
    [
        new("code", "Code", ColumnKind.Text),
        new("name", "Authority", ColumnKind.Text),
        new("framework", "Framework", ColumnKind.Text),
        new("year", "Year", ColumnKind.Text),
        new("area", "Area of the framework", ColumnKind.Text),
        new("level", "Level (self-assessed)", ColumnKind.Count),
        new("agreed_level", "Level (agreed)", ColumnKind.Count),
    ];

    private static readonly ChartColumn[] DistributionColumns =
    [
        new("framework", "Framework", ColumnKind.Text),
        new("year", "Year", ColumnKind.Text),
        new("stage", "Stage (agreed)", ColumnKind.Count),
        new("authorities", "Authorities", ColumnKind.Count),
        new("share", "Share of authorities (%)", ColumnKind.Number),
    ];

    /// <summary>The subject's signed-off scores, this year and last, and every authority's, by stage, for the same years.</summary>
    private static Sheet Scores(BenchmarkingSnapshot snapshot, IReadOnlyList<string> codes, string name, bool own)
    {
        var all = snapshot.Scores.Values.SelectMany(s => s).ToList();
        var years = all.Select(s => s.Year).Distinct().OrderDescending().Take(2).ToHashSet();
        var theirs = codes.SelectMany(c => snapshot.Scores.GetValueOrDefault(c, [])).Where(s => years.Contains(s.Year))
            .OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.Framework.Code, StringComparer.Ordinal).ThenByDescending(s => s.Year)
            .Select(s => (IReadOnlyList<object?>)[s.OnsCode, s.Name, s.Framework.ShortName, s.Year.ToString(), s.Self.Index, (double)s.Self.Stage, s.Agreed.Index, (double)s.Agreed.Stage, s.Moderated ? "yes" : "no"])
            .ToList();
        var distribution = all.Where(s => years.Contains(s.Year)).GroupBy(s => (s.Framework.ShortName, s.Year))
            .OrderBy(g => g.Key.ShortName, StringComparer.Ordinal).ThenByDescending(g => g.Key.Year)
            .SelectMany(g => g.GroupBy(s => s.Agreed.Stage).OrderBy(s => s.Key)
                .Select(s => (IReadOnlyList<object?>)[g.Key.ShortName, g.Key.Year.ToString(), (double)s.Key, (double)s.Count(), 100.0 * s.Count() / g.Count()]))
            .ToList();
        // Each area of each framework: its level as self-assessed and as agreed after moderation.
        var levels = codes.SelectMany(c => snapshot.Scores.GetValueOrDefault(c, [])).Where(s => years.Contains(s.Year))
            .OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.Framework.Code, StringComparer.Ordinal).ThenByDescending(s => s.Year)
            .SelectMany(s => s.Self.Areas.Select(a => (IReadOnlyList<object?>)[s.OnsCode, s.Name, s.Framework.ShortName, s.Year.ToString(), a.Name, (double)a.Level, s.Agreed.Area(a.Code) is { } agreed ? (double)agreed.Level : null]))
            .ToList();
        return new Sheet("Self-assessment", $"Self-assessment scores: {name}{(own ? "" : "'s authorities")} and every authority",
            "Signed-off Early Help System Guide and Data Maturity Model assessments, this year and last: the index and stage as self-assessed and as agreed after moderation.",
            [
                new ChartData("table", "scores", $"{name}: signed-off assessments", $"{theirs.Count} signed-off assessments.", "", ScoreColumns, theirs),
                new ChartData("table", "scores-levels", $"{name}: each area's level", "Levels run from the framework's first to its last; the stage and index above are made from them.", "", LevelColumns, levels),
                new ChartData("table", "scores-national", "Every authority by agreed stage", "How many authorities are at each stage, nationally.", "", DistributionColumns, distribution),
            ]);
    }

    private static readonly ChartColumn[] DefinitionColumns =
    [
        new("indicator_id", "Indicator code", ColumnKind.Text),
        new("indicator", "Indicator", ColumnKind.Text),
        new("definition", "Definition", ColumnKind.Text),
        new("numerator", "Numerator", ColumnKind.Text),
        new("unit", "Unit", ColumnKind.Text),
        new("polarity", "Better is", ColumnKind.Text),
        new("interval", "Interval method", ColumnKind.Text),
        new("benchmark", "Compared with", ColumnKind.Text),
        new("caveats", "Caveats", ColumnKind.Text),
    ];

    private static readonly ChartColumn[] NoteColumns = [new("symbol", "Mark", ColumnKind.Text), new("note", "What it means", ColumnKind.Text)];

    /// <summary>Notes on symbols, rounding, revisions and provisional quarters, as the pages and methodology say them.</summary>
    public static readonly IReadOnlyList<(string Mark, string Note)> Notes =
    [
        ("c", "Withheld: a count of 1 to 4, or a figure from which one could be worked out. Totals beside a withheld figure are rounded to the nearest 10."),
        ("x", "Not available: the authority's return for the quarter is not in, or the figure cannot be calculated."),
        ("z", "Not applicable: the authority did not exist in the quarter."),
        ("R", "Revised: the figure has changed since it was first published, because a return was resubmitted."),
        ("Provisional", "Not every authority's return for the quarter is in: England and region figures are made from those that are, and the coverage says how many."),
        ("Rounding", "Rates and percentages are shown to one decimal place; the cells hold the unrounded values, formatted."),
        ("Intervals", "95% confidence intervals: Byar's method for counts and rates, Wilson's score method for proportions. Compared with England at 95% and 99.8%."),
    ];

    private static IEnumerable<Sheet> Reference()
    {
        var definitions = IndicatorCatalogue.All.Select(i => (IReadOnlyList<object?>)
            [i.Id, i.Title, i.Definition, i.Numerator, i.Unit, i.Polarity.ToString(), i.Interval.ToString(), i.Benchmark, i.Caveats]).ToList();
        yield return new Sheet("Definitions", "Definitions and methods", "Every indicator in the pack, as the indicator catalogue defines it.",
            [new ChartData("table", "definitions", "Indicator definitions", "", "", DefinitionColumns, definitions)]);
        yield return new Sheet("Notes", "Notes", "What the marks in the pack mean.",
            [new ChartData("table", "notes", "Symbols, rounding and revisions", "", "", NoteColumns, [.. Notes.Select(n => (IReadOnlyList<object?>)[n.Mark, n.Note])])]);
    }
}
