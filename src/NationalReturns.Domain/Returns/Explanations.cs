namespace NationalReturns.Domain.Returns;

/// <summary>
/// What makes an explanation of a query acceptable: long enough to give a cause and a size, and not a
/// placeholder such as "ok" or "figures are correct" padded out to length.
/// </summary>
public static class Explanations
{
    public const int MinimumLength = 20;

    public const string Advice = "A good explanation gives the cause and the size of the change, for example \"12 more children started to be looked after after a sibling group of 5 and two unaccompanied children arrived in August\".";

    // Words that say nothing about why a figure is what it is.
    private static readonly HashSet<string> Empty = new(StringComparer.OrdinalIgnoreCase)
    {
        "ok", "okay", "fine", "na", "n/a", "changed", "change", "correct", "correctly", "checked", "check", "confirmed", "confirm",
        "yes", "no", "none", "nil", "tbc", "tba", "see", "above", "below", "as", "is", "are", "the", "this", "that", "these", "it",
        "data", "figure", "figures", "number", "numbers", "value", "values", "accurate", "right", "valid", "true", "all", "and",
        "has", "have", "been", "was", "were", "comment", "comments", "explanation", "query", "queries", "noted", "agreed", "x", "-", ".",
    };

    /// <summary>Null when the explanation will do; otherwise what is wrong with it and what to write.</summary>
    public static string? Problem(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return $"Enter an explanation. {Advice}";
        }

        if (CellParsing.HasControlCharacters(trimmed.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal)))
        {
            return "The explanation contains invisible control characters. Retype it rather than pasting it.";
        }

        if (trimmed.Length > 4000)
        {
            return $"The explanation is {trimmed.Length:N0} characters long; the most is 4,000. Shorten it.";
        }

        var words = trimmed.Split([' ', '\t', '\r', '\n', ',', ';', ':', '!', '?', '(', ')', '"', '\''], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('.'))
            .Where(w => w.Length > 0)
            .ToList();
        if (words.Count == 0 || words.All(Empty.Contains) || words.Distinct(StringComparer.OrdinalIgnoreCase).Count() < 3)
        {
            return $"\"{(trimmed.Length > 40 ? trimmed[..40] + "…" : trimmed)}\" does not explain the figure. {Advice}";
        }

        if (trimmed.Length < MinimumLength)
        {
            return $"The explanation must be at least {MinimumLength} characters. {Advice}";
        }

        return null;
    }
}
