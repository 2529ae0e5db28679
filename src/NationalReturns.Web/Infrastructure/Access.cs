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
/// Who may see and change which authority's data: its returns, its self-assessments, its unpublished and small
/// figures. Authority staff see only their own authority's; the national team and admins see every authority's;
/// officials see none before publication. Actions declare what they need with <see cref="RequiresAttribute"/>.
/// </summary>
public static class AuthorityAccess
{
    public static string? AuthorityOf(ClaimsPrincipal user) => user.FindFirstValue(AccessClaims.Authority);

    /// <summary>The national team and admins: every authority's returns, assessments and unrounded figures.</summary>
    public static bool SeesEveryAuthority(ClaimsPrincipal user) => user.IsInRole(Roles.NationalTeam) || user.IsInRole(Roles.Admin);

    public static bool CanSee(ClaimsPrincipal user, string onsCode) =>
        SeesEveryAuthority(user) || (IsStaffOf(user, onsCode) && (user.IsInRole(Roles.Preparer) || user.IsInRole(Roles.Approver)));

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

    /// <summary>Scores and figures across authorities, from signed-off assessments and published returns: the national team and officials.</summary>
    public static bool SeesNationalFigures(ClaimsPrincipal user) => SeesEveryAuthority(user) || user.IsInRole(Roles.Official);

    /// <summary>The preparer's or approver's own authority; null for everyone else.</summary>
    public static string? StaffAuthority(ClaimsPrincipal user) =>
        AuthorityOf(user) is { } own && (user.IsInRole(Roles.Preparer) || user.IsInRole(Roles.Approver)) ? own : null;

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

/// <summary>Invitation links: the password-reset machinery with a lifespan of its own, a few days rather than hours.</summary>
public sealed class InvitationTokenProvider(
    Microsoft.AspNetCore.DataProtection.IDataProtectionProvider protection,
    Microsoft.Extensions.Options.IOptions<InvitationTokenOptions> options,
    ILogger<DataProtectorTokenProvider<UserAccount>> log)
    : DataProtectorTokenProvider<UserAccount>(protection, options, log)
{
    public const string ProviderName = "Invitation";
    public const string Purpose = "invitation";
}

public sealed class InvitationTokenOptions : DataProtectionTokenProviderOptions
{
    public InvitationTokenOptions()
    {
        Name = InvitationTokenProvider.ProviderName;
        TokenLifespan = TimeSpan.FromDays(5);
    }
}

public static class AccessSetup
{
    /// <summary>Wrong passwords from one device for one address before that device waits (see <see cref="Features.Account.SignInThrottle"/>).</summary>
    public const int MaxFailedSignIns = 5;
    public const string SignInLimit = "sign-in";
    public const string UploadLimit = "upload";

    /// <summary>Authenticates whichever a request carries: an API token (Authorization: Bearer) or the session cookie.</summary>
    public const string EitherScheme = "nr-either";

    /// <summary>How long a password-reset link works.</summary>
    public static readonly TimeSpan ResetLinkLifespan = TimeSpan.FromHours(2);

    public static WebApplicationBuilder AddAccess(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddIdentity<UserAccount, IdentityRole>(options =>
            {
                // Length over composition rules, as NCSC advises. Guessing is slowed per device and address
                // (SignInThrottle), not by locking the account, which would let a stranger keep its owner out;
                // lockout is kept for an admin disabling an account.
                options.Password.RequiredLength = 12;
                options.Password.RequiredUniqueChars = 5;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
                options.Tokens.ProviderMap[InvitationTokenProvider.ProviderName] = new TokenProviderDescriptor(typeof(InvitationTokenProvider));
            })
            .AddEntityFrameworkStores<NationalReturnsDbContext>()
            .AddClaimsPrincipalFactory<AccountClaimsFactory>()
            .AddDefaultTokenProviders();
        builder.Services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = ResetLinkLifespan);
        builder.Services.AddTransient<InvitationTokenProvider>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<Features.Account.SignInThrottle>();
        builder.Services.AddSingleton<SessionStore>();
        builder.Services.AddScoped<Sessions>();

        // Limits are per person or API client, so one council's uploads never use up another's; per address only
        // for requests no one is signed in to. Sign-in and password pages are anonymous, so per address.
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>().Configure<Microsoft.Extensions.Options.IOptions<RateLimitOptions>>((options, settings) =>
        {
            var limits = settings.Value;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(SignInLimit, context => System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
                "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = limits.SignInsPerMinute, Window = TimeSpan.FromMinutes(1) }));
            options.AddPolicy(UploadLimit, context => System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
                PartitionOf(context),
                _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = limits.UploadsPerMinute, Window = TimeSpan.FromMinutes(1) }));
        });
        builder.Services.AddAuthentication(o => o.DefaultAuthenticateScheme = EitherScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokens.Scheme, null)
            .AddPolicyScheme(EitherScheme, "API token or session", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? ApiTokens.Scheme : IdentityConstants.ApplicationScheme);

        // A change of role or authority, or disabling, also ends the person's sessions at once (Sessions); the
        // stamp check stays as a second line.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        builder.Services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<SessionStore>((options, store) => options.SessionStore = store)
            .Configure<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider, TimeProvider>((options, protection, clock) =>
                options.TicketDataFormat = new Microsoft.AspNetCore.Authentication.TicketDataFormat(SessionCookieProtector.For(protection, IdentityConstants.ApplicationScheme, clock)));
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
            options.Events.OnValidatePrincipal = StampCheck;
        });
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "nr-antiforgery";
            options.Cookie.SecurePolicy = builder.Environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });

        // Behind a load balancer every request comes from the balancer: its address is trusted to say whose request it is.
        builder.Services.AddOptions<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>().Configure<Microsoft.Extensions.Options.IOptions<NetworkOptions>>((options, network) =>
        {
            options.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in network.Value.Proxies)
            {
                options.KnownProxies.Add(proxy);
            }

            foreach (var range in network.Value.Networks)
            {
                options.KnownIPNetworks.Add(range);
            }
        });
        builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));

        return builder;
    }

    /// <summary>Whose request it is, for limits: the signed-in person or API client, or the address when no one is.</summary>
    public static string PartitionOf(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true
            ? $"{context.User.Identity.AuthenticationType}:{context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? context.User.Identity.Name}"
            : "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    /// <summary>
    /// Identity's security stamp check, asked only when it is due. Identity's own hook builds a sign-in manager,
    /// a user manager and a database context on every signed-in request just to find that the last check was
    /// under a minute ago: a quarter of such a request's work under load. The test for "due" is Identity's own.
    /// </summary>
    private static Task StampCheck(Microsoft.AspNetCore.Authentication.Cookies.CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityStampValidatorOptions>>().Value;
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        return context.Properties.IssuedUtc is { } issued && now - issued <= options.ValidationInterval
            ? Task.CompletedTask
            : SecurityStampValidator.ValidatePrincipalAsync(context);
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
