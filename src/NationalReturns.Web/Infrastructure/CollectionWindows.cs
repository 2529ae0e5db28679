using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;

namespace NationalReturns.Web.Infrastructure;

/// <summary>Each quarter's collection window: the Admin's dates where set, otherwise the default.</summary>
public sealed class CollectionWindows(NationalReturnsDbContext db, TimeProvider clock)
{
    public DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().Date);

    /// <summary>The latest quarter that has ended: the one being collected now.</summary>
    public ReturnPeriod Current => ReturnPeriod.Containing(Today).Previous;

    public async Task<CollectionWindow> ForAsync(ReturnPeriod period, CancellationToken ct)
    {
        var key = period.UrlSegment;
        var setting = await db.CollectionWindows.AsNoTracking().SingleOrDefaultAsync(w => w.Period == key, ct);
        return setting is null ? CollectionWindow.Default(period) : new CollectionWindow(period, setting.OpensOn, setting.DueOn);
    }
}
