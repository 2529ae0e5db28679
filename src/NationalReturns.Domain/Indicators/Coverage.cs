namespace NationalReturns.Domain.Indicators;

/// <summary>
/// How many authorities' published returns a period's England figure is made from. While returns are still
/// being published a quarter's England figure comes from some of them only (45 of 153 read 32.0 against 26.7
/// from all 153: not a rise, a different set of areas), so such a period is provisional wherever it is shown,
/// and pages open on the newest period whose coverage is complete.
/// </summary>
public readonly record struct Coverage(int Included, int Of)
{
    /// <summary>The share of authorities a period needs to count as complete, unless configured otherwise.</summary>
    public const double DefaultCompleteShare = 0.95;

    public bool IsComplete(double completeShare) => Of > 0 && Included >= Math.Ceiling(Of * completeShare);

    public override string ToString() => $"{Included} of {Of} authorities";

    /// <summary>The newest period whose coverage is complete; the newest of all when none is; null when there are none.</summary>
    public static TPeriod? Opening<TPeriod>(IEnumerable<(TPeriod Period, Coverage Coverage)> periods, double completeShare)
        where TPeriod : struct, IComparable<TPeriod>
    {
        var ordered = periods.OrderBy(p => p.Period).ToList();
        if (ordered.Count == 0)
        {
            return null;
        }

        var complete = ordered.Where(p => p.Coverage.IsComplete(completeShare)).ToList();
        return complete.Count > 0 ? complete[^1].Period : ordered[^1].Period;
    }
}
