using Microsoft.AspNetCore.OpenApi;
using Scalar.AspNetCore;

namespace NationalReturns.Web.Features.ApiDescription;

/// <summary>
/// The JSON API (<c>/api/v1/…</c>) described as an OpenAPI document generated from the controllers
/// (<see cref="DocumentPath"/>), and a reference page that reads it (<see cref="ReferencePath"/>). A copy of the
/// document is committed as docs/api/openapi-v1.json, and a test fails when the two differ.
/// </summary>
public static class ApiDescription
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/api/reference";

    public static WebApplicationBuilder AddApiDescription(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(DocumentName, options =>
        {
            // The JSON API only: the pages, the health check and the reference page are not part of it.
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            // A slice's types are named with the slice (ShowIndicatorLine), since on their own (Line) they say too little.
            options.CreateSchemaReferenceId = type => type.Type.DeclaringType is { IsAbstract: true, IsSealed: true } slice
                ? slice.Name + type.Type.Name
                : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            options.AddDocumentTransformer<ApiDocument>();
            options.AddOperationTransformer<ApiOperations>();
        });

        // The schemas are written from these options. The API writes numbers as numbers and takes no JSON body, so it
        // is described as strict: the default would offer every number as "a number or a string of digits".
        // The document is generated from the controllers on every request (40 ms, 181 KB), and anyone may ask for it:
        // made once and kept, since it changes only with a release.
        builder.Services.AddOutputCache(o => o.AddPolicy(DocumentName, p => p.Expire(TimeSpan.FromDays(365))));
        builder.Services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o => o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict);
        return builder;
    }

    /// <summary>
    /// Both are open to everyone, unlike the site's controllers (which need a sign-in unless they say otherwise): they
    /// describe what the API accepts and answers and hold no figures, and a council's developer needs to read them
    /// before anyone has issued their system a token. Every operation they describe still needs its token.
    /// </summary>
    public static void MapApiDescription(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous().CacheOutput(DocumentName);
        app.MapScalarApiReference(ReferencePath, options => options
                .WithTitle("Supporting Families returns API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .AddDocument(DocumentName)
                .AddPreferredSecuritySchemes(ApiDocument.TokenScheme)
                // Nothing from anyone else's servers: the fonts, telemetry, the AI chat and MCP would all reach out
                // to Scalar's, which the content security policy (and a government service) does not allow.
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                // Its toolbar offers Scalar's own services (SDKs, hosting), which are no part of this one.
                .HideDeveloperTools()
                // A fresh nonce per request for the page's inline start-up script, which ReferencePagePolicy allows.
                .WithNonce())
            .AllowAnonymous()
            .AddEndpointFilter(ReferencePagePolicy.ApplyAsync);
    }
}
