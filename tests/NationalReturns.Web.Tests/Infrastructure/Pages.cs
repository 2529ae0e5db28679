using AngleSharp;
using AngleSharp.Dom;

namespace NationalReturns.Web.Tests.Infrastructure;

/// <summary>Pages read as documents, so tests find things by id, label or data-testid rather than matching HTML as text.</summary>
public static class Pages
{
    private static readonly IBrowsingContext Context = BrowsingContext.New(Configuration.Default);

    public static Task<IDocument> ParseAsync(string html) => Context.OpenAsync(request => request.Content(html));

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response) => await ParseAsync(await response.Content.ReadAsStringAsync());

    public static async Task<IDocument> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return await ParseAsync(response);
    }

    /// <summary>The element's text with runs of white space made one space, as a reader sees it.</summary>
    public static string Text(this IElement element) => string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The text of every element the selector finds, in page order.</summary>
    public static IReadOnlyList<string> Texts(this IParentNode node, string selector) => node.QuerySelectorAll(selector).Select(e => e.Text()).ToList();

    /// <summary>
    /// What the GOV.UK error summary tells the user: each listed error, and any paragraph in its body (such as
    /// "nothing has been saved"). Messages anywhere else on the page, however close, are not in it.
    /// </summary>
    public static IReadOnlyList<string> ErrorMessages(this IDocument page) => page.Texts(".govuk-error-summary li, .govuk-error-summary__body p");

    /// <summary>The error summary's heading, or null when the page has no error summary.</summary>
    public static string? ErrorSummaryTitle(this IDocument page) => page.QuerySelector(".govuk-error-summary__title")?.Text();
}
