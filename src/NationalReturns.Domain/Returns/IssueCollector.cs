namespace NationalReturns.Domain.Returns;

/// <summary>
/// Gathers issues as the reader and validator find them, in memory that does not grow with a flood: a run of
/// consecutive rows with one rule in one column is kept as its first and last (becoming one issue over the
/// range), and each rule on each sheet keeps its first <see cref="PerRule"/> issues, counting the rest with
/// where they are. A file of 200,000 merged areas or a column of 100,000 bad dates costs a few issues here, not
/// hundreds of megabytes; every cell is still counted. <see cref="IssueCondensing"/> then fits what is kept to
/// the upload's size for storing.
/// </summary>
public sealed class IssueCollector(ReturnSpecification spec) : IEnumerable<ReturnIssue>
{
    /// <summary>Issues (or runs) listed one by one for a rule on a sheet before the rest are only counted.</summary>
    public const int PerRule = 1_000;

    private readonly List<ReturnIssue> _kept = [];
    private readonly Dictionary<(string Sheet, string Code, int Column), OpenRun> _runs = [];
    private readonly Dictionary<(string Sheet, string Code), int> _listed = [];
    private readonly Dictionary<(string Sheet, string Code), IssueCondensing.Remainder> _remainders = [];

    /// <summary>A run being followed: its first and latest issue, its length, and its issues while it is still short.</summary>
    private sealed class OpenRun(ReturnIssue first)
    {
        public ReturnIssue First { get; } = first;

        public ReturnIssue Last { get; set; } = first;

        public int Length { get; set; } = 1;

        public List<ReturnIssue>? Short { get; set; } = [first];
    }

    public void Add(ReturnIssue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        if (issue.Cell is null || issue.Count != 1 || issue.OtherCells.Count > 0 || issue.Cell.Contains(':', StringComparison.Ordinal))
        {
            Keep(issue);
            return;
        }

        var key = (issue.Sheet, issue.Code, issue.ColumnNumber);
        if (_runs.TryGetValue(key, out var run) && issue.RowNumber == run.Last.RowNumber + 1)
        {
            run.Last = issue;
            run.Length++;
            if (run.Short is { } list)
            {
                run.Short = run.Length < IssueCondensing.RunLength ? [.. list, issue] : null;
            }

            return;
        }

        if (run is not null)
        {
            Close(run);
        }

        _runs[key] = new OpenRun(issue);
    }

    public void AddRange(IEnumerable<ReturnIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        foreach (var issue in issues)
        {
            Add(issue);
        }
    }

    /// <summary>Everything gathered: the issues kept, each run as one issue, and a counting issue for each rule's rest.</summary>
    public List<ReturnIssue> ToList()
    {
        // Runs still open end here; a later issue on the same column simply starts a new one.
        foreach (var run in _runs.Values)
        {
            Close(run);
        }

        _runs.Clear();
        return [.. _kept, .. _remainders.Values.Select(r => r.ToIssue(PerRule, spec))];
    }

    public IEnumerator<ReturnIssue> GetEnumerator() => ToList().GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private void Close(OpenRun run)
    {
        foreach (var issue in Closed(run))
        {
            Keep(issue);
        }
    }

    private List<ReturnIssue> Closed(OpenRun run) =>
        run.Short ?? [IssueCondensing.Run(run.First, run.Last, run.Length, spec)];

    private void Keep(ReturnIssue issue)
    {
        var group = (issue.Sheet, issue.Code);
        var count = _listed.GetValueOrDefault(group);
        if (count < PerRule)
        {
            _listed[group] = count + 1;
            _kept.Add(issue);
        }
        else
        {
            _remainders[group] = _remainders.TryGetValue(group, out var rest) ? rest.Add(issue) : new IssueCondensing.Remainder(issue).Add(issue);
        }
    }
}
