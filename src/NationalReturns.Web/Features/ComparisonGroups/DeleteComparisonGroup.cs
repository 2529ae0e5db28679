using Microsoft.EntityFrameworkCore;
using NationalReturns.Web.Data;

namespace NationalReturns.Web.Features.ComparisonGroups;

/// <summary>A person deletes one of their own groups; another person's is as good as missing.</summary>
public static class DeleteComparisonGroup
{
    public sealed class Handler(NationalReturnsDbContext db)
    {
        /// <summary>False when the person has no group with that id.</summary>
        public async Task<bool> HandleAsync(string userId, int id, CancellationToken ct) =>
            await db.SavedComparisonGroups.Where(g => g.Id == id && g.UserId == userId).ExecuteDeleteAsync(ct) > 0;
    }
}
