using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using NationalReturns.Domain.Indicators;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;
using NationalReturns.Web.Features.Indicators;
using NationalReturns.Web.Features.Returns;

/// <summary>
/// The full indicator rebuild the nightly job runs, over 20 published quarters from every current
/// authority (figures inserted directly: this measures the rebuild, not the upload path).
/// </summary>
internal static class IndicatorRebuild
{
    private const int Quarters = 20;
    private const int Runs = 5;

    public static async Task RunAsync(string connectionString)
    {
        var options = new DbContextOptionsBuilder<NationalReturnsDbContext>()
            .UseNpgsql(connectionString, npgsql => npgsql.ConfigureDataSource(source => source.EnableDynamicJson()))
            .UseSnakeCaseNamingConvention()
            .Options;
        await using (var db = new NationalReturnsDbContext(options))
        {
            await SeedAsync(db);
        }

        var times = new List<double>();
        var rows = 0;
        // The first run in a fresh process also pays for JIT compilation and a cold cache; the app's nightly run does not.
        double cold = 0;
        for (var run = -1; run < Runs; run++)
        {
            await using var db = new NationalReturnsDbContext(options);
            var handler = Rebuilder(db);
            var watch = Stopwatch.StartNew();
            var outcome = await handler.HandleAsync(null, CancellationToken.None);
            if (run < 0)
            {
                cold = watch.Elapsed.TotalMilliseconds;
            }
            else
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            rows = outcome.Rows;
        }

        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Indicator rebuild, 153 authorities x {Quarters} quarters x {IndicatorCatalogue.All.Count} indicators ({rows:N0} values, with regions and England): median {times[Runs / 2]:0} ms, slowest {times[^1]:0} ms over {Runs} runs (target < 2,000 ms); first run in a fresh process {cold:0} ms"));

        // Leaves the benchmark database's returns empty, as the upload benchmarks of the next run expect.
        await using var cleared = new NationalReturnsDbContext(options);
        await ClearAsync(cleared);
    }

    private static DbContextOptions<NationalReturnsDbContext> Options(string connectionString) => new DbContextOptionsBuilder<NationalReturnsDbContext>()
        .UseNpgsql(connectionString, npgsql => npgsql.ConfigureDataSource(source => source.EnableDynamicJson()))
        .UseSnakeCaseNamingConvention()
        .Options;

    private static readonly Microsoft.Extensions.Options.IOptions<IndicatorOptions> DefaultIndicatorSettings = Microsoft.Extensions.Options.Options.Create(new IndicatorOptions());

    private static RebuildIndicators.Handler Rebuilder(NationalReturnsDbContext db) =>
        new(db, new ReturnContextSource(db, TimeProvider.System), DefaultIndicatorSettings, TimeProvider.System,
            new NationalReturns.Web.Features.Benchmarking.BenchmarkingData(null!, DefaultIndicatorSettings, TimeProvider.System, NullLogger<NationalReturns.Web.Features.Benchmarking.BenchmarkingData>.Instance),
            NullLogger<RebuildIndicators.Handler>.Instance);

    /// <summary>The figures the dashboard load benchmark reads: 20 published quarters and their indicators, left in place.</summary>
    public static async Task SeedAndRebuildAsync(string connectionString)
    {
        await using var db = new NationalReturnsDbContext(Options(connectionString));
        await SeedAsync(db);
        var outcome = await Rebuilder(db).HandleAsync(null, CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  seeded {outcome.Rows:N0} indicator values for {outcome.Periods} quarters"));
    }

    public static async Task ClearAsync(string connectionString)
    {
        await using var db = new NationalReturnsDbContext(Options(connectionString));
        try
        {
            await ClearAsync(db);
        }
        catch (Npgsql.PostgresException e) when (e.SqlState is Npgsql.PostgresErrorCodes.InvalidCatalogName or Npgsql.PostgresErrorCodes.UndefinedTable)
        {
            // A fresh machine: the app has not made the benchmark database yet, so there is nothing to clear.
        }
    }

    /// <summary>Replaces the benchmark database's returns with 20 published quarters of made-up figures.</summary>
    private static Task<int> ClearAsync(NationalReturnsDbContext db) =>
        db.Database.ExecuteSqlRawAsync("TRUNCATE indicator_values, return_transitions, query_explanations, return_issues, return_versions, marked_workbooks, authority_returns, uploaded_files RESTART IDENTITY CASCADE");

    private static async Task SeedAsync(NationalReturnsDbContext db)
    {
        await ClearAsync(db);
        var codes = await db.LocalAuthorities.Where(a => a.ValidTo == null).OrderBy(a => a.OnsCode).Select(a => a.OnsCode).ToListAsync();
        var random = new Random(20261123);
        var file = new UploadedFile { FileName = "benchmark.xlsx", ContentType = "application/octet-stream", Sha256 = new string('0', 64), Content = [], UploadedBy = "benchmark", UploadedAt = DateTimeOffset.UtcNow };
        db.UploadedFiles.Add(file);
        await db.SaveChangesAsync();
        var first = new ReturnPeriod(2021, 1);
        for (var (q, period) = (0, first); q < Quarters; q++, period = period.Next)
        {
            foreach (var code in codes)
            {
                var worked = random.Next(100, 2000);
                var figures = new Dictionary<string, long>
                {
                    ["care.starts"] = random.Next(5, 200),
                    ["care.cla_end"] = random.Next(50, 2000),
                    ["care.cpp_end"] = random.Next(30, 1500),
                    ["yj.first_time_entrants"] = random.Next(0, 60),
                    ["yj.custodial_sentences"] = random.Next(0, 8),
                    ["yj.in_custody_end"] = random.Next(0, 6),
                    ["hl.prevention"] = random.Next(20, 900),
                    ["hl.relief"] = random.Next(20, 1100),
                    ["hl.ta_children_end"] = random.Next(5, 3000),
                    ["hl.aged_16_17"] = random.Next(0, 20),
                    ["fam.worked_with"] = worked,
                    ["fam.outcome_achieved_in_quarter"] = random.Next(0, worked / 4),
                };
                var authorityReturn = new AuthorityReturn { AuthorityCode = code, Period = period.UrlSegment, PeriodStart = period.Start, Status = ReturnStatus.Published, CreatedAt = DateTimeOffset.UtcNow };
                authorityReturn.Versions.Add(new ReturnVersion { Number = 1, UploadedFileId = file.Id, Figures = figures, CreatedBy = "benchmark", CreatedAt = DateTimeOffset.UtcNow });
                db.AuthorityReturns.Add(authorityReturn);
            }

            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlRawAsync("UPDATE authority_returns r SET published_version_id = v.id, published_at = now() FROM return_versions v WHERE v.authority_return_id = r.id AND r.published_version_id IS NULL");
            db.ChangeTracker.Clear();
        }
    }
}
