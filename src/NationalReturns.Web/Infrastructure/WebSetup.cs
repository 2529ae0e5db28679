using Microsoft.AspNetCore.Mvc.Razor;

namespace NationalReturns.Web.Infrastructure;

/// <summary>
/// Pages need a signed-in person (the cookie); API controllers need an API token and never take the
/// cookie, so a page in another tab cannot make the API act for its user.
/// </summary>
public sealed class SignInRequired : Microsoft.AspNetCore.Mvc.ApplicationModels.IControllerModelConvention
{
    public void Apply(Microsoft.AspNetCore.Mvc.ApplicationModels.ControllerModel controller)
    {
        var isApi = controller.Attributes.OfType<Microsoft.AspNetCore.Mvc.ApiControllerAttribute>().Any();
        var scheme = controller.Attributes.OfType<ReadBySessionOrTokenAttribute>().Any() ? AccessSetup.EitherScheme
            : isApi ? ApiTokens.Scheme : Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme;
        var policy = new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder(scheme).RequireAuthenticatedUser().Build();
        controller.Filters.Add(new Microsoft.AspNetCore.Mvc.Authorization.AuthorizeFilter(policy));
    }
}

/// <summary>
/// An API controller whose every action only reads (GET), which the site's own pages also call with the person's
/// session: the chart data. Nothing it answers changes anything, so a page in another tab gains nothing by calling
/// it, and without CORS it cannot read the answer.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ReadBySessionOrTokenAttribute : Attribute;

public static class WebSetup
{
    public static WebApplicationBuilder AddWebFeatures(this WebApplicationBuilder builder)
    {
        builder.Services.AddControllersWithViews(o =>
        {
            o.Filters.Add(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute());
            // Every page and API needs a signed-in user (or API token) unless it says [AllowAnonymous], so a new one is never public by accident.
            o.Conventions.Add(new SignInRequired());
            // Codes, quarters and years in routes that cannot exist are a 404 before any action runs.
            o.Filters.Add(new RouteValuesFilter());
        });
        builder.Services.AddSingleton<Microsoft.AspNetCore.Mvc.Infrastructure.IHttpResponseStreamWriterFactory, PageWriterFactory>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddSingleton<AuditWriter>();
        builder.Services.AddHostedService(s => s.GetRequiredService<AuditWriter>());
        builder.Services.AddSingleton<Features.Benchmarking.BenchmarkingData>();
        builder.Services.AddSingleton<Features.Benchmarking.KeptPages>();
        builder.Services.AddSingleton<Features.Packs.PackStore>();
        builder.Services.AddScoped<CollectionCalendar>();
        builder.Services.AddScoped<Features.Returns.ReturnContextSource>();
        builder.Services.Configure<RazorViewEngineOptions>(o => o.ViewLocationExpanders.Add(new FeatureViewLocationExpander()));
        builder.Services.AddFeatureHandlers();
        return builder;
    }

    /// <summary>The local demo's made-up returns, seeded in the background; never configured in production.</summary>
    public static WebApplicationBuilder AddDemoData(this WebApplicationBuilder builder)
    {
        if (DemoOptions.From(builder.Configuration).SeedReturns)
        {
            builder.Services.AddHostedService<Features.Returns.SeedDemoQuarters.Job>();
        }

        return builder;
    }

    /// <summary>GOV.UK-styled pages for 404 and 500; the API keeps its JSON problem details.</summary>
    public static void UseSiteErrorPages(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            // A body that cannot be read as the form it claims to be (a garbled multipart upload) is the sender's fault.
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/errors/500",
                StatusCodeSelector = ex => ex switch
                {
                    BadHttpRequestException bad => bad.StatusCode,
                    InvalidDataException or IOException => StatusCodes.Status400BadRequest,
                    _ => StatusCodes.Status500InternalServerError,
                },
            });
        }

        app.UseStatusCodePagesWithReExecute("/errors/{0}");
    }

    /// <summary>
    /// Files under wwwroot's own folders (assets, css, js), and nothing else: without this every download the site
    /// builds (packs, templates, CSVs end in .xlsx, .zip or .csv) first costs a look at the disk for a file that
    /// is never there, a tenth of a stored pack's time (issue 16).
    /// </summary>
    public static void UseSiteFiles(this WebApplication app)
    {
        var root = app.Environment.WebRootFileProvider;
        foreach (var folder in root.GetDirectoryContents("/").Where(f => f.IsDirectory).Select(f => f.Name))
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                RequestPath = "/" + folder,
                FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.Combine(app.Environment.WebRootPath, folder)),
            });
        }
    }

    /// <summary>HSTS everywhere but the local demo (browsers only heed it over HTTPS). Production's own address, which links in emails need, is a setting checked at start-up (<see cref="SiteOptions"/>).</summary>
    public static void UseTransportSecurity(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
    }

    /// <summary>
    /// Only our own scripts and styles (and the one inline script the layout's hash names). The API reference page
    /// alone replaces it (<see cref="Features.ApiDescription.ReferencePagePolicy"/>).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw='; " +
        "style-src 'self'; img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Headers every response carries; the CSP allows only our own scripts and styles.</summary>
    public static void UseSecurityHeaders(this WebApplication app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            await next();
        });
}
