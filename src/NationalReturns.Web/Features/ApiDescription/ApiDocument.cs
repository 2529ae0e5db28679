using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.ApiDescription;

/// <summary>What the document says about the API as a whole: what it is for, how a client proves who it is, and its parts.</summary>
public sealed class ApiDocument : IOpenApiDocumentTransformer
{
    /// <summary>An API client's bearer token (<see cref="ApiTokens"/>).</summary>
    public const string TokenScheme = "apiToken";

    /// <summary>A signed-in person's session cookie, which the chart data also takes: the site's own pages call it.</summary>
    public const string SessionScheme = "session";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Supporting Families returns API",
            Version = ApiDescription.DocumentName,
            Description = """
                The JSON API of the Supporting Families returns service, for councils' and analysts' own systems: upload and
                check a quarterly return, read the population indicators and every chart's data, and list the authorities.

                **Who may call it.** Send an API client's token as `Authorization: Bearer nr_…`. An admin issues tokens at
                `/admin/api-clients`, one per authority; a token reaches its own authority's returns and, like a person
                signed in, the indicators and chart data (counts of 1 to 4 are withheld as `c`, except the token's own
                authority's). The areas are open to everyone.

                **Codes and quarters.** Authorities are named by their ONS code (`E06000009` is Blackpool). Quarters are
                quarters of the financial year, written `2025-26-Q4` (January to March 2026).

                **When something is refused** the answer is a problem document (RFC 9457, `application/problem+json`)
                whose `detail` says what is wrong and what to do.

                **Caching.** Indicator and chart answers carry an `ETag`: send it back as `If-None-Match` and an unchanged
                answer is a `304` with no body.
                """,
        };

        // The document is the same wherever it is served from; clients call the address they read it at.
        document.Servers = [];

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [TokenScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API client's token, `nr_` and 43 more characters, issued by an admin at /admin/api-clients for one authority and shown once. "
                    + "A missing, unknown or revoked token is a 401 whose `WWW-Authenticate: Bearer error=…` says which.",
            },
            [SessionScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = "nr-session",
                Description = "A person's session, set by signing in at /account/sign-in. Only the chart data takes it, for the site's own pages.",
            },
        };

        document.Tags = new HashSet<OpenApiTag>
        {
            new() { Name = "Returns", Description = "Upload a quarterly return and read its status and issues, with a token for the authority." },
            new() { Name = "Indicators", Description = "The twelve population indicators and their values for every area." },
            new() { Name = "Charts", Description = "Each chart's data as the pages draw it: rows, a sentence saying what they show, reference lines; as JSON or CSV." },
            new() { Name = "Areas", Description = "The upper-tier local authorities of England, with codes, regions and statistical neighbours. Open to everyone." },
        };
        return Task.CompletedTask;
    }
}
