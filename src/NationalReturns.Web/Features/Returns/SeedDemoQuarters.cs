using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Returns;
using NationalReturns.Domain.Returns.Demo;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;
using NationalReturns.Web.Data.ReferenceData;
using NationalReturns.Web.Features.Indicators;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Infrastructure.Spreadsheets;

namespace NationalReturns.Web.Features.Returns;

/// <summary>
/// The local demo: a return from every authority for every quarter from 2022-23 Q1 to the quarter being
/// collected now, built on real published figures where they exist (db/demo-data), written as .xlsx and
/// put through the real upload path, then explained, submitted, certified, accepted and published. The
/// quarter being collected is left as a collection in progress: most returns in, a few in draft,
/// queried or not yet started. Seeded, so the demo is the same every time; production never seeds.
/// </summary>
public static class SeedDemoQuarters
{
    public static readonly ReturnPeriod First = new(2022, 1);

    public const string Preparer = "demo preparer";
    public const string Approver = "demo approver";
    public const string NationalTeam = "national@demo.gov.uk";

    /// <param name="Last">The quarter being collected: left in progress. Null for the current collection window.</param>
    /// <param name="FamilyRows">Fixed family rows per return (tests), or null for rows in proportion to the area.</param>
    public sealed record Command(ReturnPeriod First, ReturnPeriod? Last, int? FamilyRows = null, bool LeaveLastInProgress = true);

    public sealed record Outcome(int Uploaded, int Published, int IndicatorValues);

    public sealed class Handler(NationalReturnsDbContext db, ReturnContextSource contexts, UploadReturn.Handler upload, ExplainQuery.Handler explain,
        MoveReturn.Handler move, RebuildIndicators.Handler indicators, CollectionCalendar windows, ILogger<Handler> log)
    {
        private readonly Dictionary<string, AuthorityProfile> _profiles = [];

        public async Task<Outcome> HandleAsync(Command command, CancellationToken ct)
        {
            // Two instances starting together seed once; a seed cut short by a shutdown carries on next time.
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_lock(7201)", ct);
            try
            {
                return await SeedAsync(command, ct);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_unlock(7201)", CancellationToken.None);
            }
        }

        private async Task<Outcome> SeedAsync(Command command, CancellationToken ct)
        {
            var last = command.Last ?? windows.Current;
            var sources = DemoSourceFiles.Load(DemoSourceFiles.DefaultFolder);
            var lifetimes = await contexts.LifetimesAsync(null, ct);
            var codes = await db.LocalAuthorities.AsNoTracking().OrderBy(a => a.OnsCode).Select(a => a.OnsCode).ToListAsync(ct);
            int uploaded = 0, published = 0;
            for (var quarter = command.First; quarter <= last; quarter = quarter.Next)
            {
                var inProgress = command.LeaveLastInProgress && quarter == last;
                var returning = codes.Where(c => lifetimes[c].ReturnsFor(quarter)).ToList();
                var key = quarter.UrlSegment;
                var existing = await db.AuthorityReturns.AsNoTracking().Where(r => r.Period == key)
                    .ToDictionaryAsync(r => r.AuthorityCode, r => r.Status, ct);
                if (!inProgress && returning.All(c => existing.GetValueOrDefault(c) == ReturnStatus.Published))
                {
                    continue;
                }

                var denominators = await contexts.DenominatorsAsync(returning, quarter, ct);
                foreach (var code in returning)
                {
                    var target = inProgress ? InProgressState(code, quarter) : ReturnStatus.Accepted;
                    if (target == ReturnStatus.NotStarted || !denominators.ContainsKey(code))
                    {
                        continue;
                    }

                    if (!existing.ContainsKey(code))
                    {
                        await UploadAsync(code, quarter, denominators[code], command.FamilyRows, sources, ct);
                        uploaded++;
                    }

                    await MoveTowardsAsync(code, quarter, target, ct);
                    db.ChangeTracker.Clear();
                }

                if (!inProgress)
                {
                    published += (await move.PublishAcceptedAsync(quarter, NationalTeam, ct, notify: false)).Count;
                }

                log.LogInformation("Demo collection: {Quarter} done", quarter);
            }

            var rebuilt = await indicators.HandleAsync(null, ct);
            return new Outcome(uploaded, published, rebuilt.Rows);
        }

        private async Task UploadAsync(string code, ReturnPeriod quarter, AreaDenominators denominators, int? familyRows, DemoSources sources, CancellationToken ct)
        {
            if (!_profiles.TryGetValue(code, out var authority))
            {
                authority = _profiles[code] = (await contexts.ProfileAsync(code, ct))!;
            }

            var previous = await contexts.PreviousFiguresAsync(code, quarter, ct);
            var draft = DemoReturns.Generate(authority, quarter, denominators, previous, familyRows, sources);
            var content = XlsxWriter.Write(new DraftWorkbook(draft));
            var result = await upload.HandleAsync(new UploadReturn.Command(code, quarter, $"demo-{authority.DfeCode}-{quarter.UrlSegment}.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", content, Preparer, null), ct);
            if (result.Refusal is not null || result.Errors > 0)
            {
                log.LogWarning("Demo return for {Code} {Quarter} not clean: {Refusal} {Errors} errors", code, quarter, result.Refusal?.Message, result.Errors);
                return;
            }

            foreach (var rule in result.Issues.Where(i => i.Severity == Severity.Query).Select(i => i.Code).Distinct())
            {
                await explain.HandleAsync(new ExplainQuery.Command(code, quarter, result.VersionNumber, rule, Explanation(rule), Preparer), ct);
            }
        }

        /// <summary>Takes a return as far as the target along the usual path; a step it has already taken is refused and skipped.</summary>
        private async Task MoveTowardsAsync(string code, ReturnPeriod quarter, ReturnStatus target, CancellationToken ct)
        {
            (ReturnAction Action, ReturnStatus Reaches, string By, string? Text)[] path =
            [
                (ReturnAction.Submit, ReturnStatus.Submitted, Preparer, null),
                (ReturnAction.Certify, ReturnStatus.Certified, Approver, "Certified as a true account of our records."),
                (ReturnAction.Query, ReturnStatus.Queried, NationalTeam, "The change in children looked after since last quarter is larger than usual. Please confirm."),
                (ReturnAction.Accept, ReturnStatus.Accepted, NationalTeam, null),
            ];
            if (target == ReturnStatus.Draft)
            {
                return;
            }

            foreach (var (action, reaches, by, text) in path)
            {
                if (action == ReturnAction.Query && target != ReturnStatus.Queried)
                {
                    continue;
                }

                await move.HandleAsync(new MoveReturn.Command(code, quarter, action, text, by, Declared: action == ReturnAction.Certify, Notify: false), ct);
                if (reaches == target)
                {
                    return;
                }
            }
        }

        /// <summary>The quarter being collected, as it might stand a week before the deadline.</summary>
        private static ReturnStatus InProgressState(string code, ReturnPeriod quarter) =>
            (new Random(DemoSeed.Of(code, quarter.FinancialYearStart, quarter.Quarter)).Next(100)) switch
            {
                < 4 => ReturnStatus.NotStarted,
                < 10 => ReturnStatus.Draft,
                < 14 => ReturnStatus.Queried,
                < 40 => ReturnStatus.Submitted,
                < 70 => ReturnStatus.Certified,
                _ => ReturnStatus.Accepted,
            };

        private static string Explanation(string rule) => string.Create(CultureInfo.InvariantCulture,
            $"Checked against our case management system: the figure is right. ({rule}: a real change this quarter, which we have discussed with the service.)");
    }

    /// <summary>Seeds after start-up so the site answers at once; the collection appears over a few minutes.</summary>
    public sealed class Job(IServiceScopeFactory scopes, ILogger<Job> log) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                // Self-assessments first: a few seconds, and the national pages then have something to show while the quarters load.
                var assessments = await scope.ServiceProvider.GetRequiredService<SelfAssessments.SeedDemoAssessments.Handler>().HandleAsync(stoppingToken);
                log.LogInformation("Demo self-assessments: {SignedOff} signed off, {Moderated} moderated, {InProgress} in progress this year", assessments.SignedOff, assessments.Moderated, assessments.InProgress);
                var outcome = await scope.ServiceProvider.GetRequiredService<Handler>().HandleAsync(new Command(First, null), stoppingToken);
                log.LogInformation("Demo collection: {Uploaded} returns uploaded, {Published} published, {Values} indicator values", outcome.Uploaded, outcome.Published, outcome.IndicatorValues);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Shutting down before the demo finished seeding: the next start carries on.
            }
        }
    }
}

/// <summary>Reads db/demo-data into <see cref="DemoSources"/>: the real figures the demo is built on.</summary>
public static class DemoSourceFiles
{
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "demo-data");

    public static DemoSources Load(string folder)
    {
        var sources = new DemoSources();
        foreach (var row in CsvTable.Read(Path.Combine(folder, "dfe_cla_number_and_rate_per_10k_2021_2025.csv")).Rows)
        {
            if (row["geographic_level"] != "Local authority" || !long.TryParse(row["children_count"], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                continue;
            }

            var year = int.Parse(row["time_period"], CultureInfo.InvariantCulture);
            switch (row["population_type"])
            {
                case "Children starting to be looked after each year":
                    sources.AddCareStarts(row["old_la_code"], year, count);
                    break;
                case "Children looked after on 31 March each year":
                    sources.AddLookedAfter(row["old_la_code"], year, count);
                    break;
            }
        }

        foreach (var row in CsvTable.Read(Path.Combine(folder, "homelessness_by_la.csv")).Rows)
        {
            // A county with a district missing would be undercounted; those quarters stay made up.
            if (row["n_authorities_missing_assessments"] != "0" || row["n_authorities_missing_ta"] != "0"
                || !ReturnPeriod.TryParse($"{row["financial_year"]}-{row["fy_quarter"]}", out var period)
                || !TryCount(row["owed_prevention_duty"], out var prevention) || !TryCount(row["owed_relief_duty"], out var relief)
                || !TryCount(row["households_in_ta"], out var ta) || !TryCount(row["households_in_ta_with_children"], out var taChildren))
            {
                continue;
            }

            sources.AddHomelessness(row["ons_code"], period, new HomelessnessQuarter(prevention, relief, ta, taChildren));
        }

        foreach (var row in CsvTable.Read(Path.Combine(folder, "youth_justice_by_area.csv")).Rows)
        {
            if (row["measure"] == "first_time_entrants_rate_per_100k_10_17"
                && double.TryParse(row["value"], NumberStyles.Float, CultureInfo.InvariantCulture, out var rate)
                && int.TryParse(row["period"], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            {
                sources.AddFirstTimeEntrantRate(row["ons_code"], year, rate);
            }
        }

        return sources;
    }

    private static bool TryCount(string text, out long count) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out count);
}
