using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace NationalReturns.Domain.Areas;

/// <summary>
/// An area's ONS code: a capital letter for the country and eight digits, such as E06000009 (Blackpool),
/// E12000002 (North West) or E92000001 (England). Read whatever its case and spacing, kept in capitals.
/// </summary>
public readonly partial record struct OnsCode : IParsable<OnsCode>
{
    private OnsCode(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse([NotNullWhen(true)] string? text, out OnsCode code)
    {
        var trimmed = text?.Trim().ToUpperInvariant();
        code = trimmed is not null && Pattern().IsMatch(trimmed) ? new OnsCode(trimmed) : default;
        return code.Value is not null;
    }

    // IParsable, for model binding; the text never depends on a culture, so these are the interface's only.
    static bool IParsable<OnsCode>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out OnsCode result) => TryParse(s, out result);

    static OnsCode IParsable<OnsCode>.Parse(string s, IFormatProvider? provider) => Parse(s);

    public static OnsCode Parse(string s) => TryParse(s, out var code) ? code : throw new FormatException(NotACode(s));

    /// <summary>What to say about text that is not an area code.</summary>
    public static string NotACode(string? text) => $"'{text}' is not an area code. Codes are a capital letter and eight digits, such as E06000009.";

    public override string ToString() => Value;

    /// <summary>Handlers and the database take codes as text.</summary>
    public static implicit operator string(OnsCode code) => code.Value;

    [GeneratedRegex("^[A-Z][0-9]{8}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
