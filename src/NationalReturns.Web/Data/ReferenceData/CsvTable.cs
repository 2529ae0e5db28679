using System.Text;

namespace NationalReturns.Web.Data.ReferenceData;

/// <summary>
/// A small RFC 4180 reader for the reference files: quoted fields may hold commas, doubled quotes
/// and line breaks. The files are a few hundred KB, so they are read whole.
/// </summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(string name, IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        Name = name;
        _columns = header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i, StringComparer.Ordinal);
        Rows = rows.Select(r => new CsvRow(this, r)).ToList();
    }

    public string Name { get; }

    public IReadOnlyList<CsvRow> Rows { get; }

    public static CsvTable Read(string path)
    {
        var records = Parse(File.ReadAllText(path, Encoding.UTF8)).ToList();
        if (records.Count == 0)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)} is empty: it needs a header row.");
        }

        var header = records[0];
        for (var i = 1; i < records.Count; i++)
        {
            if (records[i].Length != header.Length)
            {
                throw new InvalidDataException($"{Path.GetFileName(path)} record {i + 1} has {records[i].Length} fields; the header has {header.Length}.");
            }
        }

        return new CsvTable(Path.GetFileName(path), header, records.Skip(1).ToList());
    }

    internal int Column(string name) =>
        _columns.TryGetValue(name, out var index)
            ? index
            : throw new InvalidDataException($"{Name} has no column '{name}'.");

    private static IEnumerable<string[]> Parse(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
                else
                {
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inQuotes = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    yield return fields.ToArray();
                    fields.Clear();
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return fields.ToArray();
        }
    }
}

public sealed class CsvRow(CsvTable table, string[] values)
{
    public string this[string column] => values[table.Column(column)];

    public string? Optional(string column)
    {
        var value = this[column].Trim();
        return value.Length == 0 ? null : value;
    }

    public int WholeNumber(string column) =>
        int.TryParse(this[column], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"{table.Name}: '{this[column]}' in column {column} is not a whole number.");
}
