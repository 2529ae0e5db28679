using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Areas;

namespace NationalReturns.Web.Data.ReferenceData;

/// <summary>
/// Loads db/reference-data into the reference tables. Idempotent: the files' hash is recorded, and
/// an unchanged set is not loaded again. Authorities are updated in place because returns will
/// point at them; the tables nothing points at are replaced whole.
/// </summary>
public sealed class ReferenceDataLoader(NationalReturnsDbContext db, TimeProvider clock, ILogger<ReferenceDataLoader> logger)
{
    /// <summary>Bump when the loading code changes what it makes of unchanged files.</summary>
    private const string LoaderVersion = "2";

    private static readonly string[] Files =
    [
        "regions.csv", "la_reference.csv", "authority_history.csv", "london_subregions.csv", "hexmap_upper_tier.csv",
        "ltla_to_utla_apr2023_england.csv", "population_by_la_age_band.csv", "population_0_17_revised_by_la.csv",
        "households_by_la.csv",
    ];

    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "reference-data");

    public async Task<bool> LoadAsync(string folder, CancellationToken ct = default)
    {
        var hash = HashFiles(folder);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        // Two instances starting together must not both load.
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7301001)", ct);
        var latest = await db.ReferenceDataImports.OrderByDescending(i => i.Id).Select(i => i.ContentHash).FirstOrDefaultAsync(ct);
        if (latest == hash)
        {
            logger.LogInformation("Reference data unchanged ({Hash}); not loaded again", hash[..12]);
            return false;
        }

        var tables = Files.ToDictionary(f => f, f => CsvTable.Read(Path.Combine(folder, f)));
        await LoadRegionsAsync(tables["regions.csv"], ct);
        var authorities = await LoadAuthoritiesAsync(tables, ct);

        await db.StatisticalNeighbours.ExecuteDeleteAsync(ct);
        await db.AuthoritySuccessions.ExecuteDeleteAsync(ct);
        await db.PopulationEstimates.ExecuteDeleteAsync(ct);
        await db.HouseholdEstimates.ExecuteDeleteAsync(ct);
        await db.LowerTierAuthorities.ExecuteDeleteAsync(ct);

        db.StatisticalNeighbours.AddRange(Neighbours(tables["la_reference.csv"], authorities));
        db.AuthoritySuccessions.AddRange(Successions(tables["la_reference.csv"], tables["authority_history.csv"], authorities));
        var splits = Splits(tables["authority_history.csv"]);
        var populations = Populations(tables["population_by_la_age_band.csv"], PopulationSeries.AsPublished, authorities)
            .Concat(Populations(tables["population_0_17_revised_by_la.csv"], PopulationSeries.Revised, authorities)).ToList();
        var households = Households(tables["households_by_la.csv"], authorities).ToList();
        db.PopulationEstimates.AddRange(populations);
        db.PopulationEstimates.AddRange(PredecessorPopulations(populations, splits));
        db.HouseholdEstimates.AddRange(households);
        db.HouseholdEstimates.AddRange(PredecessorHouseholds(households, splits));
        db.LowerTierAuthorities.AddRange(LowerTier(tables["ltla_to_utla_apr2023_england.csv"], Recodes(tables["authority_history.csv"]), authorities));

        var summary = string.Join("; ", tables.Select(t => $"{t.Key}: {t.Value.Rows.Count} rows"));
        db.ReferenceDataImports.Add(new ReferenceDataImport { ContentHash = hash, LoadedAt = clock.GetUtcNow(), Summary = summary });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        logger.LogInformation("Reference data loaded ({Hash}): {Summary}", hash[..12], summary);
        return true;
    }

    private static string HashFiles(string folder)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes(LoaderVersion));
        foreach (var file in Files)
        {
            var path = Path.Combine(folder, file);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"The reference data file {file} is missing from {folder}.", path);
            }

            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(file));
            sha.AppendData(File.ReadAllBytes(path));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private async Task LoadRegionsAsync(CsvTable table, CancellationToken ct)
    {
        var existing = await db.Regions.ToDictionaryAsync(r => r.Code, ct);
        // Parents first, so the self-reference is satisfied within one save.
        foreach (var row in table.Rows.OrderBy(r => r.Optional("parent_code") is null ? 0 : 1))
        {
            var code = row["code"];
            if (!existing.TryGetValue(code, out var region))
            {
                region = new Region { Code = code, Name = row["name"] };
                db.Regions.Add(region);
            }

            region.Name = row["name"];
            region.ParentCode = row.Optional("parent_code");
        }

        await db.SaveChangesAsync(ct);
    }

    private async Task<Dictionary<string, LocalAuthority>> LoadAuthoritiesAsync(Dictionary<string, CsvTable> tables, CancellationToken ct)
    {
        var existing = await db.LocalAuthorities.ToDictionaryAsync(a => a.OnsCode, ct);
        var subRegions = tables["london_subregions.csv"].Rows.ToDictionary(r => r["ons_code"], r => r["subregion_code"]);
        var hexes = tables["hexmap_upper_tier.csv"].Rows.ToDictionary(r => r["ons_code"], r => (Q: r.WholeNumber("q"), R: r.WholeNumber("r")));
        var seen = new HashSet<string>(StringComparer.Ordinal);

        LocalAuthority Upsert(string onsCode)
        {
            if (!seen.Add(onsCode))
            {
                throw new InvalidDataException($"Authority {onsCode} appears twice in the reference data.");
            }

            if (!existing.TryGetValue(onsCode, out var authority))
            {
                authority = new LocalAuthority { OnsCode = onsCode, DfeCode = "", Name = "", RegionCode = "" };
                db.LocalAuthorities.Add(authority);
                existing[onsCode] = authority;
            }

            authority.Type = AuthorityTypes.FromOnsCode(onsCode);
            return authority;
        }

        foreach (var row in tables["la_reference.csv"].Rows)
        {
            var authority = Upsert(row["new_la_code"]);
            authority.DfeCode = row["old_la_code"];
            authority.Name = row["la_name"];
            authority.RegionCode = row["region_code"];
            authority.SubRegionCode = subRegions.GetValueOrDefault(authority.OnsCode);
            authority.ValidFrom = DateOnly.ParseExact(row["date_of_operation"], "dd/MM/yyyy", CultureInfo.InvariantCulture);
            authority.ValidTo = null;
            (authority.HexColumn, authority.HexRow) = hexes.TryGetValue(authority.OnsCode, out var hex)
                ? (hex.Q, hex.R)
                : throw new InvalidDataException($"Authority {authority.OnsCode} has no hex-map position.");
        }

        foreach (var row in tables["authority_history.csv"].Rows)
        {
            var authority = Upsert(row["ons_code"]);
            authority.DfeCode = row["dfe_code"];
            authority.Name = row["la_name"];
            authority.RegionCode = row["region_code"];
            authority.SubRegionCode = null;
            authority.ValidFrom = null;
            authority.ValidTo = DateOnly.ParseExact(row["ended_on"], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            authority.HexColumn = null;
            authority.HexRow = null;
        }

        await db.SaveChangesAsync(ct);
        return existing;
    }

    private static IEnumerable<StatisticalNeighbour> Neighbours(CsvTable laReference, Dictionary<string, LocalAuthority> authorities)
    {
        var byDfeCode = authorities.Values.Where(a => a.IsCurrent).ToDictionary(a => a.DfeCode);
        foreach (var row in laReference.Rows)
        {
            for (var rank = 1; rank <= 10; rank++)
            {
                var dfeCode = row[$"sn2025_{rank}"];
                var neighbour = byDfeCode.TryGetValue(dfeCode, out var found)
                    ? found
                    : throw new InvalidDataException($"{row["la_name"]}'s neighbour {rank} has DfE code {dfeCode}, which is no current authority.");
                yield return new StatisticalNeighbour
                {
                    AuthorityCode = row["new_la_code"],
                    Rank = rank,
                    NeighbourCode = neighbour.OnsCode,
                    Closeness = Closenesses.FromLabel(row[$"sn2025_{rank}_closeness"]),
                };
            }
        }
    }

    private static IEnumerable<AuthoritySuccession> Successions(CsvTable laReference, CsvTable history, Dictionary<string, LocalAuthority> authorities)
    {
        var pairs = new HashSet<(string, string)>();
        foreach (var row in history.Rows)
        {
            var ended = DateOnly.ParseExact(row["ended_on"], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            foreach (var successor in row["successor_codes"].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                Require(authorities, successor, history.Name);
                pairs.Add((row["ons_code"], successor));
                yield return new AuthoritySuccession
                {
                    PredecessorCode = row["ons_code"],
                    SuccessorCode = successor,
                    TookEffect = ended.AddDays(1),
                    Change = row["change"],
                };
            }
        }

        // la_reference names previous codes too; every one must already be described in the history file.
        foreach (var row in laReference.Rows)
        {
            foreach (var previous in (row.Optional("previous_new_la_codes") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!pairs.Contains((previous, row["new_la_code"])))
                {
                    throw new InvalidDataException($"la_reference.csv says {row["new_la_code"]} replaced {previous}, but authority_history.csv does not.");
                }
            }
        }
    }

    private static IEnumerable<PopulationEstimate> Populations(CsvTable table, PopulationSeries series, Dictionary<string, LocalAuthority> authorities) =>
        table.Rows.Select(row => new PopulationEstimate
        {
            AuthorityCode = Require(authorities, row["ons_code"], table.Name),
            MidYear = row.WholeNumber("year"),
            AgeBand = AgeBands.FromCode(row["age_band"]),
            Series = series,
            Population = row.WholeNumber("population"),
            Source = row["source"],
        });

    private static IEnumerable<HouseholdEstimate> Households(CsvTable table, Dictionary<string, LocalAuthority> authorities) =>
        table.Rows.Select(row => new HouseholdEstimate
        {
            AuthorityCode = Require(authorities, row["ons_code"], table.Name),
            Year = row.WholeNumber("year"),
            Basis = row["basis"] switch
            {
                "census_2021" => HouseholdBasis.Census2021,
                "mhclg_denominator_household_projection" => HouseholdBasis.HouseholdProjection,
                var other => throw new InvalidDataException($"{table.Name}: unknown household basis '{other}'."),
            },
            Households = row.WholeNumber("households"),
            Source = row["source"],
        });

    private sealed record SplitAuthority(string Code, DateOnly EndedOn, string[] Successors);

    private static List<SplitAuthority> Splits(CsvTable history) =>
        history.Rows
            .Where(r => r["change"] == AuthorityLifetime.Split)
            .Select(r => new SplitAuthority(r["ons_code"], DateOnly.ParseExact(r["ended_on"], "yyyy-MM-dd", CultureInfo.InvariantCulture),
                r["successor_codes"].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            .ToList();

    /// <summary>
    /// The files give populations on 2025 boundaries, so a split county (Cumbria) has none of its own; its
    /// successors cover exactly its area, so their sum is its population for the mid-years it existed.
    /// A figure the county has in the files (DfE's revised 0–17) is kept as given.
    /// </summary>
    private static IEnumerable<PopulationEstimate> PredecessorPopulations(List<PopulationEstimate> estimates, List<SplitAuthority> splits)
    {
        var given = estimates.Select(e => (e.AuthorityCode, e.MidYear, e.AgeBand, e.Series)).ToHashSet();
        foreach (var split in splits)
        {
            var parts = estimates
                .Where(e => split.Successors.Contains(e.AuthorityCode) && new DateOnly(e.MidYear, 6, 30) <= split.EndedOn)
                .GroupBy(e => (e.MidYear, e.AgeBand, e.Series))
                .Where(g => g.Count() == split.Successors.Length && !given.Contains((split.Code, g.Key.MidYear, g.Key.AgeBand, g.Key.Series)));
            foreach (var g in parts)
            {
                yield return new PopulationEstimate
                {
                    AuthorityCode = split.Code,
                    MidYear = g.Key.MidYear,
                    AgeBand = g.Key.AgeBand,
                    Series = g.Key.Series,
                    Population = g.Sum(e => e.Population),
                    Source = $"Sum of its successors ({string.Join(", ", split.Successors)}), which cover its area: {g.First().Source}",
                };
            }
        }
    }

    private static IEnumerable<HouseholdEstimate> PredecessorHouseholds(List<HouseholdEstimate> estimates, List<SplitAuthority> splits)
    {
        foreach (var split in splits)
        {
            var parts = estimates
                .Where(e => split.Successors.Contains(e.AuthorityCode) && new DateOnly(e.Year, 6, 30) <= split.EndedOn)
                .GroupBy(e => (e.Year, e.Basis))
                .Where(g => g.Count() == split.Successors.Length);
            foreach (var g in parts)
            {
                yield return new HouseholdEstimate
                {
                    AuthorityCode = split.Code,
                    Year = g.Key.Year,
                    Basis = g.Key.Basis,
                    Households = g.Sum(e => e.Households),
                    Source = $"Sum of its successors ({string.Join(", ", split.Successors)}), which cover its area: {g.First().Source}",
                };
            }
        }
    }

    /// <summary>
    /// The lookup is as at April 2023, so Barnsley and Sheffield still carry the codes they gave up in
    /// May 2025. A pure recode has one successor; the lookup is read through it.
    /// </summary>
    private static Dictionary<string, string> Recodes(CsvTable history) =>
        history.Rows
            .Where(r => r["change"].StartsWith("recoded", StringComparison.Ordinal))
            .ToDictionary(r => r["ons_code"], r => r["successor_codes"]);

    private static IEnumerable<LowerTierAuthority> LowerTier(CsvTable table, Dictionary<string, string> recodes, Dictionary<string, LocalAuthority> authorities) =>
        table.Rows.Select(row => new LowerTierAuthority
        {
            OnsCode = recodes.GetValueOrDefault(row["ltla23cd"], row["ltla23cd"]),
            Name = row["ltla23nm"],
            UpperTierCode = Require(authorities, recodes.GetValueOrDefault(row["utla23cd"], row["utla23cd"]), table.Name),
        });

    private static string Require(Dictionary<string, LocalAuthority> authorities, string code, string file) =>
        authorities.ContainsKey(code) ? code : throw new InvalidDataException($"{file} names authority {code}, which is not in la_reference.csv.");
}
