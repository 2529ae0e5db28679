using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using NationalReturns.Domain.Areas;
using NationalReturns.Domain.Indicators;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Infrastructure.Spreadsheets;

namespace NationalReturns.Web.Features.ApiDescription;

/// <summary>
/// What each operation needs and answers beyond what MVC reads from the action: the scheme it is called with, what
/// its parameters mean, the refusals made before it runs (read from the same attributes and conventions that make
/// them), its CSV where it has one, and its examples (<see cref="ApiExamples"/>).
/// </summary>
public sealed class ApiOperations : IOpenApiOperationTransformer
{
    public const string CsvType = "text/csv";

    /// <summary>What each parameter the API takes means, one example, and the values it can take where they are few.</summary>
    public static IReadOnlyDictionary<string, (string Description, string Example, IReadOnlyList<string>? Values)> Parameters { get; } =
        new Dictionary<string, (string, string, IReadOnlyList<string>?)>
        {
            ["onsCode"] = ("An authority's ONS code: a capital letter and eight digits, such as E06000009 (Blackpool). GET /api/v1/areas lists them.", "E06000009", null),
            ["code"] = ("An authority's ONS code, such as E06000009 (Blackpool).", "E06000009", null),
            ["period"] = ("A quarter of the financial year, written 2025-26-Q4 (January to March 2026).", "2025-26-Q4", null),
            ["id"] = ("An indicator's id. GET /api/v1/indicators describes them.", "CARE-START", IndicatorCatalogue.All.Select(i => i.Id).ToList()),
            ["level"] = ("la (each authority, the default), region or england.", "la", ["la", "region", "england"]),
            ["format"] = ("json (the default), or csv for the same rows as CSV with a header of column keys.", "json", ["json", "csv"]),
            ["group"] = ("A comparison group to pick out: region-<region code> (region-E12000002), neighbours-<ONS code> (an authority and its ten "
                + "statistical neighbours), type-county, type-unitary, type-metropolitan or type-london-borough, or chosen authorities "
                + "areas-<code>.<code>… (areas-E06000009.E06000012).", "neighbours-E06000009", null),
            ["colour"] = ("What colours each hexagon: comparison (with England, the default) or quartile.", "comparison", ["comparison", "quartile"]),
            ["sort"] = ("name (the default), or an indicator's id to sort by its value, lowest first.", "CARE-START", null),
            ["If-None-Match"] = ("The ETag of an answer already held: if nothing has changed the answer is a 304 with no body.", "\"5f0c2a9d41b7e3c8a6d2f0e19b4c7a31\"", null),
        };

    private const string WhenNoQuarter = " Without it, the newest quarter whose figures are complete (England's made from nearly every authority's return).";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var action = (ControllerActionDescriptor)context.Description.ActionDescriptor;
        operation.Responses ??= [];
        Security(operation, action, context.Document);
        Caching(operation);
        Describe(operation, context);
        if (ApiExamples.ByAction.GetValueOrDefault((action.ControllerTypeInfo.AsType(), action.MethodInfo.Name)) is { } examples)
        {
            Examples(operation, examples, context.Description.ParameterDescriptions.Any(p => p.Name == "format"));
        }

        Refusals(operation, action, context);

        return Task.CompletedTask;
    }

    /// <summary>As <see cref="SignInRequired"/> decides: a token, or for the chart data a token or the session; the areas need neither.</summary>
    private static void Security(OpenApiOperation operation, ControllerActionDescriptor action, OpenApiDocument? document)
    {
        if (action.EndpointMetadata.OfType<IAllowAnonymous>().Any())
        {
            return;
        }

        operation.Security = [Requirement(ApiDocument.TokenScheme, document)];
        if (action.ControllerTypeInfo.IsDefined(typeof(ReadBySessionOrTokenAttribute), inherit: true))
        {
            operation.Security.Add(Requirement(ApiDocument.SessionScheme, document));
        }
    }

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument? document) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };

    /// <summary>An operation that answers 304 sends an ETag, and takes it back as If-None-Match.</summary>
    private static void Caching(OpenApiOperation operation)
    {
        if (!operation.Responses!.TryGetValue("304", out var notModified) || !operation.Responses.TryGetValue("200", out var answer) || answer is not OpenApiResponse ok)
        {
            return;
        }

        ok.Headers ??= new Dictionary<string, IOpenApiHeader>();
        ok.Headers["ETag"] = new OpenApiHeader { Description = "The answer's hash: send it back as If-None-Match.", Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        notModified.Description = "Nothing has changed since the answer whose ETag was sent as If-None-Match.";
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter { Name = "If-None-Match", In = ParameterLocation.Header, Schema = new OpenApiSchema { Type = JsonSchemaType.String } });
    }

    private static void Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.Name is null || !Parameters.TryGetValue(parameter.Name, out var meaning))
            {
                continue;
            }

            parameter.Description = meaning.Description + (parameter is { Name: "period", In: ParameterLocation.Query } ? WhenNoQuarter : "");
            parameter.Example = JsonValue.Create(meaning.Example);
            if (meaning.Values is { } values && parameter.Schema is OpenApiSchema schema)
            {
                schema.Enum = values.Select(v => (JsonNode)JsonValue.Create(v)).ToList();
            }
        }

        if (operation.RequestBody is OpenApiRequestBody body && context.Description.ParameterDescriptions.Any(p => p.Source == BindingSource.FormFile))
        {
            body.Description = "The return workbook (.xlsx) as the multipart form field `file`: the template downloaded from the service for this authority and quarter, filled in.";
        }
    }

    /// <summary>
    /// Refusals made before the action runs, each read from what makes it: the sign-in convention (401), a declared
    /// need (403), a code or quarter that cannot exist (404 in the path, 400 in the query string), a rate limit (429),
    /// an upload limit (413). Where the action declares the same status for its own reasons, both are described.
    /// </summary>
    private static void Refusals(OpenApiOperation operation, ControllerActionDescriptor action, OpenApiOperationTransformerContext context)
    {
        if (!action.EndpointMetadata.OfType<IAllowAnonymous>().Any())
        {
            var sessionToo = action.ControllerTypeInfo.IsDefined(typeof(ReadBySessionOrTokenAttribute), inherit: true);
            Refusal(operation, context.Document, StatusCodes.Status401Unauthorized,
                sessionToo
                    ? "No token and no signed-in session, or a token that is unknown or revoked."
                    : "No token, or a token that is unknown or revoked: the WWW-Authenticate header says which (Bearer error=\"invalid_request\" or \"invalid_token\").",
                "unknown-token", ApiExamples.Problem(StatusCodes.Status401Unauthorized, "Unauthorised", ApiTokenHandler.UnknownToken));
        }

        if (action.EndpointMetadata.OfType<RequiresAttribute>().Any())
        {
            Refusal(operation, context.Document, StatusCodes.Status403Forbidden, "The token is for another authority: a token reaches its own authority's returns and no other.",
                "another-authority", ApiExamples.Problem(StatusCodes.Status403Forbidden, RequiresAttribute.ApiRefusal));
        }

        var checkedValues = context.Description.ParameterDescriptions.Where(p => p.ParameterDescriptor?.ParameterType is { } type && RouteValuesFilter.Checks(type)).ToList();
        if (checkedValues.Any(p => p.Source == BindingSource.Path))
        {
            Refusal(operation, context.Document, StatusCodes.Status404NotFound, "A code or quarter in the path that cannot exist: the detail says how it is written.",
                "not-a-code", ApiExamples.Problem(StatusCodes.Status404NotFound, "Not found.", OnsCode.NotACode("E0600009")));
        }

        if (checkedValues.Any(p => p.Source == BindingSource.Query))
        {
            Refusal(operation, context.Document, StatusCodes.Status400BadRequest, "A quarter in the query string that cannot exist: the detail says how quarters are written.",
                "not-a-quarter", ApiExamples.Problem(StatusCodes.Status400BadRequest, "Bad request.",
                    "'2025-26-Q5' is not a quarter. Quarters are written like 2026-27-Q2. Returns are open now for 2026-27 Q2 (due 13 November 2026) and earlier quarters."));
        }

        if (action.EndpointMetadata.OfType<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>().Any())
        {
            // The limiter answers with the status alone; the site's error handling makes it a problem document.
            Refusal(operation, context.Document, StatusCodes.Status429TooManyRequests,
                "More requests this minute than the client's limit (RateLimits__UploadsPerMinute, 30 by default): wait a minute and send again.",
                "too-many", ApiExamples.Problem(StatusCodes.Status429TooManyRequests, "Something went wrong"));
        }

        if (action.EndpointMetadata.OfType<UploadLimitAttribute>().FirstOrDefault() is { } limit)
        {
            Refusal(operation, context.Document, StatusCodes.Status413PayloadTooLarge, "The request is over the upload limit: refused before any of the file is read.",
                "request-too-large", ApiExamples.Problem(StatusCodes.Status413PayloadTooLarge, "The file is too large", SpreadsheetInspection.TooLargeMessage(null, limit.MaxFileBytes)));
        }
    }

    private static void Refusal(OpenApiOperation operation, OpenApiDocument? document, int status, string description, string exampleName, ProblemDetails example)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.TryGetValue(key, out var existing) && existing is OpenApiResponse declared)
        {
            declared.Description = declared.Description is { Length: > 0 } own && own != ReasonPhrase(status) ? $"{own} Or: {Lower(description)}" : description;
        }
        else
        {
            operation.Responses[key] = declared = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ProducesProblemAttribute.ContentType] = new() { Schema = new OpenApiSchemaReference(nameof(ProblemDetails), document) },
                },
            };
        }

        var media = declared.Content![ProducesProblemAttribute.ContentType];
        media.Examples ??= new Dictionary<string, IOpenApiExample>();
        media.Examples[exampleName] = new OpenApiExample { Summary = example.Title, Value = ApiExamples.Node(example) };
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);

    private static string Lower(string sentence) => char.ToLowerInvariant(sentence[0]) + sentence[1..];

    private static void Examples(OpenApiOperation operation, ApiExamples.Operation examples, bool answersCsv)
    {
        var success = operation.Responses!.Where(r => r.Key.StartsWith('2')).Select(r => r.Value).OfType<OpenApiResponse>().FirstOrDefault();
        if (success?.Content is { } answers && answers.TryGetValue("application/json", out var json))
        {
            json.Examples = new Dictionary<string, IOpenApiExample> { ["answer"] = new OpenApiExample { Summary = examples.Answer.Summary, Value = examples.Answer.Json } };
        }

        if (success is not null && answersCsv)
        {
            success.Content ??= new Dictionary<string, OpenApiMediaType>();
            success.Content[CsvType] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "With format=csv: the same rows, a header of column keys first." },
                Examples = examples.Answer.Csv is { } csv
                    ? new Dictionary<string, IOpenApiExample> { ["answer"] = new OpenApiExample { Summary = examples.Answer.Summary, Value = JsonValue.Create(csv) } }
                    : null,
            };
        }

        foreach (var (status, problem) in examples.Problems)
        {
            if (operation.Responses!.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response)
                && response.Content is { } content && content.TryGetValue(ProducesProblemAttribute.ContentType, out var media))
            {
                media.Examples ??= new Dictionary<string, IOpenApiExample>();
                media.Examples["refused"] = new OpenApiExample { Summary = problem.Title, Value = ApiExamples.Node(problem) };
            }
        }
    }
}
