using NationalReturns.Domain.Areas;

namespace NationalReturns.Web.Features.Benchmarking;

/// <summary>
/// A set of authorities to pick out on a national view (LG Inform's comparison groups): a region, an authority
/// with its ten statistical neighbours, an authority type, or a list a person has chosen for themselves. Written
/// in the URL as region-E12000002, neighbours-E06000009, type-county or areas-E06000009.E08000025…, so every
/// view's state can be bookmarked and shared.
/// </summary>
public sealed record ComparisonGroup(string Key, string Label, IReadOnlySet<string> Codes)
{
    /// <summary>The most authorities a chosen list may name.</summary>
    public const int MostChosen = 50;

    public static readonly IReadOnlyList<(AuthorityType Type, string Key, string Label)> Types =
    [
        (AuthorityType.County, "county", "County councils"),
        (AuthorityType.Unitary, "unitary", "Unitary authorities"),
        (AuthorityType.Metropolitan, "metropolitan", "Metropolitan districts"),
        (AuthorityType.LondonBorough, "london-borough", "London boroughs"),
    ];

    /// <summary>The group a URL names; null (not an error) when none is named, false when it names one that does not exist.</summary>
    public static bool TryRead(string? text, BenchmarkingSnapshot snapshot, out ComparisonGroup? group)
    {
        group = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || text.Length > 1_000)
        {
            return false;
        }

        var (kind, rest) = (text[..dash], text[(dash + 1)..]);
        switch (kind)
        {
            case "region" when snapshot.Regions.TryGetValue(rest, out var region):
                group = new(text, region, Current(snapshot).Where(a => a.RegionCode == rest).Select(a => a.Code).ToHashSet(StringComparer.Ordinal));
                return true;
            case "neighbours" when snapshot.Authorities.TryGetValue(rest, out var area):
                group = new(text, $"{area.Name} and its statistical neighbours", area.Neighbours.Append(area.Code).ToHashSet(StringComparer.Ordinal));
                return true;
            case "type" when Types.FirstOrDefault(t => t.Key == rest) is { Label: not null } type:
                group = new(text, type.Label, Current(snapshot).Where(a => a.Type == type.Type).Select(a => a.Code).ToHashSet(StringComparer.Ordinal));
                return true;
            case "areas":
                var codes = rest.Split('.', StringSplitOptions.RemoveEmptyEntries);
                if (codes.Length is 0 or > MostChosen || !codes.All(snapshot.Authorities.ContainsKey))
                {
                    return false;
                }

                group = new(text, codes.Length == 1 ? snapshot.Authorities[codes[0]].Name : $"{codes.Length} chosen authorities", codes.ToHashSet(StringComparer.Ordinal));
                return true;
            default:
                return false;
        }
    }

    /// <summary>The groups offered in pickers: every region and every type (neighbours and chosen lists come from an area).</summary>
    public static IReadOnlyList<(string Key, string Label)> Offered(BenchmarkingSnapshot snapshot) =>
        snapshot.Regions.OrderBy(r => r.Value, StringComparer.Ordinal).Select(r => ($"region-{r.Key}", r.Value))
            .Concat(Types.Select(t => ($"type-{t.Key}", t.Label)))
            .ToList();

    private static IEnumerable<BenchmarkArea> Current(BenchmarkingSnapshot snapshot) => snapshot.Authorities.Values.Where(a => a.Current);
}
