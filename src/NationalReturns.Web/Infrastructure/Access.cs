using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using NationalReturns.Web.Data;

namespace NationalReturns.Web.Infrastructure;

/// <summary>The five roles, as the collection uses them.</summary>
public static class Roles
{
    /// <summary>Uploads, explains and submits one authority's returns.</summary>
    public const string Preparer = "Preparer";

    /// <summary>Certifies one authority's submitted returns.</summary>
    public const string Approver = "Approver";

    /// <summary>Sees every return, queries, accepts, reopens and publishes.</summary>
    public const string NationalTeam = "NationalTeam";

    /// <summary>Published figures, dashboards and packs only.</summary>
    public const string Official = "Official";

    /// <summary>Users and their authorities, collection windows, API clients.</summary>
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Preparer, Approver, NationalTeam, Official, Admin];

    public static string Label(string role) => role switch
    {
        NationalTeam => "National team",
        _ => role,
    };
}

/// <summary>Claims an account carries besides its roles.</summary>
public static class AccessClaims
{
    public const string Authority = "nr:authority";
    public const string DisplayName = "nr:name";
}

/// <summary>
/// Who may see and change which authority's returns. Authority staff see only their own authority's;
/// the national team and admins see all; officials see none before publication.
/// </summary>
public static class ReturnAccess
{
    public static string? AuthorityOf(ClaimsPrincipal user) => user.FindFirstValue(AccessClaims.Authority);

    public static bool CanSeeAllReturns(ClaimsPrincipal user) => user.IsInRole(Roles.NationalTeam) || user.IsInRole(Roles.Admin);

    public static bool CanSee(ClaimsPrincipal user, string onsCode) =>
        CanSeeAllReturns(user) || (IsStaffOf(user, onsCode) && (user.IsInRole(Roles.Preparer) || user.IsInRole(Roles.Approver)));

    /// <summary>Uploading and explaining queries is the authority's preparer's job.</summary>
    public static bool CanPrepare(ClaimsPrincipal user, string onsCode) => user.IsInRole(Roles.Preparer) && IsStaffOf(user, onsCode);

    /// <summary>Certifying is the authority's approver's job.</summary>
    public static bool CanCertify(ClaimsPrincipal user, string onsCode) => user.IsInRole(Roles.Approver) && IsStaffOf(user, onsCode);

    /// <summary>Querying, accepting, publishing and reopening are the national team's.</summary>
    public static bool CanReview(ClaimsPrincipal user) => user.IsInRole(Roles.NationalTeam);

    public static bool CanTake(ClaimsPrincipal user, Domain.Workflow.ReturnAction action, string onsCode) =>
        WorkflowRoles(user, onsCode).Contains(Domain.Workflow.ReturnWorkflow.RoleFor(action));

    /// <summary>The workflow roles the person holds for one authority's returns and assessments: what the workflow tables are asked with.</summary>
    public static IReadOnlySet<Domain.Workflow.WorkflowRole> WorkflowRoles(ClaimsPrincipal user, string onsCode)
    {
        var roles = new HashSet<Domain.Workflow.WorkflowRole>();
        if (CanPrepare(user, onsCode))
        {
            roles.Add(Domain.Workflow.WorkflowRole.Preparer);
        }

        if (CanCertify(user, onsCode))
        {
            roles.Add(Domain.Workflow.WorkflowRole.Approver);
        }

        if (CanReview(user))
        {
            roles.Add(Domain.Workflow.WorkflowRole.NationalTeam);
        }

        return roles;
    }

    /// <summary>An API client reaches its own authority's returns and nothing else.</summary>
    public static bool CanUseApiFor(ClaimsPrincipal user, string onsCode) => user.IsInRole(ApiTokens.ClientRole) && IsStaffOf(user, onsCode);

    public static string Actor(ClaimsPrincipal user) => user.FindFirstValue(AccessClaims.DisplayName) ?? user.Identity?.Name ?? "unknown";

    private static bool IsStaffOf(ClaimsPrincipal user, string onsCode) =>
        string.Equals(AuthorityOf(user), onsCode, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Puts an account's authority and name into its sign-in cookie.</summary>
public sealed class AccountClaimsFactory(UserManager<UserAccount> users, RoleManager<IdentityRole> roles, Microsoft.Extensions.Options.IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<UserAccount, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(UserAccount user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AccessClaims.DisplayName, user.DisplayName));
        if (user.AuthorityCode is not null)
        {
            identity.AddClaim(new Claim(AccessClaims.Authority, user.AuthorityCode));
        }

        return identity;
    }
}

public static class AccessSetup
{
    public const int MaxFailedSignIns = 5;
    public const string SignInLimit = "sign-in";
    public const string UploadLimit = "upload";

    public static WebApplicationBuilder AddAccess(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddIdentity<UserAccount, IdentityRole>(options =>
            {
                // Length over composition rules, as NCSC advises; lockout stops guessing.
                options.Password.RequiredLength = 12;
                options.Password.RequiredUniqueChars = 5;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<NationalReturnsDbContext>()
            .AddClaimsPrincipalFactory<AccountClaimsFactory>()
            .AddDefaultTokenProviders();

        // Guessing passwords and flooding uploads are slowed per address (sign-in) and per person or client (upload).
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(SignInLimit, context => System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = builder.Configuration.GetValue("RateLimits:SignInsPerMinute", 20), Window = TimeSpan.FromMinutes(1) }));
            options.AddPolicy(UploadLimit, context => System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
                context.User.Identity?.Name ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = builder.Configuration.GetValue("RateLimits:UploadsPerMinute", 30), Window = TimeSpan.FromMinutes(1) }));
        });
        builder.Services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokens.Scheme, null);
        // A changed role, authority or disabled account reaches a signed-in session within a minute.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/sign-in";
            options.LogoutPath = "/account/sign-out";
            options.AccessDeniedPath = "/errors/403";
            options.Cookie.Name = "nr-session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            // The local demo runs on plain http on the loopback; everywhere else the cookie is https-only.
            options.Cookie.SecurePolicy = builder.Environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.Events.OnRedirectToLogin = context => Challenge(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => Challenge(context, StatusCodes.Status403Forbidden);
        });
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "nr-antiforgery";
            options.Cookie.SecurePolicy = builder.Environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });

        return builder;
    }

    /// <summary>The API answers 401/403 itself; pages send people to sign in or to the GOV.UK 403 page.</summary>
    private static Task Challenge(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || status == StatusCodes.Status403Forbidden)
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
