using System.Globalization;

namespace NationalReturns.Domain.Returns;

/// <summary>
/// Keeps the issues stored for an upload in proportion to the upload, without losing count of any. Two
/// steps: a rule that fires on a run of consecutive rows in one column becomes one issue over the range (that
/// reads better than a thousand identical lines); then, if what is left is still far larger than the file that
/// caused it (a few kilobytes of compressed XML can repeat one bad cell 100,000 times), each rule keeps its
/// first issues in full and the rest become one issue per rule and sheet saying how many more there are and
/// where. Every count stays exact: a condensed issue carries the number of cells it stands for.
/// </summary>
public static class IssueCondensing
{
    /// <summary>Consecutive rows in one column with the same rule that are reported as one range.</summary>
    public const int RunLength = 10;

    /// <summary>Stored issues may take this many times the upload's size…</summary>
    public const int BytesPerUploadByte = 4;

    /// <summary>…or this much, whichever is more, so a small file's feedback is never cut.</summary>
    public const long MinimumBudget = 256 * 1024;

    /// <summary>What one stored issue costs besides its text: row header, keys, counts.</summary>
    private const int RowOverhead = 48;

    public static IReadOnlyList<ReturnIssue> Condense(IReadOnlyList<ReturnIssue> issues, long uploadBytes, ReturnSpecification spec)
    {
        ArgumentNullException.ThrowIfNull(issues);
        ArgumentNullException.ThrowIfNull(spec);
        var runs = CollapseRuns(issues, spec);
        var budget = Math.Max(MinimumBudget, BytesPerUploadByte * Math.Max(0, uploadBytes));
        return Size(runs) <= budget ? runs : Summarise(runs, budget, spec);
    }

    /// <summary>Bytes an issue takes when stored: its text (as UTF-16 is the worst case) and the row overhead.</summary>
    public static long Size(ReturnIssue issue) =>
        RowOverhead + (2L * (issue.Code.Length + issue.Sheet.Length + (issue.Cell?.Length ?? 0) + (issue.Field?.Length ?? 0)
            + (issue.Value?.Length ?? 0) + issue.Message.Length + issue.OtherCells.Sum(c => c.Length + 1)));

    public static long Size(IEnumerable<ReturnIssue> issues) => issues.Sum(Size);

    private static List<ReturnIssue> CollapseRuns(IReadOnlyList<ReturnIssue> issues, ReturnSpecification spec)
    {
        // Positions of single-cell issues by sheet, rule and column, in the order they come (rows ascending).
        var byColumn = new Dictionary<(string Sheet, string Code, int Column), List<int>>();
        for (var i = 0; i < issues.Count; i++)
        {
            var issue = issues[i];
            if (issue.Cell is null || issue.Count != 1 || issue.OtherCells.Count > 0 || issue.Cell.Contains(':', StringComparison.Ordinal))
            {
                continue;
            }

            var key = (issue.Sheet, issue.Code, issue.ColumnNumber);
            if (!byColumn.TryGetValue(key, out var list))
            {
                byColumn[key] = list = [];
            }

            list.Add(i);
        }

        var replaced = new ReturnIssue?[issues.Count];
        var dropped = new bool[issues.Count];
        foreach (var positions in byColumn.Values)
        {
            var start = 0;
            for (var k = 1; k <= positions.Count; k++)
            {
                var continues = k < positions.Count && issues[positions[k]].RowNumber == issues[positions[k - 1]].RowNumber + 1;
                if (continues)
                {
                    continue;
                }

                var length = k - start;
                if (length >= RunLength)
                {
                    var first = issues[positions[start]];
                    var last = issues[positions[k - 1]];
                    replaced[positions[start]] = Run(first, last, length, spec);
                    for (var j = start + 1; j < k; j++)
                    {
                        dropped[positions[j]] = true;
                    }
                }

                start = k;
            }
        }

        var result = new List<ReturnIssue>(issues.Count);
        for (var i = 0; i < issues.Count; i++)
        {
            if (!dropped[i])
            {
                result.Add(replaced[i] ?? issues[i]);
            }
        }

        return result;
    }

    /// <summary>One issue standing for a run of <paramref name="length"/> consecutive rows in one column.</summary>
    internal static ReturnIssue Run(ReturnIssue first, ReturnIssue last, int length, ReturnSpecification spec)
    {
        var area = new CellArea(first.RowNumber, first.ColumnNumber, last.RowNumber, last.ColumnNumber);
        var title = spec.HasRule(first.Code) ? spec.Rule(first.Code).Title : first.Code;
        return first with
        {
            Cell = area.ToString(),
            Count = length,
            Message = string.Create(CultureInfo.InvariantCulture,
                $"{length:N0} cells in a row, {first.Cell} to {last.Cell}: {title}. The first, {first.Cell}: {first.Message}"),
        };
    }

    /// <summary>
    /// Keeps the first K issues of every rule on every sheet, K as large as the budget allows, and condenses
    /// the rest of each into one issue. Sharing the budget rule by rule means one flood cannot crowd out
    /// the few issues of another rule.
    /// </summary>
    private static List<ReturnIssue> Summarise(List<ReturnIssue> issues, long budget, ReturnSpecification spec)
    {
        var groups = issues.Select((issue, index) => (issue, index))
            .GroupBy(x => (x.issue.Sheet, x.issue.Code))
            .Select(g => g.ToList())
            .ToList();

        // Cumulative sizes per group, so the cost of keeping the first K of each is a lookup.
        var cumulative = groups.Select(g =>
        {
            var sums = new long[g.Count + 1];
            for (var i = 0; i < g.Count; i++)
            {
                sums[i + 1] = sums[i] + Size(g[i].issue);
            }

            return sums;
        }).ToList();

        const long SummaryAllowance = 1024;
        long Cost(int keep) => groups.Select((g, i) => cumulative[i][Math.Min(keep, g.Count)] + (g.Count > keep ? SummaryAllowance : 0)).Sum();

        int low = 0, high = groups.Max(g => g.Count);
        while (low < high)
        {
            var middle = low + ((high - low + 1) / 2);
            if (Cost(middle) <= budget)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        var keep = low;
        var summaryAfter = new Dictionary<int, ReturnIssue>();
        var dropped = new HashSet<int>();
        foreach (var group in groups.Where(g => g.Count > keep))
        {
            var rest = group.Skip(keep).ToList();
            foreach (var (_, index) in rest)
            {
                dropped.Add(index);
            }

            var anchor = keep > 0 ? group[keep - 1].index : rest[0].index;
            summaryAfter[anchor] = Rest(rest.Select(x => x.issue).ToList(), keep, spec);
        }

        var result = new List<ReturnIssue>();
        for (var i = 0; i < issues.Count; i++)
        {
            if (!dropped.Contains(i))
            {
                result.Add(issues[i]);
            }

            if (summaryAfter.TryGetValue(i, out var summary))
            {
                result.Add(summary);
            }
        }

        return result;
    }

    private static ReturnIssue Rest(List<ReturnIssue> rest, int listed, ReturnSpecification spec)
    {
        var remainder = new Remainder(rest[0]);
        foreach (var issue in rest)
        {
            remainder.Add(issue);
        }

        return remainder.ToIssue(listed, spec);
    }

    /// <summary>The issues of one rule on one sheet that are counted rather than listed: how many cells, and where.</summary>
    internal sealed class Remainder(ReturnIssue first)
    {
        private int _firstRow = int.MaxValue, _firstColumn = int.MaxValue, _lastRow, _lastColumn;

        public ReturnIssue First { get; } = first;

        public int Count { get; private set; }

        public Remainder Add(ReturnIssue issue)
        {
            Count += issue.Count;
            if (issue.Area is { } area)
            {
                _firstRow = Math.Min(_firstRow, area.FirstRow);
                _firstColumn = Math.Min(_firstColumn, area.FirstColumn);
                _lastRow = Math.Max(_lastRow, area.LastRow);
                _lastColumn = Math.Max(_lastColumn, area.LastColumn);
            }

            return this;
        }

        public ReturnIssue ToIssue(int listed, ReturnSpecification spec)
        {
            CellArea? bounds = _lastRow == 0 ? null : new CellArea(_firstRow, _firstColumn, _lastRow, _lastColumn);
            var rule = spec.HasRule(First.Code) ? spec.Rule(First.Code) : null;
            var where = bounds is { } b ? $" between {CellReference.Format(b.FirstRow, b.FirstColumn)} and {CellReference.Format(b.LastRow, b.LastColumn)}" : "";
            var shown = listed == 0 ? "none is listed one by one" : $"the first {listed:N0} are listed one by one";
            return new ReturnIssue(First.Code, First.Severity, First.Sheet, bounds?.ToString(), rule is null ? First.Field : null, null,
                string.Create(CultureInfo.InvariantCulture,
                    $"{Count:N0} more cells{where} have this problem ({rule?.Title ?? First.Code}); there are too many to list, so {shown}. {rule?.Description} Correct them all and upload again. The first: {First.Message}"))
            {
                Count = Count,
            };
        }
    }
}
