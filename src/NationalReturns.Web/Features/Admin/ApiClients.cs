using Microsoft.EntityFrameworkCore;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Admin;

/// <summary>Admins issue and revoke API clients; a new token is shown once and only its hash is kept.</summary>
public static class ApiClients
{
    public sealed record Line(int Id, string AuthorityCode, string AuthorityName, string Name, string TokenPrefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt);

    public sealed record Page(IReadOnlyList<Line> Clients, IReadOnlyList<(string Code, string Name)> Authorities, string? NewToken, string? Error);

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

        /// <summary>The new token, to be shown once; or null with the reason in <paramref name="error"/>.</summary>
        public async Task<(string? Token, string? Error)> IssueAsync(string? authorityCode, string? name, string by, CancellationToken ct, string? token = null)
        {
            var code = authorityCode?.Trim().ToUpperInvariant();
            if (code is null || !await db.LocalAuthorities.AnyAsync(a => a.OnsCode == code && a.ValidTo == null, ct))
            {
                return (null, "Choose the authority the client will make returns for");
            }

            if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200)
            {
                return (null, "Name the client (its system, such as \"Liquidlogic export\"), in at most 200 characters");
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
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync("permission-granted", code, detail: $"API client '{name.Trim()}' issued ({token[..10]}…)", actor: by, ct: ct);
            return (token, null);
        }

        public async Task RevokeAsync(int id, string by, CancellationToken ct)
        {
            var client = await db.ApiClients.SingleOrDefaultAsync(c => c.Id == id && c.RevokedAt == null, ct);
            if (client is null)
            {
                return;
            }

            client.RevokedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync("permission-revoked", client.AuthorityCode, detail: $"API client '{client.Name}' revoked ({client.TokenPrefix}…)", actor: by, ct: ct);
        }
    }
}
