using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Indicators;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Statistics;
using NationalReturns.Web.Data;
using NationalReturns.Web.Features.Returns;
using Npgsql;
using NpgsqlTypes;

namespace NationalReturns.Web.Features.Indicators;

/// <summary>
/// Recomputes the stored indicator values from published returns: from one quarter on when a quarter
/// is published (its rolling sums, changes and trends reach into later quarters), or everything at night.
/// One read of the published figures, one computation, one COPY; no query per authority.
/// </summary>
public static class RebuildIndicators
{
    public sealed record Outcome(int Rows, int Periods, TimeSpan Took);

    public sealed class Handler(NationalReturnsDbContext db, ReturnContextSource contexts, Microsoft.Extensions.Options.IOptions<IndicatorOptions> settings, TimeProvider clock, Benchmarking.BenchmarkingData dashboards, ILogger<Handler> log)
    {
        /// <summary>The nightly run: every quarter, from scratch.</summary>
        public async Task<string> HandleAsync(CancellationToken ct)
        {
            var outcome = await HandleAsync(null, ct);
            return $"{outcome.Rows} indicator values for {outcome.Periods} quarters in {outcome.Took.TotalMilliseconds:0} ms";
        }

        public async Task<Outcome> HandleAsync(ReturnPeriod? from, CancellationToken ct)
        {
            using var span = Infrastructure.Telemetry.Step("rebuild indicators");
            var watch = Stopwatch.StartNew();
            var published = await (from r in db.AuthorityReturns.AsNoTracking()
                                   join v in db.ReturnVersions on r.PublishedVersionId equals v.Id
                                   where r.PublishedVersionId != null
                                   select new { r.AuthorityCode, r.Period, v.Figures }).ToListAsync(ct);
            var figures = published.ToDictionary(p => (p.AuthorityCode, ReturnPeriod.Parse(p.Period)), p => (IReadOnlyDictionary<string, long>)p.Figures);
            if (figures.Count == 0)
            {
                await db.IndicatorValues.ExecuteDeleteAsync(ct);
                dashboards.Changed();
                return new Outcome(0, 0, watch.Elapsed);
            }

            var first = figures.Keys.Min(k => k.Item2);
            var last = figures.Keys.Max(k => k.Item2);
            var periods = new List<ReturnPeriod>();
            for (var p = from is { } f && f > first ? f : first; p <= last; p = p.Next)
            {
                periods.Add(p);
            }

            var lifetimes = await contexts.LifetimesAsync(null, ct);
            var authorities = await db.LocalAuthorities.AsNoTracking().Select(a => new { a.OnsCode, a.Name, a.RegionCode }).ToListAsync(ct);
            var neighbours = (await db.StatisticalNeighbours.AsNoTracking().Select(n => new { n.AuthorityCode, n.NeighbourCode, n.Rank }).ToListAsync(ct))
                .ToLookup(n => n.AuthorityCode);
            var areas = authorities
                .Where(a => periods.Any(lifetimes[a.OnsCode].ReturnsFor))
                .OrderBy(a => a.OnsCode, StringComparer.Ordinal)
                .Select(a => new IndicatorArea(a.OnsCode, a.Name, a.RegionCode, lifetimes[a.OnsCode], neighbours[a.OnsCode].OrderBy(n => n.Rank).Select(n => n.NeighbourCode).ToList()))
                .ToList();
            var midYears = periods.Concat(periods.Select(p => new ReturnPeriod(p.FinancialYearStart - 1, p.Quarter))).Select(p => p.PopulationMidYear).Distinct().ToList();
            var inputs = new IndicatorInputs
            {
                Authorities = areas,
                Figures = figures,
                Denominators = await contexts.DenominatorsAsync(null, midYears, ct),
            };

            var rows = IndicatorTable.Build(inputs, periods, disclosureLimit: settings.Value.DisclosureLimit);
            await WriteAsync(periods[0], periods[0] == first, rows, ct);
            log.LogInformation("Indicators rebuilt from {From}: {Rows} values in {Ms} ms", periods[0], rows.Count, watch.ElapsedMilliseconds);
            // Dashboards hold the figures in memory between publications: this is one.
            dashboards.Changed();
            return new Outcome(rows.Count, periods.Count, watch.Elapsed);
        }

        private async Task WriteAsync(ReturnPeriod from, bool everything, List<IndicatorRow> rows, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            await db.Database.OpenConnectionAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);

            // Two rebuilds at once would interleave their deletes and copies; the second waits.
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7401)", ct);
            if (everything)
            {
                await db.Database.ExecuteSqlRawAsync("TRUNCATE indicator_values", ct);
            }
            else
            {
                await db.IndicatorValues.Where(v => v.PeriodStart >= from.Start).ExecuteDeleteAsync(ct);
            }

            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using (var writer = await connection.BeginBinaryImportAsync(
                "COPY indicator_values (indicator_id, level, area_code, period, period_start, numerator, denominator, value, lower95, upper95, lower998, upper998, symbol, included, of, " +
                "compared_with_england, compared_with_region, neighbours_median, neighbours_included, neighbours_numerator, neighbours_denominator, neighbours_value, neighbours_lower95, neighbours_upper95, " +
                "rank, rank_of, quartile, change_since_previous, change_since_previous_significance, change_since_year_earlier, change_since_year_earlier_significance, trend, trend_reason, computed_at, " +
                "count_withheld, denominator_withheld) FROM STDIN (FORMAT BINARY)", ct))
            {
                // Synchronous writes: 40,000 rows of 34 columns, where an await per value costs more than the data.
                foreach (var row in rows)
                {
                    var v = row.Value;
                    var n = row.NeighboursPooled;
                    writer.StartRow();
                    writer.Write(row.IndicatorId, NpgsqlDbType.Varchar);
                    writer.Write(row.Level.ToString(), NpgsqlDbType.Varchar);
                    writer.Write(row.AreaCode, NpgsqlDbType.Varchar);
                    writer.Write(row.Period.UrlSegment, NpgsqlDbType.Varchar);
                    writer.Write(row.Period.Start, NpgsqlDbType.Date);
                    Nullable(writer, v.Numerator, NpgsqlDbType.Bigint);
                    Nullable(writer, v.Denominator, NpgsqlDbType.Double);
                    Nullable(writer, v.Value, NpgsqlDbType.Double);
                    Nullable(writer, v.Ci95?.Lower, NpgsqlDbType.Double);
                    Nullable(writer, v.Ci95?.Upper, NpgsqlDbType.Double);
                    Nullable(writer, v.Ci998?.Lower, NpgsqlDbType.Double);
                    Nullable(writer, v.Ci998?.Upper, NpgsqlDbType.Double);
                    writer.Write(v.Symbol.ToString(), NpgsqlDbType.Varchar);
                    writer.Write(row.Included, NpgsqlDbType.Integer);
                    writer.Write(row.Of, NpgsqlDbType.Integer);
                    writer.Write(row.ComparedWithEngland.ToString(), NpgsqlDbType.Varchar);
                    writer.Write(row.ComparedWithRegion.ToString(), NpgsqlDbType.Varchar);
                    Nullable(writer, row.NeighboursMedian, NpgsqlDbType.Double);
                    writer.Write(row.NeighboursIncluded, NpgsqlDbType.Integer);
                    Nullable(writer, n?.Numerator, NpgsqlDbType.Bigint);
                    Nullable(writer, n?.Denominator, NpgsqlDbType.Double);
                    Nullable(writer, n?.Value, NpgsqlDbType.Double);
                    Nullable(writer, n?.Ci95?.Lower, NpgsqlDbType.Double);
                    Nullable(writer, n?.Ci95?.Upper, NpgsqlDbType.Double);
                    Nullable(writer, row.Rank, NpgsqlDbType.Integer);
                    Nullable(writer, row.RankOf, NpgsqlDbType.Integer);
                    Nullable(writer, row.Quartile, NpgsqlDbType.Integer);
                    Nullable(writer, row.ChangeSincePrevious?.Difference, NpgsqlDbType.Double);
                    Text(writer, row.ChangeSincePrevious?.Significance.ToString());
                    Nullable(writer, row.ChangeSinceYearEarlier?.Difference, NpgsqlDbType.Double);
                    Text(writer, row.ChangeSinceYearEarlier?.Significance.ToString());
                    writer.Write(row.Trend.Direction.ToString(), NpgsqlDbType.Varchar);
                    Text(writer, row.Trend.Reason);
                    writer.Write(now, NpgsqlDbType.TimestampTz);
                    writer.Write(row.CountWithheld, NpgsqlDbType.Boolean);
                    writer.Write(row.DenominatorWithheld, NpgsqlDbType.Boolean);
                }

                await writer.CompleteAsync(ct);
            }

            await transaction.CommitAsync(ct);
        }

        private static void Nullable<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type)
            where T : struct
        {
            if (value is { } v)
            {
                writer.Write(v, type);
            }
            else
            {
                writer.WriteNull();
            }
        }

        private static void Text(NpgsqlBinaryImporter writer, string? value)
        {
            if (value is not null)
            {
                writer.Write(value, NpgsqlDbType.Varchar);
            }
            else
            {
                writer.WriteNull();
            }
        }
    }
}
