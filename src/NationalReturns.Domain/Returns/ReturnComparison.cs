namespace NationalReturns.Domain.Returns;

/// <summary>One value that differs between two versions of a return.</summary>
public sealed record ValueChange(string Sheet, string Record, string Field, string? Before, string? After);

/// <summary>
/// Compares two versions of a return value by value: form answers by field, Homelessness rows by housing
/// authority, families by their reference, notes by position. Works across template versions: a field
/// only one version has shows as added or removed.
/// </summary>
public static class ReturnComparison
{
    private static readonly Dictionary<string, string> RecordKeys = new()
    {
        [ReturnSpecifications.Homelessness] = FieldKeys.Homelessness.OnsCode,
        [ReturnSpecifications.Families] = FieldKeys.Families.Reference,
    };

    public static IReadOnlyList<ValueChange> Compare(ReturnContent before, ReturnContent after)
    {
        var changes = new List<ValueChange>();
        foreach (var sheet in after.Spec.Sheets.Select(s => s.Name).Union(before.Spec.Sheets.Select(s => s.Name)))
        {
            if (before.Form(sheet) is not null || after.Form(sheet) is not null)
            {
                CompareForms(sheet, before.Form(sheet), after.Form(sheet), changes);
            }
            else
            {
                CompareTables(sheet, before.Table(sheet), after.Table(sheet), changes);
            }
        }

        return changes;
    }

    private static void CompareForms(string sheet, FormSheet? before, FormSheet? after, List<ValueChange> changes)
    {
        var keys = (before?.Spec.Fields ?? []).Concat(after?.Spec.Fields ?? []).Select(f => (f.Key, f.Header)).DistinctBy(f => f.Key);
        foreach (var (key, header) in keys)
        {
            var was = before is not null && before.Spec.Has(key) ? Text(before[key]) : null;
            var now = after is not null && after.Spec.Has(key) ? Text(after[key]) : null;
            if (was != now)
            {
                changes.Add(new ValueChange(sheet, "", header, was, now));
            }
        }
    }

    private static void CompareTables(string sheet, TableSheet? before, TableSheet? after, List<ValueChange> changes)
    {
        var oldRows = Keyed(sheet, before);
        var newRows = Keyed(sheet, after);
        var fields = (before?.Spec.Fields ?? []).Concat(after?.Spec.Fields ?? []).Select(f => (f.Key, f.Header)).DistinctBy(f => f.Key).ToList();
        foreach (var key in oldRows.Keys.Union(newRows.Keys))
        {
            var had = oldRows.TryGetValue(key, out var oldRow);
            var has = newRows.TryGetValue(key, out var newRow);
            if (had != has)
            {
                changes.Add(new ValueChange(sheet, key, "(whole row)", had ? "present" : null, has ? "present" : null));
                continue;
            }

            foreach (var (field, header) in fields)
            {
                var was = Value(before!, oldRow!, field);
                var now = Value(after!, newRow!, field);
                if (was != now)
                {
                    changes.Add(new ValueChange(sheet, key, header, was, now));
                }
            }
        }
    }

    private static Dictionary<string, TableRow> Keyed(string sheet, TableSheet? table)
    {
        var rows = new Dictionary<string, TableRow>(StringComparer.OrdinalIgnoreCase);
        if (table is null)
        {
            return rows;
        }

        var keyField = RecordKeys.TryGetValue(sheet, out var key) && table.Spec.Has(key) ? table.Spec.IndexOf(key) : -1;
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var name = keyField >= 0 ? CellParsing.AsText(table.Rows[i][keyField]) : "";
            // Rows without a key (or repeated keys, which the validator reports) are compared by position.
            rows.TryAdd(name.Length > 0 && !rows.ContainsKey(name) ? name : $"row {i + 1}", table.Rows[i]);
        }

        return rows;
    }

    private static string? Value(TableSheet table, TableRow row, string field) => table.Spec.Has(field) ? Text(row[table.Spec.IndexOf(field)]) : null;

    private static string? Text(CellValue cell) => cell.IsBlank ? null : cell.Display.Trim();
}
