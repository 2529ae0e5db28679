namespace NationalReturns.Web.Infrastructure;

/// <summary>Why a handler did not do what was asked, as a kind the pages and the API map to a status.</summary>
public enum RefusalKind
{
    /// <summary>There is no such thing (404).</summary>
    NotFound,

    /// <summary>It exists, but its state does not allow this now (409).</summary>
    Conflict,

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
        RefusalKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        _ => StatusCodes.Status422UnprocessableEntity,
    };
}
