using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Areas;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Admin;

/// <summary>Admins issue and revoke API clients; a new token is shown once and only its hash is kept.</summary>
public static class ApiClients
{
    public sealed record Line(int Id, string AuthorityCode, string AuthorityName, string Name, string TokenPrefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt);

    public sealed record Page(IReadOnlyList<Line> Clients, IReadOnlyList<(string Code, string Name)> Authorities, string? NewToken, string? Error);

    /// <param name="Token">The new token, shown once.</param>
    public sealed record Issued(string? Token) : Outcome;

    public sealed class Handler(NationalReturnsDbContext db, TimeProvider clock, AuditLog audit)
    {
        public async Task<Page> ListAsync(string? newToken, string? error, CancellationToken ct) => new(
            await db.ApiClients.AsNoTracking().OrderBy(c => c.Authority.Name).ThenBy(c => c.Name)
                .Select(c => new Line(c.Id, c.AuthorityCode, c.Authority.Name, c.Name, c.TokenPrefix, c.CreatedAt, c.RevokedAt, c.LastUsedAt))
                .ToListAsync(ct),
            (await db.LocalAuthorities.AsNoTracking().Where(a => a.ValidTo == null).OrderBy(a => a.Name).Select(a => new { a.OnsCode, a.Name }).ToListAsync(ct))
                .Select(a => (a.OnsCode, a.Name)).ToList(),
            newToken,
            error);

        /// <summary>The new token, to be shown once; or refused with what is wrong.</summary>
        public Task<Issued> IssueAsync(string? authorityCode, string? name, string by, CancellationToken ct) => IssueAsync(authorityCode, name, by, null, ct);

        /// <param name="token">A token chosen by the caller (the local demo's documented one); a new random one otherwise.</param>
        public async Task<Issued> IssueAsync(string? authorityCode, string? name, string by, string? token, CancellationToken ct)
        {
            var code = OnsCode.TryParse(authorityCode, out var parsed) ? parsed.Value : null;
            if (code is null || !await db.LocalAuthorities.AnyAsync(a => a.OnsCode == code && a.ValidTo == null, ct))
            {
                return new Issued(null) { Refusal = new Refusal(RefusalKind.Invalid, "Choose the authority the client will make returns for") };
            }

            if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200)
            {
                return new Issued(null) { Refusal = new Refusal(RefusalKind.Invalid, "Name the client (its system, such as \"Liquidlogic export\"), in at most 200 characters") };
            }

            token ??= ApiTokens.NewToken();
            db.ApiClients.Add(new ApiClient
            {
                AuthorityCode = code,
                Name = name.Trim(),
                TokenHash = ApiTokens.Hash(token),
                TokenPrefix = token[..10],
                CreatedBy = by,
                CreatedAt = clock.GetUtcNow(),
            });
            audit.Add(AuditActions.PermissionGranted, code, detail: $"API client '{name.Trim()}' issued ({token[..10]}…)", actor: by);
            await db.SaveChangesAsync(ct);
            return new Issued(token);
        }

        public async Task RevokeAsync(int id, string by, CancellationToken ct)
        {
            var client = await db.ApiClients.SingleOrDefaultAsync(c => c.Id == id && c.RevokedAt == null, ct);
            if (client is null)
            {
                return;
            }

            client.RevokedAt = clock.GetUtcNow();
            audit.Add(AuditActions.PermissionRevoked, client.AuthorityCode, detail: $"API client '{client.Name}' revoked ({client.TokenPrefix}…)", actor: by);
            await db.SaveChangesAsync(ct);
        }
    }
}
