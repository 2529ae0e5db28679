using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NationalReturns.Web.Data;

namespace NationalReturns.Web.Infrastructure;

/// <summary>Bearer tokens for councils' own systems: random, shown once, stored as a SHA-256 hash.</summary>
public static class ApiTokens
{
    public const string Scheme = "ApiToken";

    /// <summary>The role an API client's principal carries; it reaches its own authority's returns and nothing else.</summary>
    public const string ClientRole = "ApiClient";

    public static string NewToken() => "nr_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    // The token carries 256 random bits, so a fast hash is as safe as a slow one and keeps lookups cheap.
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

public sealed class ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    NationalReturnsDbContext db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var hash = ApiTokens.Hash(header["Bearer ".Length..].Trim());
        var client = await db.ApiClients.SingleOrDefaultAsync(c => c.TokenHash == hash && c.RevokedAt == null);
        if (client is null)
        {
            return AuthenticateResult.Fail("The token is not valid or has been revoked.");
        }

        client.LastUsedAt = clock.GetUtcNow();
        await db.SaveChangesAsync();
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, $"api-client-{client.Id}"),
            new Claim(ClaimTypes.Name, $"API client {client.Name} ({client.TokenPrefix}…)"),
            new Claim(AccessClaims.DisplayName, $"API client {client.Name}"),
            new Claim(AccessClaims.Authority, client.AuthorityCode),
            new Claim(ClaimTypes.Role, ApiTokens.ClientRole),
        ], ApiTokens.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiTokens.Scheme));
    }

    public const string NoToken = "No token: send your API client's token as 'Authorization: Bearer nr_…'. An admin issues tokens at /admin/api-clients.";
    public const string UnknownToken = "The token is revoked or unknown: ask your administrator for a new one.";

    /// <summary>A problem document saying what is wrong with what was sent, not "Something went wrong".</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var (error, detail) = result.Failure is null ? ("invalid_request", NoToken) : ("invalid_token", UnknownToken);
        Response.Headers.WWWAuthenticate = $"Bearer error=\"{error}\"";
        await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorised", detail: detail).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "This token cannot reach what was asked for: a token reaches its own authority's returns.").ExecuteAsync(Context);
}
