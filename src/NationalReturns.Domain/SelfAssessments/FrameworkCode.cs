using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace NationalReturns.Domain.SelfAssessments;

/// <summary>A framework's code as URLs and files write it, such as <c>ehsg</c> or <c>dmm</c>: read whatever its case, kept in lower case.</summary>
public readonly partial record struct FrameworkCode : IParsable<FrameworkCode>
{
    private FrameworkCode(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse([NotNullWhen(true)] string? text, out FrameworkCode code)
    {
        var trimmed = text?.Trim().ToLowerInvariant();
        code = trimmed is not null && Pattern().IsMatch(trimmed) ? new FrameworkCode(trimmed) : default;
        return code.Value is not null;
    }

    // IParsable, for model binding; the text never depends on a culture, so these are the interface's only.
    static bool IParsable<FrameworkCode>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out FrameworkCode result) => TryParse(s, out result);

    static FrameworkCode IParsable<FrameworkCode>.Parse(string s, IFormatProvider? provider) => TryParse(s, out var code) ? code : throw new FormatException(NotACode(s));

    public static string NotACode(string? text) => $"'{text}' is not a framework. Frameworks are written like ehsg (Early Help System Guide) or dmm (Data Maturity Model).";

    public override string ToString() => Value;

    public static implicit operator string(FrameworkCode code) => code.Value;

    [GeneratedRegex("^[a-z][a-z0-9-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
