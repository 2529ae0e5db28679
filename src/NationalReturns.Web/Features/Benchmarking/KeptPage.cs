using System.Buffers;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Caching.Memory;

namespace NationalReturns.Web.Features.Benchmarking;

/// <summary>
/// Dashboard pages as rendered (<see cref="KeptPage"/>): at most 100 MB of them, each for
/// <see cref="BenchmarkingController.KeptFor"/> after its last use.
/// </summary>
public sealed class KeptPages : IDisposable
{
    private readonly MemoryCache _kept = new(new MemoryCacheOptions { SizeLimit = 100L * 1024 * 1024 });

    public byte[]? Find(string key) => _kept.TryGetValue(key, out byte[]? page) ? page : null;

    public void Keep(string key, byte[] page) =>
        _kept.Set(key, page, new MemoryCacheEntryOptions { Size = page.Length, SlidingExpiration = BenchmarkingController.KeptFor });

    public void Dispose() => _kept.Dispose();
}

/// <summary>
/// A dashboard page sent as the bytes it was the last time anyone with the same access asked for this view of this
/// edition, after the controller's filters have checked access and the handler has found the view: what rendering
/// it again would write, without writing it. Around the figures the page depends on the person's access (the
/// navigation their roles open, their authority), which is in the key, and on their name in the sign-out button,
/// which is rendered as a marker and written in as the page is sent. So one copy serves every official, and nothing
/// of one person's is sent to another. Sent with its length, as a static file is.
/// </summary>
public sealed class KeptPage(ViewResult view, string key) : IActionResult
{
    /// <summary>Set in a kept view's data: the layout writes <see cref="NameMarker"/> where the person's name goes.</summary>
    public const string Keeping = "KeptPage";

    /// <summary>Made at start-up, so no page's content can contain it by chance; letters and digits, so encoding leaves it as it is.</summary>
    public static readonly string NameMarker = $"nr-person-{Guid.NewGuid():N}";

    /// <summary>Where the profiler's badge goes, for those who see it (<see cref="Infrastructure.RequestProfiles.Badge"/>): it is this request's, never the kept one's.</summary>
    public static readonly string BadgeMarker = $"nr-badge-{Guid.NewGuid():N}";

    private static readonly byte[] MarkerBytes = System.Text.Encoding.UTF8.GetBytes(NameMarker);
    private static readonly byte[] BadgeMarkerBytes = System.Text.Encoding.UTF8.GetBytes(BadgeMarker);

    /// <summary>What the page around the figures depends on: the person's roles and authority.</summary>
    public static string AccessKey(ClaimsPrincipal user) =>
        $"{string.Join(',', user.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal))}|{Infrastructure.AuthorityAccess.AuthorityOf(user)}";

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pages = context.HttpContext.RequestServices.GetRequiredService<KeptPages>();
        var response = context.HttpContext.Response;
        var page = pages.Find(key);
        if (page is null)
        {
            using var span = Infrastructure.Telemetry.Step("render dashboard");
            var body = response.Body;
            using var rendered = new MemoryStream();
            response.Body = rendered;
            view.ViewData[Keeping] = true;
            try
            {
                await view.ExecuteResultAsync(context);
            }
            finally
            {
                response.Body = body;
            }

            page = rendered.ToArray();
            if (response.StatusCode == StatusCodes.Status200OK)
            {
                pages.Keep(key, page);
            }
        }

        var name = System.Text.Encoding.UTF8.GetBytes(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(Infrastructure.AuthorityAccess.Actor(context.HttpContext.User)));
        var badge = System.Text.Encoding.UTF8.GetBytes(context.HttpContext.RequestServices.GetRequiredService<Infrastructure.RequestProfiles>().Badge(context.HttpContext));
        // The markers in the order the page has them, each with what replaces it.
        var splices = new[] { (At: page.AsSpan().IndexOf(MarkerBytes), Marker: MarkerBytes.Length, With: name), (At: page.AsSpan().IndexOf(BadgeMarkerBytes), Marker: BadgeMarkerBytes.Length, With: badge) }
            .Where(s => s.At >= 0).OrderBy(s => s.At).ToList();
        response.ContentType = "text/html; charset=utf-8";
        response.ContentLength = page.Length + splices.Sum(s => s.With.Length - s.Marker);
        var writer = response.BodyWriter;
        var from = 0;
        foreach (var (at, marker, with) in splices)
        {
            writer.Write(page.AsSpan(from, at - from));
            writer.Write(with);
            from = at + marker;
        }

        writer.Write(page.AsSpan(from));
        await writer.FlushAsync(context.HttpContext.RequestAborted);
    }
}
