namespace NationalReturns.Domain.Returns;

public enum Severity
{
    /// <summary>Blocks submission until the figure is corrected.</summary>
    Error,

    /// <summary>Allowed only with an explanation.</summary>
    Query,
}

public enum FieldType
{
    /// <summary>A whole number of people, households or events, never negative.</summary>
    Count,

    /// <summary>A number that may have decimals, such as full-time equivalents.</summary>
    Amount,
    Date,
    Text,
    Email,
    Phone,

    /// <summary>One entry from the field's code list.</summary>
    Code,
    YesNo,

    /// <summary>An authority's own pseudonymous identifier: 1 to 20 letters, digits or hyphens.</summary>
    Reference,
}

public enum SheetLayout
{
    /// <summary>One field per row: a label column and an answer column (Cover, Care, Youth justice, Early help).</summary>
    Form,

    /// <summary>One field per column, one record per row (Homelessness, Families, Notes).</summary>
    Table,
}

public sealed record CodeList(string Name, IReadOnlyList<string> Values)
{
    public string? Match(string text)
    {
        var wanted = Normalise.Label(text);
        foreach (var value in Values)
        {
            if (Normalise.Label(value) == wanted)
            {
                return value;
            }
        }

        return null;
    }
}

/// <summary>One thing the return asks for: a row of a form sheet or a column of a table sheet.</summary>
public sealed record FieldSpec(string Key, string Header, FieldType Type)
{
    public bool Required { get; init; } = true;

    /// <summary>Upper limit for counts and decimals; a figure above it is a keying error.</summary>
    public decimal? Maximum { get; init; }

    public int MaxLength { get; init; } = 100;

    public CodeList? Codes { get; init; }

    /// <summary>Written by the service into the template and locked; the authority does not change it.</summary>
    public bool Prefilled { get; init; }

    /// <summary>Shown to the preparer as the cell's input message and on the template page.</summary>
    public string Guidance { get; init; } = "";

    /// <summary>Aggregate figures are compared with last quarter's and shown beside the input.</summary>
    public bool ComparedWithLastQuarter { get; init; }

    public override string ToString() => Header;
}

public sealed record SheetSpec(string Name, SheetLayout Layout, string Purpose, IReadOnlyList<FieldSpec> Fields)
{
    /// <summary>Form sheets: the heading over the labels and the heading over the answers.</summary>
    public string LabelHeader { get; init; } = "Item";

    public string ValueHeader { get; init; } = "Answer";

    /// <summary>Form sheets: the locked column of last quarter's figures, when the sheet has one.</summary>
    public string? PreviousHeader { get; init; }

    /// <summary>Table sheets: labels in the first column that mark summary rows (totals), not records.</summary>
    public IReadOnlyList<string> SummaryRowLabels { get; init; } = [];

    public int MaxRows { get; init; } = 100_000;

    public int IndexOf(string key)
    {
        for (var i = 0; i < Fields.Count; i++)
        {
            if (Fields[i].Key == key)
            {
                return i;
            }
        }

        throw new ArgumentException($"Sheet '{Name}' has no field '{key}'.", nameof(key));
    }

    public FieldSpec Field(string key) => Fields[IndexOf(key)];

    public bool Has(string key) => Fields.Any(f => f.Key == key);

    public override string ToString() => Name;
}

/// <summary>What a rule is, for the validator, the docs and the feedback page.</summary>
public sealed record RuleInfo(string Code, Severity Severity, string Sheet, string Title, string Description)
{
    public override string ToString() => $"{Code} {Title}";
}

/// <summary>
/// One version of the quarterly return: its sheets, fields and rules. The template, the reader, the
/// validator and the documentation are all derived from it; a stored return keeps the version it was made with.
/// </summary>
public sealed class ReturnSpecification
{
    public ReturnSpecification(string version, string collectionName, IReadOnlyList<SheetSpec> sheets, IReadOnlyList<ReturnRule> rules)
    {
        Version = version;
        CollectionName = collectionName;
        Sheets = sheets;
        Rules = rules;
        var codes = rules.GroupBy(r => r.Info.Code).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (codes.Count > 0)
        {
            throw new ArgumentException($"Rule codes must be unique; repeated: {string.Join(", ", codes)}.", nameof(rules));
        }

        _rulesByCode = rules.ToDictionary(r => r.Info.Code, r => r.Info);
    }

    // Looked up for every issue found, and a large return can have tens of thousands.
    private readonly Dictionary<string, RuleInfo> _rulesByCode;

    public string Version { get; }

    public string CollectionName { get; }

    public IReadOnlyList<SheetSpec> Sheets { get; }

    public IReadOnlyList<ReturnRule> Rules { get; }

    public SheetSpec Sheet(string name) =>
        Sheets.FirstOrDefault(s => s.Name == name) ?? throw new ArgumentException($"Template {Version} has no sheet '{name}'.", nameof(name));

    public RuleInfo Rule(string code) =>
        _rulesByCode.TryGetValue(code, out var rule) ? rule : throw new ArgumentException($"Template {Version} has no rule '{code}'.", nameof(code));

    public bool HasRule(string code) => _rulesByCode.ContainsKey(code);

    /// <summary>A later version: the same return with sheets, fields or rules added, changed or retired.</summary>
    public ReturnSpecification Derive(string version, Func<IReadOnlyList<SheetSpec>, IReadOnlyList<SheetSpec>>? sheets = null, Func<IReadOnlyList<ReturnRule>, IReadOnlyList<ReturnRule>>? rules = null) =>
        new(version, CollectionName, sheets?.Invoke(Sheets) ?? Sheets, rules?.Invoke(Rules) ?? Rules);
}

public static class Normalise
{
    /// <summary>Headers and labels match whatever the case and spacing: "Start  date" is "start date".</summary>
    public static string Label(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var builder = new System.Text.StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && builder.Length > 0)
            {
                builder.Append(' ');
            }

            space = false;
            builder.Append(char.ToLowerInvariant(c == '’' ? '\'' : c));
        }

        return builder.ToString();
    }
}
