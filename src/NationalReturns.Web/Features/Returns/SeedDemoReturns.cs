using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Returns;
using NationalReturns.Domain.Returns.Demo;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Infrastructure.Spreadsheets;

namespace NationalReturns.Web.Features.Returns;

/// <summary>
/// The local demo: a return from every authority for the last two complete quarters, made up at
/// realistic rates and uploaded through the real upload path, so every page has something to show.
/// Runs once, in the background, only where configured (Development); production never seeds.
/// </summary>
public static class SeedDemoReturns
{
    public sealed class Handler(NationalReturnsDbContext db, ReturnContexts contexts, UploadReturn.Handler upload, CollectionWindows windows, ILogger<Handler> log)
    {
        public async Task<int> HandleAsync(CancellationToken ct)
        {
            ReturnPeriod[] quarters = [windows.Current.Previous, windows.Current];
            var keys = quarters.Select(q => q.UrlSegment).ToList();

            // Two instances starting together seed once; a seed cut short by a shutdown carries on next time.
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_lock(7201)", ct);
            try
            {
                return await SeedAsync(quarters, keys, ct);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_unlock(7201)", CancellationToken.None);
            }
        }

        private async Task<int> SeedAsync(ReturnPeriod[] quarters, List<string> keys, CancellationToken ct)
        {
            var done = (await db.AuthorityReturns.AsNoTracking().Where(r => keys.Contains(r.Period)).Select(r => new { r.AuthorityCode, r.Period }).ToListAsync(ct))
                .Select(r => (r.AuthorityCode, r.Period)).ToHashSet();
            var codes = await db.LocalAuthorities.AsNoTracking().Where(a => a.ValidTo == null).OrderBy(a => a.OnsCode).Select(a => a.OnsCode).ToListAsync(ct);
            var uploaded = 0;
            foreach (var quarter in quarters)
            {
                var denominators = await contexts.DenominatorsAsync(codes, quarter, ct);
                foreach (var code in codes.Where(c => !done.Contains((c, quarter.UrlSegment))))
                {
                    var authority = (await contexts.ProfileAsync(code, ct))!;
                    var previous = await contexts.PreviousFiguresAsync(code, quarter, ct);
                    var draft = DemoReturns.Generate(authority, quarter, denominators[code], previous);
                    var content = XlsxWriter.Write(new DraftWorkbook(draft));
                    await upload.HandleAsync(new UploadReturn.Command(code, quarter, $"demo-{authority.DfeCode}-{quarter.UrlSegment}.xlsx",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", content, "demo data", null), ct);
                    db.ChangeTracker.Clear();
                    uploaded++;
                }

                log.LogInformation("Demo returns uploaded for {Quarter}", quarter);
            }

            return uploaded;
        }
    }

    /// <summary>Seeds after start-up so the site answers at once; the returns appear within a minute or two.</summary>
    public sealed class Job(IServiceScopeFactory scopes, ILogger<Job> log) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var count = await scope.ServiceProvider.GetRequiredService<Handler>().HandleAsync(stoppingToken);
                if (count > 0)
                {
                    log.LogInformation("Seeded {Count} demo returns", count);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Shutting down before the demo finished seeding: the next start carries on from nothing.
            }
        }
    }
}
