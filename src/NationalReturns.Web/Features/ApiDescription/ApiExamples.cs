using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using NationalReturns.Domain.Indicators;
using NationalReturns.Domain.Periods;
using NationalReturns.Web.Features.Areas;
using NationalReturns.Web.Features.Benchmarking;
using NationalReturns.Web.Features.Indicators;
using NationalReturns.Web.Features.Returns;

namespace NationalReturns.Web.Features.ApiDescription;

/// <summary>
/// An example answer for every operation, and for the problems it can answer with, as the API description shows
/// them. Each is built from the API's own types and written by the API's own serialisation (the chart data's, the
/// indicator CSV's), so an example cannot take a shape the API does not answer in. The figures are Blackpool's
/// (E06000009) for 2025-26 Q4, at the rates such figures really run at; the neighbours are its real ones.
/// </summary>
public static class ApiExamples
{
    /// <summary>An answer: its summary, its JSON, and its CSV where the operation also answers in CSV.</summary>
    public sealed record Answer(string Summary, JsonNode Json)
    {
        public string? Csv { get; init; }
    }

    /// <summary>One operation's examples: its answer, and a problem document for each refusal it declares itself.</summary>
    public sealed record Operation(Answer Answer, IReadOnlyDictionary<int, ProblemDetails> Problems);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly ReturnPeriod Quarter = ReturnPeriod.Parse("2025-26 Q4");

    /// <summary>
    /// A problem document as ASP.NET Core writes one: the RFC 9110 section for the status as its type, where ASP.NET
    /// Core knows one (it has none for 429). Answers also carry a traceId, different every time, to quote when asking
    /// for help.
    /// </summary>
    public static ProblemDetails Problem(int status, string title, string? detail = null) => new()
    {
        Type = status switch
        {
            400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
            403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
            404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
            409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
            413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
            422 => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
            _ => null,
        },
        Status = status,
        Title = title,
        Detail = detail,
    };

    public static JsonNode Node<T>(T value) => JsonSerializer.SerializeToNode(value, Json)!;

    private static Operation ChartOperation(string summary, ChartData chart) => new(
        new Answer(summary, JsonNode.Parse(chart.ToJson())!) { Csv = Encoding.UTF8.GetString(chart.ToCsv()) },
        new Dictionary<int, ProblemDetails>
        {
            [400] = Problem(400, "Bad request.", "The format 'xlsx' is not json or csv."),
            [404] = Problem(404, "Not found.", "E06000009 has no CARE-START figures for 2026-27 Q2. GET /api/v1/indicators lists the indicators."),
        });

    private static readonly AreasApiController.AreaResource Blackpool = new("E06000009", "890", "Blackpool", "unitary", "North West", null,
        ["E06000001", "E06000002", "E08000024", "E08000012", "E08000023", "E06000003", "E08000005", "E06000027", "E08000006", "E06000021"]);

    private static readonly AreasApiController.AreaResource Cumberland = new("E06000063", "942", "Cumberland", "unitary", "North West", null,
        ["E06000064", "E10000019", "E06000019", "E10000017", "E06000013", "E08000036", "E10000028", "E06000057", "E08000017", "E08000038"]);

    private static readonly ReturnsApiController.ReturnJson UploadedReturn = new("E06000009", "2025-26-Q4", "Draft", 3, true, null, 1, 1,
    [
        new("FAM-002", "Error", "Families", "C214", "Closed date", "03/02/2026",
            "Family BPL-04127: closed on 03/02/2026, before it started on 17/02/2026. Correct whichever date is wrong.", 1),
        new("FAM-007", "Query", "Families", "G388", "Need: education", "N",
            "Family BPL-05311: has 2 of the ten needs marked Y; families need 3 or more to be eligible. Check the needs; if they are right, explain why the family is on the programme.", 1),
    ]);

    /// <summary>Children starting to be looked after in the four quarters to 2025-26 Q4, per 10,000 children.</summary>
    private static readonly ShowIndicator.Model CareStarts = new(IndicatorCatalogue.Find("CARE-START")!, Quarter, AreaLevel.Authority, [Quarter],
    [
        new("E06000009", "Blackpool", "2025-26 Q4", 195, 28_923, 67.4, 58.3, 77.6, 54.9, 82.4, "Worse", "Worse", 48.9, 47.6, 153, 153, 4,
            "Decreasing", -3.1, "Similar", -8.6, "Lower", 4, 4, ""),
        new("E06000001", "Hartlepool", "2025-26 Q4", 98, 19_874, 49.3, 40.0, 60.1, 36.4, 64.6, "Worse", "Worse", 44.1, 43.2, 146, 153, 4,
            "NoSignificantChange", 1.5, "Similar", 2.0, "Similar", 4, 4, ""),
        new("E09000007", "Camden", "2025-26 Q4", 61, 40_211, 15.2, 11.6, 19.5, 10.3, 21.3, "Better", "Similar", 18.4, 18.9, 12, 153, 1,
            "NoSignificantChange", 0.7, "Similar", -1.2, "Similar", 4, 4, ""),
    ], IndicatorCalculator.DefaultDisclosureLimit);

    private static readonly ChartData DashboardTable = new("table", "dashboard-E06000009-2025-26-Q4", "Blackpool: every indicator, 2025-26 Q4",
        "Blackpool, 2025-26 Q4: 9 worse than England, 2 similar, 1 not compared.", "", ShowDashboard.TableColumns,
        [
            ["CARE-START", "Children starting to be looked after", "per 10,000 children", 195, 67.4, 58.3, 77.6, 26.1, 153, 153, 35.2, 24, 24, 48.9,
                153, 153, 4, "Worse", "Worse", -3.1, "Similar", -8.6, "Lower", "Decreasing"],
            ["YJ-FTE", "First-time entrants to the youth justice system", "per 100,000 children aged 10 to 17", 41, 311.0, 223.2, 421.9, 165.4, 152, 153, 181.7,
                24, 24, 236.8, 141, 153, 4, "Worse", "Worse", 12.4, "Similar", 20.3, "Similar", "No significant change"],
        ]);

    private static readonly ChartData Spine = new("spine", "spine-E06000009", "Blackpool against England and every authority, 2025-26 Q4",
        "Of the 11 indicators on the chart for 2025-26 Q4, Blackpool is 9 worse than England, 2 similar to England.", "", ShowDashboard.SpineColumns,
        [
            ["Children starting to be looked after", "per 10,000 children", 67.4, "Worse", 35.2, 26.1, 67.4, 32.8, 18.9, 8.7, 0.0, 0.39, 0.0, 0.42, 0.59, 0.71, 153],
            ["First-time entrants to the youth justice system", "per 100,000 children aged 10 to 17", 311.0, "Worse", 181.7, 165.4, 402.7, 214.0, 121.9, 52.1, 0.19, 0.47, 0.0, 0.4, 0.59, 0.74, 152],
        ])
    { Polarity = "better-right", Notes = ["Families worked with is left off: it has no better or worse direction to place it by."] };

    private static readonly ChartData Trend = new("trend", "trend-E06000009-CARE-START", "Children starting to be looked after, Blackpool, by quarter",
        "Blackpool's figure fell from 76.0 to 67.4 over the last four quarters and is worse than England in each.", "per 10,000 children", ShowDashboard.TrendColumns,
        [
            ["2025-26 Q1", 220, 76.0, 66.3, 86.8, 26.8, 36.0, 49.7, "Worse", "no"],
            ["2025-26 Q2", 212, 73.3, 63.8, 83.8, 26.6, 35.8, 49.5, "Worse", "no"],
            ["2025-26 Q3", 204, 70.5, 61.2, 80.9, 26.3, 35.5, 49.2, "Worse", "no"],
            ["2025-26 Q4", 195, 67.4, 58.3, 77.6, 26.1, 35.2, 48.9, "Worse", "no"],
        ])
    { Polarity = "lower-better" };

    private static readonly ChartData Neighbours = new("bars", "neighbours-E06000009-CARE-START",
        "Children starting to be looked after: Blackpool and its statistical neighbours, 2025-26 Q4",
        "Blackpool has the highest figure of its 11-authority group: 67.4 against a neighbours' median of 48.9.", "per 10,000 children", ShowDashboard.BarColumns,
        [
            ["E06000002", "Middlesbrough", 148, 45.6, 38.5, 53.6, "Worse", "no"],
            ["E06000001", "Hartlepool", 98, 49.3, 40.0, 60.1, "Worse", "no"],
            ["E06000009", "Blackpool", 195, 67.4, 58.3, 77.6, "Worse", "yes"],
        ])
    { Polarity = "lower-better", Reference = new Dictionary<string, double?> { ["england"] = 26.1 } };

    private static readonly ChartData Compared = new("bars", "compare-CARE-START-2025-26-Q4", "Children starting to be looked after, every authority, 2025-26 Q4",
        "153 authorities: 48 better than England, 52 similar, 53 worse. Blackpool's neighbours are picked out.", "per 10,000 children", CompareAreas.Columns,
        [
            ["E09000007", "Camden", "London", 61, 15.2, 11.6, 19.5, 12, "Better", "no"],
            ["E06000001", "Hartlepool", "North East", 98, 49.3, 40.0, 60.1, 146, "Worse", "yes"],
            ["E06000009", "Blackpool", "North West", 195, 67.4, 58.3, 77.6, 153, "Worse", "yes"],
        ])
    { Polarity = "lower-better", Reference = new Dictionary<string, double?> { ["england"] = 26.1 } };

    private static readonly ChartData Funnel = new("funnel", "funnel-CARE-START-2025-26-Q4", "Children starting to be looked after against the size of each authority, 2025-26 Q4",
        "Of 153 authorities, 61 lie above the 99.8% limit and 39 below it.", "per 10,000 children", ShowFunnelPlot.Columns,
        [
            ["E09000007", "Camden", 40_211, 61, 15.2, 21.2, 31.2, 18.2, 34.7, "Best", "no"],
            ["E06000001", "Hartlepool", 19_874, 98, 49.3, 19.2, 33.6, 15.3, 38.5, "Worst", "no"],
            ["E06000009", "Blackpool", 28_923, 195, 67.4, 20.3, 32.3, 16.9, 36.5, "Worst", "yes"],
        ])
    {
        Polarity = "lower-better",
        Reference = new Dictionary<string, double?> { ["england"] = 26.1 },
        Curves =
        [
            new("lower_99_8", "99.8% limits", [28_923], [16.9]),
            new("lower_95", "95% limits", [28_923], [20.3]),
            new("upper_95", "95% limits", [28_923], [32.3]),
            new("upper_99_8", "99.8% limits", [28_923], [36.5]),
        ],
    };

    private static readonly ChartData Map = new("map", "map-CARE-START-2025-26-Q4", "Children starting to be looked after across England, 2025-26 Q4",
        "Authorities worse than England are most common in the North East and North West.", "per 10,000 children", ShowMap.Columns,
        [
            ["E06000001", "Hartlepool", "North East", 8, 23, 49.3, 4, "Worse", "no"],
            ["E06000009", "Blackpool", "North West", 5, 19, 67.4, 4, "Worse", "yes"],
            ["E09000007", "Camden", "London", 9, 6, 15.2, 1, "Better", "no"],
        ])
    { Polarity = "lower-better", Reference = new Dictionary<string, double?> { ["england"] = 26.1 } };

    private static readonly ChartData Distribution = new("box", "distribution-CARE-START", "Children starting to be looked after: how authorities spread, by quarter",
        "In 2025-26 Q4 the middle half of authorities lay between 18.9 and 32.8; the median was 25.0.", "per 10,000 children", ShowDistribution.Columns,
        [
            ["2025-26 Q3", 153, 8.9, 19.1, 25.2, 33.0, 70.5, 26.3, "no"],
            ["2025-26 Q4", 152, 8.7, 18.9, 25.0, 32.8, 67.4, 26.1, "yes"],
        ])
    { Polarity = "lower-better", Notes = ["Quarters marked provisional do not yet have (nearly) every authority's return."] };

    private static readonly ChartData Overview = new("overview", "overview-2025-26-Q4", "Every authority and indicator, 2025-26 Q4",
        "2 authorities (Blackpool and its neighbours) by 12 indicators for 2025-26 Q4, each cell coloured by its comparison with England. "
            + "Most often worse than England: children starting to be looked after (2 authorities).", "", ShowOverview.Columns,
        [
            ["E06000009", "Blackpool", "North West",
                67.4, "Worse", 201.3, "Worse", 78.2, "Worse", 311.0, "Worse", 0.6, "Similar", 3.1, "Similar",
                2.9, "Similar", 3.8, "Worse", 1.2, "Similar", 22.4, "Worse", 412.5, "Higher", 71.0, "Better"],
            ["E06000001", "Hartlepool", "North East",
                49.3, "Worse", 163.4, "Worse", 64.0, "Worse", 254.2, "Worse", "c", "NotCompared", 2.4, "Similar",
                3.4, "Worse", 3.1, "Similar", 0.9, "Similar", 17.9, "Similar", 388.0, "Higher", 66.2, "Similar"],
        ])
    { Reference = new Dictionary<string, double?> { ["CARE-START"] = 26.1, ["YJ-FTE"] = 165.4 } };

    /// <summary>Every API action's examples, by controller and action (last: it is made from the figures above).</summary>
    public static IReadOnlyDictionary<(Type Controller, string Action), Operation> ByAction { get; } = new Dictionary<(Type, string), Operation>
    {
        [(typeof(ReturnsApiController), nameof(ReturnsApiController.Upload))] = new(
            new Answer("Blackpool's return checked: stored as version 3, with one error and one query", Node(UploadedReturn)),
            new Dictionary<int, ProblemDetails>
            {
                [400] = Problem(400, "Send the workbook as a multipart form field named 'file'."),
                [404] = Problem(404, "No such authority or period.", "There is no authority with the ONS code 'E06000099'."),
                [409] = Problem(409, "The return cannot take an upload now.",
                    "This return is submitted, so it cannot be uploaded to now. The national team can query or reopen it if the figures need to change."),
                [413] = Problem(413, "The file is too large.",
                    "The file is 23 MB, which is over the 20 MB limit. A return is much smaller: upload the return template with only this return's data in it, without pictures or extra sheets."),
                [422] = Problem(422, "The file could not be read as a return.",
                    "This file is not an Excel workbook. Download the return template from this service, fill it in and upload it as an Excel Workbook (.xlsx)."),
            }),
        [(typeof(ReturnsApiController), nameof(ReturnsApiController.Get))] = new(
            new Answer("Blackpool's return for 2025-26 Q4, submitted", Node(UploadedReturn with { Status = "Submitted", Errors = 0, Issues = [UploadedReturn.Issues[1]] })),
            new Dictionary<int, ProblemDetails>
            {
                [404] = Problem(404, "No such authority or period. Periods are written like 2025-26-Q1."),
            }),
        [(typeof(IndicatorsApiController), nameof(IndicatorsApiController.Catalogue))] = new(
            new Answer("The twelve indicators", Node(IndicatorsApiController.CatalogueEntries())),
            new Dictionary<int, ProblemDetails>()),
        [(typeof(IndicatorsApiController), nameof(IndicatorsApiController.Values))] = new(
            new Answer("Children starting to be looked after in the year to 2025-26 Q4: three of the 153 authorities", Node(IndicatorsApiController.ValuesOf(CareStarts)))
            {
                Csv = ShowIndicator.Csv(CareStarts),
            },
            new Dictionary<int, ProblemDetails>
            {
                [400] = Problem(400, "The level 'district' is not one of la, region or england."),
                [404] = Problem(404, "There is no indicator 'CARE-STARTS'. GET /api/v1/indicators lists them."),
            }),
        [(typeof(ChartsApiController), nameof(ChartsApiController.Summary))] = ChartOperation("Blackpool's dashboard table for 2025-26 Q4 (two of its twelve indicators)", DashboardTable),
        [(typeof(ChartsApiController), nameof(ChartsApiController.Spine))] = ChartOperation("Blackpool's spine chart for 2025-26 Q4 (two of its eleven rows)", Spine),
        [(typeof(ChartsApiController), nameof(ChartsApiController.Trend))] = ChartOperation("Children starting to be looked after in Blackpool, the last four quarters", Trend),
        [(typeof(ChartsApiController), nameof(ChartsApiController.Neighbours))] = ChartOperation("Blackpool beside three of its ten statistical neighbours", Neighbours),
        [(typeof(ChartsApiController), nameof(ChartsApiController.Compare))] = ChartOperation("Every authority compared, Blackpool's neighbours picked out (three of 153 rows)", Compared),
        [(typeof(ChartsApiController), nameof(ChartsApiController.Funnel))] = ChartOperation("The funnel plot (three of 153 authorities, one point of each limit)", Funnel),
        [(typeof(ChartsApiController), nameof(ChartsApiController.Map))] = ChartOperation("The hex map coloured by comparison with England (three of 153 hexagons)", Map),
        [(typeof(ChartsApiController), nameof(ChartsApiController.Distribution))] = ChartOperation("How authorities spread, the last two quarters", Distribution),
        [(typeof(ChartsApiController), nameof(ChartsApiController.Overview))] = ChartOperation("Every authority against every indicator (two of 153 rows)", Overview),
        [(typeof(AreasApiController), nameof(AreasApiController.List))] = new(
            new Answer("Two of the 153 authorities", Node(new[] { Blackpool, Cumberland })),
            new Dictionary<int, ProblemDetails>()),
        [(typeof(AreasApiController), nameof(AreasApiController.Get))] = new(
            new Answer("Cumberland, which took over from Cumbria in April 2023", Node(Cumberland with { Predecessors = ["E10000006"], Successors = [] })),
            new Dictionary<int, ProblemDetails>
            {
                [404] = Problem(404, "No such area", "No local authority has the ONS code 'E06000099'. GET /api/v1/areas lists them all."),
            }),
    };
}
