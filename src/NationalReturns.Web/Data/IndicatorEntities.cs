using NationalReturns.Domain.Indicators;
using NationalReturns.Domain.Statistics;

namespace NationalReturns.Web.Data;

/// <summary>
/// One computed indicator value: indicator × level × area × period, in full (disclosure control is
/// applied when shown). Rebuilt from published returns; never edited.
/// </summary>
public class IndicatorValueRecord
{
    public required string IndicatorId { get; set; }
    public AreaLevel Level { get; set; }
    public required string AreaCode { get; set; }

    /// <summary>The quarter in its URL form, such as 2024-25-Q4.</summary>
    public required string Period { get; set; }

    public DateOnly PeriodStart { get; set; }
    public long? Numerator { get; set; }
    public double? Denominator { get; set; }
    public double? Value { get; set; }
    public double? Lower95 { get; set; }
    public double? Upper95 { get; set; }
    public double? Lower998 { get; set; }
    public double? Upper998 { get; set; }
    public ValueSymbol Symbol { get; set; }
    public int Included { get; set; }
    public int Of { get; set; }
    public Significance ComparedWithEngland { get; set; }
    public Significance ComparedWithRegion { get; set; }
    public double? NeighboursMedian { get; set; }
    public int NeighboursIncluded { get; set; }
    public long? NeighboursNumerator { get; set; }
    public double? NeighboursDenominator { get; set; }
    public double? NeighboursValue { get; set; }
    public double? NeighboursLower95 { get; set; }
    public double? NeighboursUpper95 { get; set; }
    public int? Rank { get; set; }
    public int? RankOf { get; set; }
    public int? Quartile { get; set; }
    public double? ChangeSincePrevious { get; set; }
    public Significance? ChangeSincePreviousSignificance { get; set; }
    public double? ChangeSinceYearEarlier { get; set; }
    public Significance? ChangeSinceYearEarlierSignificance { get; set; }
    public TrendDirection Trend { get; set; }
    public string? TrendReason { get; set; }
    public DateTimeOffset ComputedAt { get; set; }

    /// <summary>Regions and England: the count is shown as c, not rounded, to anyone who may not see every authority in full.</summary>
    public bool CountWithheld { get; set; }

    /// <summary>Regions and England, for a proportion of families: the whole is withheld likewise.</summary>
    public bool DenominatorWithheld { get; set; }
}
