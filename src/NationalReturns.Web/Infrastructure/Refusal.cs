namespace NationalReturns.Web.Infrastructure;

/// <summary>Why a handler did not do what was asked, as a kind the pages and the API map to a status.</summary>
public enum RefusalKind
{
    /// <summary>There is no such thing (404).</summary>
    NotFound,

    /// <summary>It exists, but its state does not allow this now (409).</summary>
    Conflict,

    /// <summary>What was entered has mistakes, each said beside its field; the form is shown again (400 from the API).</summary>
    Invalid,

    /// <summary>What was sent cannot be used, such as a file that is not a return (422).</summary>
    Unprocessable,

    /// <summary>What was sent is over the size limit (413).</summary>
    TooLarge,
}

/// <summary>A refusal: its kind, and a message saying what is wrong and what to do, in words for the person.</summary>
public sealed record Refusal(RefusalKind Kind, string Message)
{
    public int StatusCode => Kind switch
    {
        RefusalKind.NotFound => StatusCodes.Status404NotFound,
        RefusalKind.Conflict => StatusCodes.Status409Conflict,
        RefusalKind.Invalid => StatusCodes.Status400BadRequest,
        RefusalKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        _ => StatusCodes.Status422UnprocessableEntity,
    };
}

/// <summary>
/// What every command handler answers: done, or refused with a <see cref="Refusal"/> (a kind that callers and
/// tests branch on, and a message for the person). Handlers that give something back derive from it.
/// </summary>
public record Outcome
{
    public static readonly Outcome Done = new();

    public Refusal? Refusal { get; init; }

    public bool Succeeded => Refusal is null;

    public bool IsNotFound => Refusal?.Kind == RefusalKind.NotFound;

    public static Outcome NotFound(string message) => new() { Refusal = new Refusal(RefusalKind.NotFound, message) };

    public static Outcome Conflict(string message) => new() { Refusal = new Refusal(RefusalKind.Conflict, message) };

    public static Outcome Invalid(string message) => new() { Refusal = new Refusal(RefusalKind.Invalid, message) };

    /// <summary>
    /// The refusal's message to show above the form; null when done, or when the refusal is field errors that
    /// the form shows beside their fields.
    /// </summary>
    public string? Message => Refusal is { Kind: not RefusalKind.Invalid } refusal ? refusal.Message : null;

    /// <summary>The refusal for a list of field errors, each shown beside its field.</summary>
    public static Outcome<TError> Refused<TError>(RefusalKind kind, string message) => new() { Refusal = new Refusal(kind, message) };

    public static Outcome<TError> WithErrors<TError>(IReadOnlyList<TError> errors) => new() { Errors = errors, Refusal = Mistakes(errors.Count) };

    public static Refusal Mistakes(int count) => new(RefusalKind.Invalid, count == 1 ? "There is a problem: correct it and try again." : $"There are {count} problems: correct them and try again.");
}

/// <summary>An outcome whose refusal may be a list of field errors (<see cref="RefusalKind.Invalid"/>), as the self-assessment forms have.</summary>
public record Outcome<TError> : Outcome
{
    public IReadOnlyList<TError> Errors { get; init; } = [];
}
