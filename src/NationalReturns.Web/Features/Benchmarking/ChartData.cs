using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NationalReturns.Web.Features.Benchmarking;

/// <summary>How a column's cells are read and shown.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ColumnKind>))] // written as its name wherever chart data is sent, and so described
public enum ColumnKind
{
    Text,

    /// <summary>An indicator value or limit, shown to one decimal place.</summary>
    Number,

    /// <summary>A whole count (or c where withheld).</summary>
    Count,

    /// <summary>A comparison (Better, Similar, Worse…): shown as words and a colour.</summary>
    Comparison,

    /// <summary>An authority's name, linked to its dashboard by the row's code.</summary>
    Area,
}

public sealed record ChartColumn(string Key, string Label, ColumnKind Kind);

/// <summary>A line drawn across a chart: England's value, or a funnel's control limits.</summary>
public sealed record ChartCurve(string Key, string Label, IReadOnlyList<double> X, IReadOnlyList<double?> Y);

/// <summary>
/// One chart exactly as it is drawn: the rows behind it (which the page also shows as a table, and the CSV
/// holds), a sentence saying what it shows, and any reference lines. The chart script, the table, the CSV and the
/// JSON API are all written from this one object, so they cannot disagree.
/// </summary>
public sealed record ChartData(string Kind, string Id, string Title, string Summary, string Unit, IReadOnlyList<ChartColumn> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>better-right, higher-better, lower-better or none: which way the chart reads.</summary>
    public string Polarity { get; init; } = "none";

    /// <summary>Values drawn as lines across the chart, by key (england, region…).</summary>
    public IReadOnlyDictionary<string, double?> Reference { get; init; } = new Dictionary<string, double?>();

    public IReadOnlyList<ChartCurve> Curves { get; init; } = [];

    /// <summary>What the reader should know before reading the chart (provisional quarter, values left off).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public int Column(string key)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Key == key)
            {
                return i;
            }
        }

        throw new ArgumentException($"Chart {Id} has no column {key}.", nameof(key));
    }

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>Exactly the rows the chart draws, a header of column keys first.</summary>
    public byte[] ToCsv()
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', Columns.Select(c => Infrastructure.CsvCell.Of(c.Key))).Append('\n');
        foreach (var row in Rows)
        {
            csv.AppendJoin(',', row.Select(Infrastructure.CsvCell.Of)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>A cell as the table shows it: one decimal place for values, grouped whole numbers for counts.</summary>
    public static string Shown(object? value, ColumnKind kind) => value switch
    {
        null => "",
        double d when kind == ColumnKind.Count => d.ToString("N0", Infrastructure.English.Culture),
        double d => d.ToString("N1", Infrastructure.English.Culture),
        long l => l.ToString("N0", Infrastructure.English.Culture),
        int i => i.ToString("N0", Infrastructure.English.Culture),
        string s when kind == ColumnKind.Comparison => Indicators.IndicatorViewer.Compared(s),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
