using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Indicators;
using NationalReturns.Web.Data;
using NationalReturns.Web.Features.Benchmarking;

namespace NationalReturns.Web.Features.ComparisonGroups;

/// <summary>A person's own comparison groups, each with the URL value that opens any national view on it.</summary>
public static class ListComparisonGroups
{
    public sealed record Group(int Id, string Name, string Key, IReadOnlyList<string> Names);

    public sealed record Model(IReadOnlyList<Group> Groups, IReadOnlyList<(string Region, IReadOnlyList<(string Code, string Name)> Authorities)> Choices,
        IReadOnlyList<IndicatorDefinition> Indicators)
    {
        public string? Name { get; init; }

        public IReadOnlySet<string> Chosen { get; init; } = new HashSet<string>();

        public IReadOnlyList<(SaveComparisonGroup.Field Field, string Message)> Mistakes { get; init; } = [];
    }

    public sealed class Handler(NationalReturnsDbContext db, BenchmarkingData data)
    {
        public async Task<Model> HandleAsync(string userId, CancellationToken ct)
        {
            var snapshot = await data.GetAsync(ct);
            var groups = await db.SavedComparisonGroups.AsNoTracking().Where(g => g.UserId == userId).OrderBy(g => g.Name).ToListAsync(ct);
            var choices = snapshot.Authorities.Values.Where(a => a.Current)
                .GroupBy(a => a.RegionName).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, (IReadOnlyList<(string, string)>)g.OrderBy(a => a.Name, StringComparer.Ordinal).Select(a => (a.Code, a.Name)).ToList()))
                .ToList();
            return new Model(
                groups.Select(g => new Group(g.Id, g.Name, Key(g.AuthorityCodes), g.AuthorityCodes.Select(c => snapshot.Names.GetValueOrDefault(c, c)).Order(StringComparer.Ordinal).ToList())).ToList(),
                choices, IndicatorCatalogue.All);
        }
    }

    /// <summary>The group as the national views' URLs write it (<see cref="ComparisonGroup"/>).</summary>
    public static string Key(IEnumerable<string> codes) => "areas-" + string.Join('.', codes.Order(StringComparer.Ordinal));
}
