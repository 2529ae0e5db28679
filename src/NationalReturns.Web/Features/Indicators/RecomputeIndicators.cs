using Microsoft.EntityFrameworkCore;
using NationalReturns.Web.Data;

namespace NationalReturns.Web.Features.Indicators;

/// <summary>
/// The nightly recompute. Indicators arrive with their own issue; until then the hook counts the
/// published returns they will be computed from, so the run says what it would work on.
/// </summary>
public static class RecomputeIndicators
{
    public sealed class Handler(NationalReturnsDbContext db)
    {
        public async Task<string> HandleAsync(CancellationToken ct)
        {
            var published = await db.AuthorityReturns.CountAsync(r => r.PublishedVersionId != null, ct);
            return $"{published} published returns; no indicators are defined yet";
        }
    }
}
