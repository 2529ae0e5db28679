using System.Security.Claims;
using NationalReturns.Web.Data;

namespace NationalReturns.Web.Infrastructure;

/// <summary>Writes the audit trail: who did what, to which return, when and from where.</summary>
public sealed class AuditLog(NationalReturnsDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    /// <summary>Adds the event and saves it, inside the caller's transaction when there is one.</summary>
    /// <param name="actor">Who, when nobody is signed in to the request (sign-in attempts, scheduled jobs, the demo seeders).</param>
    public async Task RecordAsync(string action, string? authorityCode = null, string? period = null, string? detail = null, string? actor = null, CancellationToken ct = default)
    {
        var context = http.HttpContext;
        db.AuditEvents.Add(new AuditEvent
        {
            At = clock.GetUtcNow(),
            Actor = context?.User is { Identity.IsAuthenticated: true } user ? AuthorityAccess.Actor(user) + Email(user) : actor ?? "anonymous",
            Action = action,
            AuthorityCode = authorityCode,
            Period = period,
            Detail = detail is { Length: > 2000 } ? detail[..2000] : detail,
            From = context?.Connection.RemoteIpAddress?.ToString(),
        });
        await db.SaveChangesAsync(ct);
    }

    private static string Email(ClaimsPrincipal user) => user.Identity?.Name is { } name ? $" <{name}>" : "";
}
