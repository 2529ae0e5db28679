using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Periods;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Admin;

/// <summary>
/// An admin sets when a quarter's collection opens and is due, in place of the default. The dates are
/// checked against the quarter; the setting and its audit event are saved together.
/// </summary>
public static class ChangeCollectionWindow
{
    /// <param name="Opens">As entered, yyyy-mm-dd.</param>
    /// <param name="Due">As entered, yyyy-mm-dd.</param>
    public sealed record Command(ReturnPeriod Period, string? Opens, string? Due, string By);

    public sealed class Handler(NationalReturnsDbContext db, AuditLog audit, TimeProvider clock)
    {
        public async Task<Outcome> HandleAsync(Command command, CancellationToken ct)
        {
            var quarter = command.Period;
            if (!DateOnly.TryParseExact(command.Opens?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var opensOn)
                || !DateOnly.TryParseExact(command.Due?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dueOn))
            {
                return Outcome.Invalid("Enter both dates as yyyy-mm-dd, such as 2025-11-11");
            }

            if (opensOn <= quarter.Start || dueOn <= opensOn)
            {
                return Outcome.Invalid($"The collection must open after {quarter} starts and be due after it opens");
            }

            var setting = await db.CollectionWindowSettings.SingleOrDefaultAsync(w => w.Period == quarter.UrlSegment, ct);
            if (setting is null)
            {
                db.CollectionWindowSettings.Add(setting = new CollectionWindowSetting { Period = quarter.UrlSegment, ChangedBy = "" });
            }

            setting.OpensOn = opensOn;
            setting.DueOn = dueOn;
            setting.ChangedBy = command.By;
            setting.ChangedAt = clock.GetUtcNow();
            audit.Add(AuditActions.CollectionWindow, period: quarter.UrlSegment, detail: $"opens {opensOn:yyyy-MM-dd}, due {dueOn:yyyy-MM-dd}", actor: command.By);
            await db.SaveChangesAsync(ct);
            return Outcome.Done;
        }
    }
}
