namespace NationalReturns.Web.Features.Layout;

/// <summary>
/// The GOV.UK error summary at the top of a page: a title, an optional sentence, and a link to each field at
/// fault. Every page shows its errors through the one partial (_ErrorSummary), so they look and read the same.
/// </summary>
/// <param name="Name">Names the summary for tests and scripts (data-error-summary), when a page has more than one kind.</param>
public sealed record ErrorSummary(IReadOnlyList<ErrorSummary.Link> Errors, string Title = ErrorSummary.ThereIsAProblem, string? Body = null, string? Name = null)
{
    public const string ThereIsAProblem = "There is a problem";

    /// <param name="Href">The field's id with its '#', or another page where the answer is changed.</param>
    public sealed record Link(string Href, string Message);

    public bool Any => Errors.Count > 0 || Body is not null;

    /// <summary>One message, linked to one field; an empty summary (shown as nothing) when there is no message.</summary>
    public static ErrorSummary For(string field, string? message) =>
        new(message is null ? [] : [new Link("#" + field, message)]);
}
