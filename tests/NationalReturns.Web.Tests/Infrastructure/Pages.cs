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
}
