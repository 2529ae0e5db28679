using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using NationalReturns.Domain.Areas;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.SelfAssessments;

namespace NationalReturns.Web.Infrastructure;

/// <summary>
/// Area codes, quarters, assessment years and framework codes in routes and query strings are bound as the
/// domain's values (<see cref="OnsCode"/>, <see cref="ReturnPeriod"/>, <see cref="AssessmentYear"/>,
/// <see cref="FrameworkCode"/>) through their <c>TryParse</c>. A value that cannot exist is answered here, once,
/// before access is checked or an action runs: a 404 saying how the value is written (a page, or a problem
/// document for the API).
/// </summary>
public sealed class RouteValuesFilter : IAsyncActionFilter, IOrderedFilter
{
    /// <summary>
    /// Before <see cref="RequiresAttribute"/> and before the API's own model-state check (-2000). Registered as one
    /// instance for the app, so this property orders it; the collection calendar (and with it a database context)
    /// is asked for only when a quarter fails to parse, not built for every request.
    /// </summary>
    public const int FilterOrder = -3000;

    public int Order => FilterOrder;

    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        foreach (var parameter in context.ActionDescriptor.Parameters)
        {
            var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            if (!context.ModelState.TryGetValue(parameter.Name, out var entry) || entry.Errors.Count == 0)
            {
                continue;
            }

            var text = entry.AttemptedValue;
            string? message =
                type == typeof(ReturnPeriod) ? await context.HttpContext.RequestServices.GetRequiredService<CollectionCalendar>().NotAQuarterAsync(text, context.HttpContext.RequestAborted)
                : type == typeof(AssessmentYear) ? AssessmentYear.NotAYear(text)
                : type == typeof(OnsCode) ? OnsCode.NotACode(text)
                : type == typeof(FrameworkCode) ? FrameworkCode.NotACode(text)
                : null;
            if (message is not null)
            {
                // A value in the path names something that does not exist (404); a filter in an API query string
                // is a request the client must correct (400). Pages say "not found" either way, with the message.
                var inQuery = parameter.BindingInfo?.BindingSource == BindingSource.Query
                    || (parameter.BindingInfo?.BindingSource is null && !context.RouteData.Values.ContainsKey(parameter.Name));
                context.Result = inQuery && IsApi(context)
                    ? Problem(StatusCodes.Status400BadRequest, "Bad request.", message)
                    : NotFound(context, message);
                return;
            }
        }

        await next();
    }

    private static IActionResult NotFound(ActionExecutingContext context, string message) =>
        context.Controller is Controller controller && !IsApi(context)
            ? controller.NotFoundPage(message)
            : Problem(StatusCodes.Status404NotFound, "Not found.", message);

    /// <summary>The API's problem document for a refusal made before any action runs.</summary>
    internal static ObjectResult Problem(int status, string title, string? detail = null) =>
        new(new ProblemDetails { Status = status, Title = title, Detail = detail }) { StatusCode = status };

    internal static bool IsApi(FilterContext context) => context.ActionDescriptor.EndpointMetadata.OfType<IApiBehaviorMetadata>().Any();

    /// <summary>Whether a parameter of this type is a domain value this filter answers for when it cannot exist.</summary>
    public static bool Checks(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) is var t && (t == typeof(ReturnPeriod) || t == typeof(AssessmentYear) || t == typeof(OnsCode) || t == typeof(FrameworkCode));
}

/// <summary>What an action needs of the person, declared on it and checked once, before it runs.</summary>
public enum Need
{
    /// <summary>See the authority in the route: its own staff, the national team, admins.</summary>
    SeeAuthority,

    /// <summary>Upload, explain and complete for the authority in the route: its preparers.</summary>
    PrepareForAuthority,

    /// <summary>Use the API for the authority in the route: an API client of that authority.</summary>
    ApiForAuthority,

    /// <summary>Every authority's returns and assessments: the national team and admins.</summary>
    EveryAuthority,

    /// <summary>Figures and scores across authorities: the national team, admins and officials.</summary>
    NationalFigures,

    /// <summary>One authority's figures and scores: the national team, admins, officials and the authority's own staff.</summary>
    NationalFiguresOrOwnAuthority,

    /// <summary>Query, accept, reopen and publish: the national team.</summary>
    Review,

    /// <summary>Returns and assessments of one's own authority or of every authority: staff, the national team, admins.</summary>
    OwnOrEveryAuthority,

    /// <summary>One's own authority's returns: its preparers and approvers.</summary>
    AuthorityStaff,

    /// <summary>The audit log: the national team and admins.</summary>
    Audit,

    /// <summary>People, collection windows, API clients and frameworks: admins.</summary>
    Admin,

    /// <summary>Request profiles (<see cref="RequestProfiles"/>): admins, and everyone signed in while developing.</summary>
    Profile,
}

/// <summary>
/// Declares what an action needs (<see cref="Need"/>). Per-authority needs read the action's bound
/// <see cref="OnsCode"/> named <c>onsCode</c>. Refused: 403 (the GOV.UK page, or a problem document for the API).
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class RequiresAttribute(Need need) : Attribute, IAsyncActionFilter, IOrderedFilter
{
    /// <summary>The API's answer to a token that does not meet the need (its only per-authority need is its own authority's).</summary>
    public const string ApiRefusal = "This token is for another authority's returns.";

    public Need Need { get; } = need;

    /// <summary>After <see cref="RouteValuesFilter"/>, before the API's model-state check.</summary>
    public int Order => -2500;

    public Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        if (PerAuthority && !context.ActionArguments.ContainsKey("onsCode") && !context.ModelState.IsValid)
        {
            // Binding was skipped because the body could not be read (a garbled form): the sender's fault, and
            // nothing to check access against.
            context.Result = RouteValuesFilter.IsApi(context)
                ? RouteValuesFilter.Problem(StatusCodes.Status400BadRequest, "The request could not be read: send the workbook as a multipart form field named 'file'.")
                : new BadRequestResult();
            return Task.CompletedTask;
        }

        var user = context.HttpContext.User;
        var allowed = Need switch
        {
            Need.SeeAuthority => AuthorityAccess.CanSee(user, AuthorityIn(context)),
            Need.PrepareForAuthority => AuthorityAccess.CanPrepare(user, AuthorityIn(context)),
            Need.ApiForAuthority => AuthorityAccess.CanUseApiFor(user, AuthorityIn(context)),
            Need.NationalFiguresOrOwnAuthority => AuthorityAccess.SeesNationalFigures(user) || AuthorityAccess.CanSee(user, AuthorityIn(context)),
            Need.Profile => context.HttpContext.RequestServices.GetRequiredService<RequestProfiles>().MaySee(context.HttpContext),
            _ => Allows(Need, user),
        };
        if (allowed)
        {
            return next();
        }

        context.Result = RouteValuesFilter.IsApi(context)
            ? RouteValuesFilter.Problem(StatusCodes.Status403Forbidden, ApiRefusal)
            : new ForbidResult();
        return Task.CompletedTask;
    }

    /// <summary>Whether the person has a need that is not about one authority: what the navigation offers is decided here too.</summary>
    public static bool Allows(Need need, System.Security.Claims.ClaimsPrincipal user) => need switch
    {
        Need.EveryAuthority => AuthorityAccess.SeesEveryAuthority(user),
        Need.NationalFigures => AuthorityAccess.SeesNationalFigures(user),
        Need.Review => AuthorityAccess.CanReview(user),
        Need.OwnOrEveryAuthority => AuthorityAccess.SeesEveryAuthority(user) || AuthorityAccess.StaffAuthority(user) is not null,
        Need.AuthorityStaff => AuthorityAccess.StaffAuthority(user) is not null,
        Need.Audit => user.IsInRole(Roles.NationalTeam) || user.IsInRole(Roles.Admin),
        Need.Admin => user.IsInRole(Roles.Admin),
        _ => false,
    };

    private bool PerAuthority => Need is Need.SeeAuthority or Need.PrepareForAuthority or Need.ApiForAuthority or Need.NationalFiguresOrOwnAuthority;

    private static string AuthorityIn(ActionExecutingContext context) =>
        context.ActionArguments.TryGetValue("onsCode", out var value) && value is OnsCode code
            ? code.Value
            : throw new InvalidOperationException($"{context.ActionDescriptor.DisplayName} declares a per-authority need but binds no OnsCode named onsCode.");
}
