namespace NationalReturns.Domain.Areas;

/// <summary>
/// ONS revises mid-year estimates after each census and rebasing. DfE divides by the latest revised
/// series; the older bands (10–17, 16–17) exist only as first published. Keeping both lets every
/// indicator name exactly which series it used.
/// </summary>
public enum PopulationSeries
{
    /// <summary>Each mid-year as ONS first published it.</summary>
    AsPublished,

    /// <summary>The latest revised series, as DfE uses for children-looked-after rates (0–17 only).</summary>
    Revised,
}
