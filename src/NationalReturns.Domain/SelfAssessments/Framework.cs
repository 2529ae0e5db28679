using System.Globalization;
using System.Text.Json;

namespace NationalReturns.Domain.SelfAssessments;

/// <summary>One step of a framework's ordinal scale; rank 1 is the least mature.</summary>
public sealed record MaturityLevel(int Rank, string Name, string Meaning);

/// <summary>A statement of what good looks like, which an authority rates itself against.</summary>
public sealed record Descriptor(string Code, string Text);

/// <summary>An area (Early Help System Guide) or dimension (Data Maturity Model) and its descriptors.</summary>
public sealed record FrameworkArea(string Code, string Name, string Summary, IReadOnlyList<Descriptor> Descriptors);

/// <summary>
/// A self-assessment framework as one published version: its levels and its areas' descriptors. Held as
/// data (db/reference-data/frameworks) so the national team can publish a new version without a release;
/// a version in use is never changed, because assessments point at its descriptor codes.
/// </summary>
public sealed record Framework(
    string Code,
    int Version,
    string Name,
    string ShortName,
    string PartName,
    bool Provisional,
    string Summary,
    IReadOnlyList<MaturityLevel> Levels,
    IReadOnlyList<FrameworkArea> Areas)
{
    public const string EarlyHelp = "ehsg";
    public const string DataMaturity = "dmm";

    public int Top => Levels.Count;

    public IEnumerable<Descriptor> Descriptors => Areas.SelectMany(a => a.Descriptors);

    public int DescriptorCount => Areas.Sum(a => a.Descriptors.Count);

    public FrameworkArea? Area(string code) => Areas.FirstOrDefault(a => string.Equals(a.Code, code, StringComparison.OrdinalIgnoreCase));

    public FrameworkArea AreaOf(string descriptorCode) => Areas.First(a => a.Descriptors.Any(d => d.Code == descriptorCode));

    public Descriptor? Descriptor(string code) => Descriptors.FirstOrDefault(d => string.Equals(d.Code, code, StringComparison.OrdinalIgnoreCase));

    public string LevelName(int rank) => rank >= 1 && rank <= Levels.Count ? Levels[rank - 1].Name : "";

    /// <summary>A level given by name (any case) or by its rank as a number.</summary>
    public int? LevelFrom(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var rank) && rank >= 1 && rank <= Levels.Count)
        {
            return rank;
        }

        return Levels.FirstOrDefault(l => string.Equals(l.Name, trimmed, StringComparison.OrdinalIgnoreCase))?.Rank;
    }

    /// <summary>The level names joined for a message: "Early, Developing, Maturing or Mature".</summary>
    public string LevelList => Levels.Count == 1 ? Levels[0].Name
        : string.Join(", ", Levels.Take(Levels.Count - 1).Select(l => l.Name)) + " or " + Levels[^1].Name;

    /// <summary>The part's word with a capital, for headings: "Area", "Dimension".</summary>
    public string PartTitle => string.Concat(PartName[..1].ToUpperInvariant(), PartName[1..]);
}

/// <summary>A framework definition as read, or everything wrong with it.</summary>
public sealed record FrameworkReading(Framework? Framework, IReadOnlyList<string> Errors);

/// <summary>
/// Reads a framework version from its JSON definition and checks it is one the service can use: the
/// same file format for the reference data and for an admin publishing a new version.
/// </summary>
public static class FrameworkDefinition
{
    public const int MaxLevels = 7;

    /// <summary>Codes and names are stored in columns of these lengths.</summary>
    public const int MaxCode = 20;
    public const int MaxName = 200;
    private static readonly System.Buffers.SearchValues<char> SheetNameForbidden = System.Buffers.SearchValues.Create(":\\/?*[]");
    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };

    private sealed record LevelDto(int Rank, string? Name, string? Meaning);

    private sealed record DescriptorDto(string? Code, string? Text);

    private sealed record AreaDto(string? Code, string? Name, string? Summary, List<DescriptorDto>? Descriptors);

    private sealed record FrameworkDto(string? Code, int Version, string? Name, string? ShortName, string? PartName, bool Provisional, string? Summary,
        List<LevelDto>? Levels, List<AreaDto>? Areas);

    public static FrameworkReading Read(string json)
    {
        FrameworkDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize<FrameworkDto>(json, Options);
        }
        catch (JsonException e)
        {
            return new FrameworkReading(null, [$"The definition is not valid JSON: {e.Message}"]);
        }

        if (dto is null)
        {
            return new FrameworkReading(null, ["The definition is empty."]);
        }

        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(dto.Code) || !dto.Code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            errors.Add("\"code\" must be given in lower-case letters, digits and hyphens, such as \"ehsg\".");
        }
        else if (dto.Code.Length > MaxCode)
        {
            errors.Add($"\"code\" must be {MaxCode} characters or fewer.");
        }

        if (dto.Version < 1)
        {
            errors.Add("\"version\" must be a whole number of 1 or more.");
        }

        if (string.IsNullOrWhiteSpace(dto.Name))
        {
            errors.Add("\"name\" must be given.");
        }
        else if (dto.Name.Trim().Length > MaxName)
        {
            errors.Add($"\"name\" must be {MaxName} characters or fewer.");
        }

        var levels = dto.Levels ?? [];
        if (levels.Count < 2 || levels.Count > MaxLevels)
        {
            errors.Add($"There must be between 2 and {MaxLevels} levels; there are {levels.Count}.");
        }

        for (var i = 0; i < levels.Count; i++)
        {
            if (levels[i].Rank != i + 1)
            {
                errors.Add($"Level {i + 1} has rank {levels[i].Rank}: levels must be listed from rank 1 upwards with no gaps.");
            }

            if (string.IsNullOrWhiteSpace(levels[i].Name))
            {
                errors.Add($"Level {i + 1} has no name.");
            }
        }

        foreach (var name in levels.GroupBy(l => l.Name?.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Key is not null && g.Count() > 1))
        {
            errors.Add($"The level name \"{name.Key}\" is used more than once.");
        }

        var areas = dto.Areas ?? [];
        if (areas.Count == 0)
        {
            errors.Add("There must be at least one area.");
        }

        var descriptorCodes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var areaCodes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var area in areas)
        {
            var label = area.Name?.Trim() ?? area.Code?.Trim() ?? "(unnamed)";
            if (string.IsNullOrWhiteSpace(area.Code) || string.IsNullOrWhiteSpace(area.Name))
            {
                errors.Add($"The area \"{label}\" needs both a code and a name.");
            }
            else if (!areaCodes.Add(area.Code.Trim()))
            {
                errors.Add($"The area code \"{area.Code}\" is used more than once.");
            }

            if (area.Name?.Trim() is { Length: > 31 } longName)
            {
                errors.Add($"The area name \"{longName}\" is longer than 31 characters, which a workbook sheet name cannot be.");
            }
            else if (area.Name is not null && area.Name.AsSpan().IndexOfAny(SheetNameForbidden) >= 0)
            {
                errors.Add($"The area name \"{area.Name.Trim()}\" contains one of : \\ / ? * [ ], which a workbook sheet name cannot.");
            }

            if ((area.Descriptors ?? []).Count == 0)
            {
                errors.Add($"The area \"{label}\" has no descriptors.");
            }

            foreach (var descriptor in area.Descriptors ?? [])
            {
                if (string.IsNullOrWhiteSpace(descriptor.Code) || string.IsNullOrWhiteSpace(descriptor.Text))
                {
                    errors.Add($"A descriptor in \"{label}\" needs both a code and its text.");
                }
                else if (descriptor.Code.Trim().Length > MaxCode)
                {
                    errors.Add($"The descriptor code \"{descriptor.Code.Trim()}\" is longer than {MaxCode} characters.");
                }
                else if (!descriptorCodes.Add(descriptor.Code.Trim()))
                {
                    errors.Add($"The descriptor code \"{descriptor.Code.Trim()}\" is used more than once.");
                }
            }
        }

        if (errors.Count > 0)
        {
            return new FrameworkReading(null, errors);
        }

        var framework = new Framework(dto.Code!, dto.Version, dto.Name!.Trim(), (dto.ShortName ?? dto.Name).Trim(),
            string.IsNullOrWhiteSpace(dto.PartName) ? "area" : dto.PartName.Trim().ToLowerInvariant(), dto.Provisional, dto.Summary?.Trim() ?? "",
            levels.Select(l => new MaturityLevel(l.Rank, l.Name!.Trim(), l.Meaning?.Trim() ?? "")).ToList(),
            areas.Select(a => new FrameworkArea(a.Code!.Trim(), a.Name!.Trim(), a.Summary?.Trim() ?? "",
                a.Descriptors!.Select(d => new Descriptor(d.Code!.Trim(), d.Text!.Trim())).ToList())).ToList());
        return new FrameworkReading(framework, []);
    }
}
