using Scalar.AspNetCore;

namespace NationalReturns.Web.Features.ApiDescription;

/// <summary>
/// The content security policy of the API reference page, and of no other. Scalar's page starts with an inline
/// module script, allowed here by the nonce Scalar writes on it (fresh for every request). Its components write
/// style elements and style attributes as they render (the theme, the layout), with no nonce on them, so this page
/// alone allows inline styles: it shows no one's data, and styles cannot run script. Everything else is the site's
/// policy: scripts only from this site (Scalar's bundled copy, served under <see cref="ApiDescription.ReferencePath"/>,
/// never a CDN), no eval (Scalar's bundle tries it once and does without), nothing fetched from anywhere else.
/// </summary>
public static class ReferencePagePolicy
{
    /// <summary>Replaces the site's policy on the page's response, once the page has made its nonce; the page's scripts and icon keep the site's.</summary>
    public static async ValueTask<object?> ApplyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        if (context.HttpContext.Items[ScalarOptions.NonceHttpContextItemKey] is string nonce)
        {
            context.HttpContext.Response.Headers.ContentSecurityPolicy = For(nonce);
        }

        return result;
    }

    /// <summary>The site's policy with only the script and style sources changed.</summary>
    public static string For(string nonce) => string.Join("; ", Infrastructure.WebSetup.ContentSecurityPolicy.Split("; ").Select(directive =>
        directive.Split(' ')[0] switch
        {
            "script-src" => $"script-src 'self' 'nonce-{nonce}'",
            "style-src" => "style-src 'self' 'unsafe-inline'",
            _ => directive,
        }));
}
