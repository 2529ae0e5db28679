using Microsoft.AspNetCore.Http.Features;
using NationalReturns.Web.Infrastructure.Spreadsheets;

namespace NationalReturns.Web.Infrastructure;

/// <summary>Marks an action that takes an uploaded file, and the largest file it takes.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class UploadLimitAttribute(long maxFileBytes) : Attribute
{
    /// <summary>Room for the multipart boundaries, headers and the form's other fields around the file.</summary>
    public const long FormOverhead = 256 * 1024;

    public long MaxFileBytes { get; } = maxFileBytes;

    public long MaxRequestBytes => MaxFileBytes + FormOverhead;
}

/// <summary>
/// Answers an over-large upload with 413 and the same plain message the file check gives, before anything
/// reads the body: the antiforgery check reads the form before any action runs, and would otherwise fail
/// with a bare 400 or a reset connection. The API gets a problem document, pages the 413 page.
/// </summary>
public static class UploadLimits
{
    public const string MessageItem = "nr:problem-detail";

    public static void UseUploadLimits(this WebApplication app) =>
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<UploadLimitAttribute>() is not { } limit)
            {
                await next(context);
                return;
            }

            if (context.Request.ContentLength is { } length && length > limit.MaxRequestBytes)
            {
                await TooLargeAsync(context, limit);
                return;
            }

            // Bodies without a length (chunked) are cut off at the limit while they are read.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = limit.MaxRequestBytes;
            }

            try
            {
                await next(context);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
            {
                await TooLargeAsync(context, limit);
            }
        });

    /// <summary>The request's length includes the form around the file, so the message gives the limit, not a size.</summary>
    private static async Task TooLargeAsync(HttpContext context, UploadLimitAttribute limit)
    {
        var message = SpreadsheetInspection.TooLargeMessage(null, limit.MaxFileBytes);
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;

        // The rest of the body is not wanted: close the connection rather than read it.
        context.Response.Headers.Connection = "close";
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            await Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The file is too large", detail: message).ExecuteAsync(context);
            return;
        }

        // The status-code page (re-executed) shows this message with the way back.
        context.Items[MessageItem] = message;
    }
}
