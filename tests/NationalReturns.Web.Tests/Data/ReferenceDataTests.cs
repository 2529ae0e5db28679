using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NationalReturns.Domain.Areas;
using NationalReturns.Web.Data;
using NationalReturns.Web.Data.ReferenceData;
using NationalReturns.Web.Tests.Infrastructure;

namespace NationalReturns.Web.Tests.Data;

public class ReferenceDataTests(WebApp app) : WebAppTest(app)
{
    [Fact]
    public async Task Load_CurrentAuthorities_AreExactly153()
    {
        var count = await App.WithDbAsync(db => db.LocalAuthorities.CountAsync(a => a.ValidTo == null));
        Assert.Equal(153, count);
    }

    [Fact]
    public async Task Load_EveryCurrentAuthority_HasTenCurrentNeighboursRankedOneToTen()
    {
        var neighbours = await App.WithDbAsync(db => db.LocalAuthorities
            .Where(a => a.ValidTo == null)
            .Select(a => new
            {
                a.OnsCode,
                Ranks = a.Neighbours.Select(n => n.Rank).ToList(),
                CurrentNeighbours = a.Neighbours.Count(n => n.Neighbour.ValidTo == null && n.NeighbourCode != a.OnsCode),
            })
            .ToListAsync());

        Assert.Equal(153, neighbours.Count);
        Assert.All(neighbours, a =>
        {
            Assert.Equal(10, a.CurrentNeighbours);
            Assert.Equal(Enumerable.Range(1, 10), a.Ranks.Order());
        });
    }

    [Fact]
    public async Task Load_Regions_NineEnglishRegionsWithInnerAndOuterLondonInsideLondon()
    {
        var regions = await App.WithDbAsync(db => db.Regions.ToListAsync());
        var authorities = await App.WithDbAsync(db => db.LocalAuthorities.Where(a => a.ValidTo == null).ToListAsync());

        Assert.Equal(9, regions.Count(r => r.ParentCode is null));
        Assert.Equal(9, authorities.Select(a => a.RegionCode).Distinct().Count());
        Assert.All(regions.Where(r => r.ParentCode is not null), r => Assert.Equal("E12000007", r.ParentCode));

        var london = authorities.Where(a => a.RegionCode == "E12000007").ToList();
        Assert.Equal(33, london.Count);
        Assert.All(london, a => Assert.NotNull(a.SubRegionCode));
        Assert.Equal(14, london.Count(a => a.SubRegionCode == "E13000001"));
        Assert.All(authorities.Where(a => a.RegionCode != "E12000007"), a => Assert.Null(a.SubRegionCode));
    }

    [Fact]
    public async Task Load_AsPublishedPopulations_EveryAuthorityEveryYearEveryBand()
    {
        var cells = await App.WithDbAsync(db => db.PopulationEstimates
            .Where(p => p.Series == PopulationSeries.AsPublished)
            .GroupBy(p => new { p.MidYear, p.AgeBand })
            .Select(g => new { g.Key.MidYear, g.Key.AgeBand, Authorities = g.Select(p => p.AuthorityCode).Distinct().Count() })
            .ToListAsync());

        var years = cells.Select(c => c.MidYear).Distinct().Order().ToList();
        Assert.Equal(Enumerable.Range(2019, 6), years);
        Assert.Equal(years.Count * Enum.GetValues<AgeBand>().Length, cells.Count);
        // The 153, and the split counties for the mid-years they existed: Cumbria to 2022, Northamptonshire to 2020.
        Assert.All(cells, c => Assert.Equal(153 + (c.MidYear <= 2020 ? 2 : c.MidYear <= 2022 ? 1 : 0), c.Authorities));
    }

    [Fact]
    public async Task Load_SplitCounty_HasItsSuccessorsPopulationSummedWhereNotGiven()
    {
        var rows = await App.WithDbAsync(db => db.PopulationEstimates
            .Where(p => p.MidYear == 2022 && p.AgeBand == AgeBand.Age10To17 && p.Series == PopulationSeries.AsPublished
                && (p.AuthorityCode == "E10000006" || p.AuthorityCode == "E06000063" || p.AuthorityCode == "E06000064"))
            .ToDictionaryAsync(p => p.AuthorityCode, p => p.Population));
        var revised = await App.WithDbAsync(db => db.PopulationEstimates
            .SingleAsync(p => p.AuthorityCode == "E10000006" && p.MidYear == 2022 && p.AgeBand == AgeBand.Age0To17 && p.Series == PopulationSeries.Revised));

        Assert.Equal(rows["E06000063"] + rows["E06000064"], rows["E10000006"]);
        Assert.Equal(90_547, revised.Population); // DfE's own figure for Cumbria, year to March 2023
        Assert.False(await App.WithDbAsync(db => db.PopulationEstimates.AnyAsync(p => p.AuthorityCode == "E10000006" && p.MidYear >= 2023)));
    }

    [Fact]
    public async Task Load_Populations_BandsNestInsideEachOther()
    {
        var rows = await App.WithDbAsync(db => db.PopulationEstimates.Where(p => p.Series == PopulationSeries.AsPublished).ToListAsync());
        foreach (var cell in rows.GroupBy(p => (p.AuthorityCode, p.MidYear)))
        {
            var band = cell.ToDictionary(p => p.AgeBand, p => p.Population);
            Assert.True(band[AgeBand.Age16To17] <= band[AgeBand.Age10To17] && band[AgeBand.Age10To17] <= band[AgeBand.Age0To17]
                && band[AgeBand.Age0To17] <= band[AgeBand.AllAges], $"{cell.Key} has age bands that do not nest");
        }
    }

    [Fact]
    public async Task Load_RevisedPopulation_MatchesPublishedEnglandTotalFor2023()
    {
        // SOURCES.md: the 153 authorities' revised 0–17 estimates sum to 12,059,476 at mid-2023.
        var total = await App.WithDbAsync(db => db.PopulationEstimates
            .Where(p => p.Series == PopulationSeries.Revised && p.MidYear == 2023 && p.AgeBand == AgeBand.Age0To17)
            .SumAsync(p => p.Population));
        Assert.Equal(12_059_476, total);
    }

    [Fact]
    public async Task Load_Households_EveryAuthorityEveryYear()
    {
        var perYear = await App.WithDbAsync(db => db.HouseholdEstimates
            .GroupBy(h => new { h.Year, h.Basis })
            .Select(g => new { g.Key.Year, g.Key.Basis, Authorities = g.Count() })
            .ToListAsync());

        Assert.Equal(Enumerable.Range(2019, 7), perYear.Where(y => y.Basis == HouseholdBasis.HouseholdProjection).Select(y => y.Year).Order());
        Assert.Contains(perYear, y => y.Basis == HouseholdBasis.Census2021 && y.Year == 2021);
        Assert.All(perYear, y => Assert.Equal(153 + (y.Year <= 2020 ? 2 : y.Year <= 2022 ? 1 : 0), y.Authorities));
    }

    [Theory]
    [InlineData("E10000006", "E06000063,E06000064")]
    [InlineData("E10000021", "E06000061,E06000062")]
    [InlineData("E08000016", "E08000038")]
    [InlineData("E08000019", "E08000039")]
    public async Task Load_AbolishedAuthority_LeadsToItsSuccessors(string predecessor, string successors)
    {
        var found = await App.WithDbAsync(db => db.AuthoritySuccessions
            .Where(s => s.PredecessorCode == predecessor)
            .OrderBy(s => s.SuccessorCode)
            .Select(s => s.SuccessorCode)
            .ToListAsync());
        var abolished = await App.WithDbAsync(db => db.LocalAuthorities.SingleAsync(a => a.OnsCode == predecessor));

        Assert.Equal(successors.Split(','), found);
        Assert.False(abolished.IsCurrent);
    }

    [Fact]
    public async Task Load_LowerTierLookup_CountiesHaveDistrictsAndRecodedCodesAreCurrent()
    {
        var kentDistricts = await App.WithDbAsync(db => db.LowerTierAuthorities.CountAsync(l => l.UpperTierCode == "E10000016"));
        var barnsley = await App.WithDbAsync(db => db.LowerTierAuthorities.SingleAsync(l => l.Name == "Barnsley"));
        var orphans = await App.WithDbAsync(db => db.LowerTierAuthorities.CountAsync(l => l.UpperTier.ValidTo != null));

        Assert.Equal(12, kentDistricts);
        Assert.Equal("E08000038", barnsley.UpperTierCode);
        Assert.Equal(0, orphans);
    }

    [Fact]
    public async Task Load_HexMap_EveryCurrentAuthorityHasItsOwnHex()
    {
        var hexes = await App.WithDbAsync(db => db.LocalAuthorities.Where(a => a.ValidTo == null)
            .Select(a => new { a.HexColumn, a.HexRow }).ToListAsync());
        Assert.All(hexes, h => Assert.True(h.HexColumn.HasValue && h.HexRow.HasValue));
        Assert.Equal(153, hexes.Distinct().Count());
    }

    [Fact]
    public async Task Load_UnchangedFiles_LoadsNothingAgain()
    {
        var before = await CountsAsync();
        var loaded = await WithLoaderAsync(loader => loader.LoadAsync(ReferenceDataLoader.DefaultFolder));
        Assert.False(loaded);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Load_ChangedFile_ReplacesFiguresWithoutDuplicates()
    {
        var folder = CopyReferenceData();
        try
        {
            var path = Path.Combine(folder, "population_by_la_age_band.csv");
            var lines = File.ReadAllLines(path);
            var blackpool = Array.FindIndex(lines, l => l.StartsWith("E06000009,Blackpool,2024,0-17,", StringComparison.Ordinal));
            var fields = lines[blackpool].Split(',');
            fields[4] = "12345";
            lines[blackpool] = string.Join(',', fields);
            File.WriteAllLines(path, lines);
            var before = await CountsAsync();

            Assert.True(await WithLoaderAsync(loader => loader.LoadAsync(folder)));

            var changed = await App.WithDbAsync(db => db.PopulationEstimates.SingleAsync(p =>
                p.AuthorityCode == "E06000009" && p.MidYear == 2024 && p.AgeBand == AgeBand.Age0To17 && p.Series == PopulationSeries.AsPublished));
            Assert.Equal(12345, changed.Population);
            Assert.Equal(before, await CountsAsync());
        }
        finally
        {
            await WithLoaderAsync(loader => loader.LoadAsync(ReferenceDataLoader.DefaultFolder));
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Load_NeighbourWithUnknownCode_FailsClearlyAndStoresNothing()
    {
        var folder = CopyReferenceData();
        try
        {
            var path = Path.Combine(folder, "la_reference.csv");
            var text = File.ReadAllText(path);
            var first = text.Split('\n')[1];
            var broken = first.Replace(",807,Very close,", ",999,Very close,", StringComparison.Ordinal);
            Assert.NotEqual(first, broken);
            File.WriteAllText(path, text.Replace(first, broken, StringComparison.Ordinal));
            var before = await CountsAsync();
            var imports = await App.WithDbAsync(db => db.ReferenceDataImports.CountAsync());

            var ex = await Assert.ThrowsAsync<InvalidDataException>(() => WithLoaderAsync(loader => loader.LoadAsync(folder)));

            Assert.Contains("DfE code 999", ex.Message, StringComparison.Ordinal);
            Assert.Equal(before, await CountsAsync());
            Assert.Equal(imports, await App.WithDbAsync(db => db.ReferenceDataImports.CountAsync()));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string CopyReferenceData()
    {
        var folder = Directory.CreateTempSubdirectory("nr-reference-").FullName;
        foreach (var file in Directory.GetFiles(ReferenceDataLoader.DefaultFolder))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        return folder;
    }

    private async Task<T> WithLoaderAsync<T>(Func<ReferenceDataLoader, Task<T>> action)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ReferenceDataLoader>());
    }

    private Task<(int, int, int, int, int)> CountsAsync() => App.WithDbAsync(async db => (
        await db.LocalAuthorities.CountAsync(),
        await db.StatisticalNeighbours.CountAsync(),
        await db.PopulationEstimates.CountAsync(),
        await db.HouseholdEstimates.CountAsync(),
        await db.LowerTierAuthorities.CountAsync()));
}
