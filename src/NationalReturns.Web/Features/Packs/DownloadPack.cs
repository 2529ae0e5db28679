using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using NationalReturns.Domain.Indicators;
using NationalReturns.Domain.Periods;
using NationalReturns.Web.Data;
using NationalReturns.Web.Features.Benchmarking;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Packs;

/// <summary>
/// A pack as a file: the stored one when it was built from the figures as they are now, otherwise built now, stored
/// and sent (ADR 11). Building takes a lock per pack, so two people (or a person and the job) asking at once build it
/// once; storing is one statement, so a reader gets the old file or the new, never half. Every download is audited.
/// </summary>
public static class DownloadPack
{
    /// <summary>The ZIP of every area's pack is stored under England's code with this kind.</summary>
    public const string AreasZip = "areas-zip";

    public sealed record Query(string Kind, string Code, ReturnPeriod? Period);

    public sealed record File(string Name, string ContentType, byte[] Content, DateTimeOffset BuiltAt);

    public static string KindOf(PackKind kind) => kind.ToString().ToLowerInvariant();

    public sealed class Handler(PackStore store, BenchmarkingData data, AuditWriter audit)
    {
        /// <summary>Null when there is no such pack: an unknown area or region, or a quarter without figures.</summary>
        public async Task<File?> HandleAsync(Query query, CancellationToken ct)
        {
            var snapshot = await data.GetAsync(ct);
            // Nothing is built or locked for an area or region that does not exist, or a quarter without figures.
            var known = query.Kind switch
            {
                "area" => snapshot.Authorities.ContainsKey(query.Code),
                "region" => snapshot.Regions.ContainsKey(query.Code),
                _ => true,
            };
            if (!known || (query.Period ?? snapshot.Opening) is not { } period || !snapshot.Periods.Contains(period))
            {
                return null;
            }

            var built = await store.CurrentAsync(query.Kind, query.Code, period, ct);
            if (built is null)
            {
                return null;
            }

            // Queued, not awaited to disk: the download does not wait for the database (ADR 11).
            await audit.RecordAsync("pack-downloaded", query.Kind == "area" ? query.Code : null, period.UrlSegment, $"{query.Kind} {query.Code}", ct);
            var name = query.Kind switch
            {
                AreasZip => $"benchmarking-packs-{period.UrlSegment}.zip",
                _ => $"benchmarking-pack-{snapshot.Names.GetValueOrDefault(query.Code, query.Code).ToLowerInvariant().Replace(' ', '-').Replace(",", "", StringComparison.Ordinal)}-{period.UrlSegment}.xlsx",
            };
            return new File(name, query.Kind == AreasZip ? "application/zip" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", built.Content, built.BuiltAt);
        }
    }
}

/// <summary>
/// Stored packs: found current (built from the figures as they are now, <see cref="BenchmarkingSnapshot.Source"/>),
/// or built, stored and kept. The newest files served are kept in memory too (64 MB at most), so a pack many ask
/// for is sent without reading it from the database again.
/// </summary>
public sealed class PackStore(IServiceScopeFactory scopes, BenchmarkingData data, TimeProvider clock, ILogger<PackStore> log) : IDisposable
{
    private readonly MemoryCache _kept = new(new MemoryCacheOptions { SizeLimit = 64L * 1024 * 1024 });

    public sealed record Built(byte[] Content, DateTimeOffset BuiltAt, string Source);

    public void Dispose() => _kept.Dispose();

    /// <summary>The current pack, built if need be; null when there is no such pack.</summary>
    public async Task<Built?> CurrentAsync(string kind, string code, ReturnPeriod period, CancellationToken ct)
    {
        var source = (await data.GetAsync(ct)).Source;
        var key = $"{kind}|{code}|{period.UrlSegment}";
        if (_kept.TryGetValue(key, out Built? kept) && kept!.Source == source)
        {
            return kept;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NationalReturnsDbContext>();
        var found = await FindAsync(db, kind, code, period, source, ct) ?? await BuildAsync(scope.ServiceProvider, kind, code, period, ct);
        if (found is not null && found.Source == source)
        {
            _kept.Set(key, found, new MemoryCacheEntryOptions { Size = found.Content.Length, SlidingExpiration = TimeSpan.FromHours(1) });
        }

        return found;
    }

    /// <summary>Stored packs for a quarter that are current, by kind and code: what the list shows.</summary>
    public async Task<IReadOnlyDictionary<(string Kind, string Code), (int Size, DateTimeOffset BuiltAt)>> ListAsync(ReturnPeriod period, CancellationToken ct)
    {
        var source = (await data.GetAsync(ct)).Source;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NationalReturnsDbContext>();
        var segment = period.UrlSegment;
        return await db.StoredPacks.Where(p => p.Period == segment && p.Source == source)
            .Select(p => new { p.Kind, p.Code, p.Size, p.BuiltAt })
            .ToDictionaryAsync(p => (p.Kind, p.Code), p => (p.Size, p.BuiltAt), ct);
    }

    private static async Task<Built?> FindAsync(NationalReturnsDbContext db, string kind, string code, ReturnPeriod period, string source, CancellationToken ct)
    {
        var segment = period.UrlSegment;
        return await db.StoredPacks.AsNoTracking().Where(p => p.Kind == kind && p.Code == code && p.Period == segment && p.Source == source)
            .Select(p => new Built(p.Content, p.BuiltAt, p.Source)).FirstOrDefaultAsync(ct);
    }

    /// <summary>Builds and stores the pack under a lock of its own, unless someone stored it while this waited.</summary>
    private async Task<Built?> BuildAsync(IServiceProvider services, string kind, string code, ReturnPeriod period, CancellationToken ct)
    {
        var db = services.GetRequiredService<NationalReturnsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var lockKey = $"pack|{kind}|{code}|{period.UrlSegment}";
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({lockKey}))", ct);
        var snapshot = await data.GetAsync(ct);
        if (await FindAsync(db, kind, code, period, snapshot.Source, ct) is { } stored)
        {
            return stored;
        }

        var started = clock.GetTimestamp();
        byte[] content;
        string source;
        if (kind == DownloadPack.AreasZip)
        {
            if (code != IndicatorTable.EnglandCode)
            {
                return null;
            }

            (content, source) = await ZipAsync(snapshot, period, ct);
        }
        else
        {
            if (!Enum.TryParse<PackKind>(kind, ignoreCase: true, out var packKind) || DownloadPack.KindOf(packKind) != kind)
            {
                return null;
            }

            var (pack, from) = await services.GetRequiredService<BuildPack.Handler>().HandleAsync(new BuildPack.Query(packKind, code, period), ct);
            if (pack is null)
            {
                return null;
            }

            (content, source) = (PackWorkbook.Write(pack), from);
        }

        var took = (int)clock.GetElapsedTime(started).TotalMilliseconds;
        var now = clock.GetUtcNow();
        var segment = period.UrlSegment;
        // One statement: a reader sees the old row or the new one.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO stored_packs (kind, code, period, source, content, size, built_at, build_milliseconds)
            VALUES ({kind}, {code}, {segment}, {source}, {content}, {content.Length}, {now}, {took})
            ON CONFLICT (kind, code, period) DO UPDATE SET source = excluded.source, content = excluded.content, size = excluded.size,
                built_at = excluded.built_at, build_milliseconds = excluded.build_milliseconds
            """, ct);
        await transaction.CommitAsync(ct);
        log.LogInformation("Built the {Kind} pack {Code} for {Period}: {Bytes} bytes in {Ms} ms", kind, code, segment, content.Length, took);
        return new Built(content, now, source);
    }

    /// <summary>
    /// Every pack for one quarter that is not current: the areas' (on all cores but one: a workbook is CPU work, and
    /// the people using the service need the last), then the regions', England's and the areas' ZIP. Returns how
    /// many were built.
    /// </summary>
    public async Task<int> BuildQuarterAsync(ReturnPeriod period, CancellationToken ct)
    {
        var snapshot = await data.GetAsync(ct);
        var current = await ListAsync(period, ct);
        var areas = snapshot.Authorities.Values.Where(a => a.Current && !current.ContainsKey(("area", a.Code))).Select(a => a.Code).ToList();
        await Parallel.ForEachAsync(areas, Builders(ct),
            async (code, token) => await CurrentAsync("area", code, period, token));
        var rest = snapshot.Regions.Keys.Select(r => ("region", r))
            .Append(("england", IndicatorTable.EnglandCode))
            .Append((DownloadPack.AreasZip, IndicatorTable.EnglandCode))
            .Where(p => !current.ContainsKey(p))
            .ToList();
        foreach (var (kind, code) in rest)
        {
            await CurrentAsync(kind, code, period, ct);
        }

        return areas.Count + rest.Count;
    }

    private static ParallelOptions Builders(CancellationToken ct) => new() { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount - 1), CancellationToken = ct };

    /// <summary>Every current authority's pack for the quarter in one ZIP, each built first if need be.</summary>
    private async Task<(byte[] Content, string Source)> ZipAsync(BenchmarkingSnapshot snapshot, ReturnPeriod period, CancellationToken ct)
    {
        var built = await ListAsync(period, ct);
        var missing = snapshot.Authorities.Values.Where(a => a.Current && !built.ContainsKey(("area", a.Code))).Select(a => a.Code).ToList();
        await Parallel.ForEachAsync(missing, Builders(ct),
            async (code, token) => await CurrentAsync("area", code, period, token));
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var area in snapshot.Authorities.Values.Where(a => a.Current).OrderBy(a => a.Code, StringComparer.Ordinal))
            {
                if (await CurrentAsync("area", area.Code, period, ct) is not { } pack)
                {
                    continue;
                }

                // Workbooks are compressed already: stored as they are.
                var entry = archive.CreateEntry($"benchmarking-pack-{area.Code}-{period.UrlSegment}.xlsx", CompressionLevel.NoCompression);
                await using var stream = entry.Open();
                await stream.WriteAsync(pack.Content, ct);
            }
        }

        return (zip.ToArray(), snapshot.Source);
    }
}
