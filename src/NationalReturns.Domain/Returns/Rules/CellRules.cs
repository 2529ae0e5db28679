using System.Globalization;

namespace NationalReturns.Domain.Returns.Rules;

/// <summary>
/// Rules about a single cell, by the type of its field. They run in one pass over every cell, and a cell
/// gets at most one of them: the first that fails.
/// </summary>
public static class CellRules
{
    private static ReturnRule Rule(string code, string title, string description) =>
        new(new RuleInfo(code, Severity.Error, "Any", title, description), RuleScope.Cell);

    public static IReadOnlyList<ReturnRule> All { get; } =
    [
        Rule("VAL-001", "Value missing", "A required cell must be filled in."),
        Rule("VAL-002", "Not a whole number", "A count must be a whole number: no text, no decimals."),
        Rule("VAL-003", "Negative number", "Counts and full-time equivalents cannot be negative."),
        Rule("VAL-004", "Number too large", "A number must not exceed the limit for its field (for example 20 children in a family)."),
        Rule("VAL-005", "Not a date", "A date must be a real date, entered as a date or as text in the form dd/mm/yyyy or yyyy-mm-dd."),
        Rule("VAL-006", "Date in the future", "A date cannot be later than the day the return is uploaded."),
        Rule("VAL-007", "Not on the list", "A coded field must hold one of the entries in its drop-down list."),
        Rule("VAL-008", "Not Y or N", "A yes/no field must hold Y or N."),
        Rule("VAL-009", "Text too long", "Text must not exceed the length allowed for its field."),
        Rule("VAL-010", "Control characters", "Text must not contain invisible control characters (they come from copying out of other systems)."),
        Rule("VAL-011", "Not an email address", "An email address must look like name@example.gov.uk."),
        Rule("VAL-012", "Not a phone number", "A phone number must have 10 to 13 digits, with only spaces, brackets, hyphens or a leading +."),
        Rule("VAL-013", "Not a number", "A full-time equivalent must be a number, such as 12.5."),
        Rule("VAL-014", "Family reference format", "A family reference must be 1 to 20 letters, digits or hyphens, with no spaces or names."),
    ];

    /// <summary>The first cell rule <paramref name="cell"/> fails, with its message; null when it passes.</summary>
    public static (string Code, string Message)? Check(FieldSpec field, CellValue cell, DateOnly today)
    {
        if (cell.IsBlank)
        {
            return field.Required && !field.Prefilled
                ? ("VAL-001", $"'{field.Header}' is blank. {RequiredHint(field)}")
                : null;
        }

        if (cell.Kind == CellKind.Error)
        {
            return null; // STR-005 already reports formula errors.
        }

        var shown = IssueText.Quote(cell.Display);
        switch (field.Type)
        {
            case FieldType.Count:
                if (!CellParsing.TryNumber(cell, out var number))
                {
                    return ("VAL-002", $"'{shown}' is not a number. Enter {field.Header.ToLowerInvariant()} as a whole number, such as 12, with no words or symbols.");
                }

                if (number < 0)
                {
                    return ("VAL-003", $"{Format(number)} is negative. A count cannot be below zero: enter the number, or 0 if there were none.");
                }

                if (!CellParsing.IsWholeNumber(number))
                {
                    return ("VAL-002", $"{Format(number)} is not a whole number. Enter a count of whole people, households or events, without decimals.");
                }

                if (field.Maximum is { } maximum && number > maximum)
                {
                    return ("VAL-004", $"{Format(number)} is more than the {Format(maximum)} this field allows. Check for a typing error.");
                }

                return null;

            case FieldType.Amount:
                if (!CellParsing.TryNumber(cell, out var amount))
                {
                    return ("VAL-013", $"'{shown}' is not a number. Enter {field.Header.ToLowerInvariant()} as a number, such as 12.5.");
                }

                if (amount < 0)
                {
                    return ("VAL-003", $"{Format(amount)} is negative. Enter the figure, or 0 if there were none.");
                }

                if (field.Maximum is { } limit && amount > limit)
                {
                    return ("VAL-004", $"{Format(amount)} is more than the {Format(limit)} this field allows. Check for a typing error.");
                }

                return null;

            case FieldType.Date:
                if (!CellParsing.TryDate(cell, out var date) || date.Year < 1900)
                {
                    return ("VAL-005", $"'{shown}' is not a date this service can read. Enter the date as dd/mm/yyyy, such as 01/04/2025.");
                }

                if (date > today)
                {
                    return ("VAL-006", $"{date:dd/MM/yyyy} is in the future. Enter the date it actually happened, or leave it blank if it has not happened yet.");
                }

                return null;

            case FieldType.Code:
                if (field.Codes!.Match(CellParsing.AsText(cell)) is null)
                {
                    return ("VAL-007", $"'{shown}' is not on the list for '{field.Header}'. Choose one of: {string.Join(", ", field.Codes.Values)}.");
                }

                return null;

            case FieldType.YesNo:
                return CellParsing.TryYesNo(cell, out _) ? null : ("VAL-008", $"'{shown}' is not Y or N. Enter Y for yes or N for no.");

            case FieldType.Reference:
                var reference = CellParsing.AsText(cell);
                return CellParsing.IsReference(reference)
                    ? null
                    : ("VAL-014", $"'{Trim(reference)}' is not a valid family reference. Use your own ID for the family: 1 to 20 letters, digits or hyphens, no spaces and never a name.");

            default:
                return CheckText(field, CellParsing.AsText(cell));
        }
    }

    private static (string, string)? CheckText(FieldSpec field, string text)
    {
        if (CellParsing.HasControlCharacters(text))
        {
            return ("VAL-010", $"'{field.Header}' contains invisible control characters, usually from copying out of another system. Retype the text.");
        }

        if (text.Length > field.MaxLength)
        {
            return ("VAL-009", $"This text is {text.Length:N0} characters long; '{field.Header}' allows {field.MaxLength:N0}. Shorten it.");
        }

        if (field.Type == FieldType.Email && !CellParsing.IsEmail(text))
        {
            return ("VAL-011", $"'{Trim(text)}' is not an email address. Enter a work email address, such as name@council.gov.uk.");
        }

        if (field.Type == FieldType.Phone && !CellParsing.IsPhone(text))
        {
            return ("VAL-012", $"'{Trim(text)}' is not a phone number. Enter a number with its area code, such as 01632 960 001.");
        }

        return null;
    }

    private static string RequiredHint(FieldSpec field) => field.Type switch
    {
        FieldType.Count => "Enter the number, or 0 if there were none.",
        FieldType.YesNo => "Enter Y or N.",
        FieldType.Code => "Choose an entry from the list.",
        FieldType.Date => "Enter the date as dd/mm/yyyy.",
        _ => "Fill it in.",
    };

    private static string Format(decimal value) => value.ToString("#,##0.##", CultureInfo.InvariantCulture);

    private static string Trim(string text) => IssueText.Quote(text);
}
