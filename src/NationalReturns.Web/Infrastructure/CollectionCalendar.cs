using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;

namespace NationalReturns.Web.Infrastructure;

/// <summary>Each quarter's collection window: the Admin's dates where set, otherwise the default.</summary>
public sealed class CollectionCalendar(NationalReturnsDbContext db, TimeProvider clock)
{
    public DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().Date);

    /// <summary>The latest quarter that has ended: the one being collected now.</summary>
    public ReturnPeriod Current => ReturnPeriod.Containing(Today).Previous;

    /// <summary>
    /// The latest quarter whose window is open today: normally <see cref="Current"/>, or the one before it
    /// when an Admin has set the current quarter to open later.
    /// </summary>
    public async Task<CollectionWindow> LatestOpenAsync(CancellationToken ct)
    {
        var window = await ForAsync(Current, ct);
        return window.IsOpen(Today) ? window : await ForAsync(Current.Previous, ct);
    }

    /// <summary>Null when returns and templates for the quarter can be had today; otherwise why not, naming the quarter open now.</summary>
    public async Task<string?> RefusalAsync(ReturnPeriod period, CancellationToken ct)
    {
        var window = await ForAsync(period, ct);
        return window.IsOpen(Today) ? null : window.Refusal(Today, await LatestOpenAsync(ct));
    }

    /// <summary>What to say about a period in a URL that is no quarter at all.</summary>
    public async Task<string> NotAQuarterAsync(string? text, CancellationToken ct) =>
        CollectionWindow.NotAQuarter(text, await LatestOpenAsync(ct));

    public async Task<CollectionWindow> ForAsync(ReturnPeriod period, CancellationToken ct)
    {
        var key = period.UrlSegment;
        var setting = await db.CollectionWindowSettings.AsNoTracking().SingleOrDefaultAsync(w => w.Period == key, ct);
        return setting is null ? CollectionWindow.Default(period) : new CollectionWindow(period, setting.OpensOn, setting.DueOn);
    }
}
