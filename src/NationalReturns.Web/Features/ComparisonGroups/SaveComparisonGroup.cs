using Microsoft.EntityFrameworkCore;
using NationalReturns.Web.Data;
using NationalReturns.Web.Features.Benchmarking;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.ComparisonGroups;

/// <summary>A person names a set of authorities to compare against; it is theirs, and its views are links anyone can open.</summary>
public static class SaveComparisonGroup
{
    public const int LongestName = 80;
    public const int MostGroups = 20;
    public const int FewestAuthorities = 2;

    public sealed record Command(string UserId, string? Name, IReadOnlyList<string> Codes);

    public enum Field
    {
        Name,
        Authorities,
    }

    public sealed class Handler(NationalReturnsDbContext db, BenchmarkingData data, TimeProvider clock)
    {
        /// <summary>Mistakes keyed by the field they are about; none when the group was saved.</summary>
        public async Task<IReadOnlyList<(Field Field, string Message)>> HandleAsync(Command command, CancellationToken ct)
        {
            var name = (command.Name ?? "").Trim();
            var codes = command.Codes.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.Ordinal).ToList();
            var snapshot = await data.GetAsync(ct);
            var mine = await db.SavedComparisonGroups.Where(g => g.UserId == command.UserId).Select(g => g.Name).ToListAsync(ct);
            var mistakes = new List<(Field, string)>();
            if (name.Length == 0)
            {
                mistakes.Add((Field.Name, "Enter a name for the group"));
            }
            else if (name.Length > LongestName || name.Any(char.IsControl))
            {
                mistakes.Add((Field.Name, $"The name must be {LongestName} characters or fewer, on one line"));
            }
            else if (mine.Any(m => string.Equals(m, name, StringComparison.OrdinalIgnoreCase)))
            {
                mistakes.Add((Field.Name, $"You already have a group called ‘{name}’: choose another name, or delete that one first"));
            }
            else if (mine.Count >= MostGroups)
            {
                mistakes.Add((Field.Name, $"You have {MostGroups} groups, the most you can keep: delete one you no longer use first"));
            }

            if (codes.Any(c => !snapshot.Authorities.TryGetValue(c, out var a) || !a.Current))
            {
                mistakes.Add((Field.Authorities, "Choose authorities from the list"));
            }
            else if (codes.Count < FewestAuthorities || codes.Count > ComparisonGroup.MostChosen)
            {
                mistakes.Add((Field.Authorities, $"Choose between {FewestAuthorities} and {ComparisonGroup.MostChosen} authorities (you chose {codes.Count})"));
            }

            if (mistakes.Count > 0)
            {
                return mistakes;
            }

            db.SavedComparisonGroups.Add(new SavedComparisonGroup { UserId = command.UserId, Name = name, AuthorityCodes = codes.Order(StringComparer.Ordinal).ToList(), CreatedAt = clock.GetUtcNow() });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
            {
                // The same name saved twice at once (a double click): the first one stands.
                return [(Field.Name, $"You already have a group called ‘{name}’: choose another name, or delete that one first")];
            }

            return [];
        }
    }
}
