using NationalReturns.Domain.Periods;

namespace NationalReturns.Domain.Areas;

/// <summary>
/// Which quarters an authority makes returns for. A split (Cumbria, Northamptonshire) ends one series
/// and starts new ones; a recode or a county becoming a unitary (North Yorkshire, Somerset, Barnsley)
/// is the same children's services authority carrying on, so its series continues under its current code.
/// </summary>
public sealed record AuthorityLifetime(string OnsCode, DateOnly? ReturnsFrom, DateOnly? ReturnsTo)
{
    /// <summary>Recoded or absorbed: its returns are made under its successor's code, for every quarter.</summary>
    public bool CarriedOnUnderNewCode { get; init; }

    public const string Split = "split";

    /// <summary>Only for whole quarters: an authority that began or ended part-way through one made no return for it.</summary>
    public bool ReturnsFor(ReturnPeriod period) =>
        !CarriedOnUnderNewCode && (ReturnsFrom is null || ReturnsFrom <= period.Start) && (ReturnsTo is null || ReturnsTo >= period.End);

    /// <summary>Why not, in words for the person uploading; null when it does return for the quarter.</summary>
    public string? Refusal(string name, ReturnPeriod period) =>
        ReturnsFor(period) ? null
        : CarriedOnUnderNewCode ? $"{name}'s returns are made under its new code."
        : ReturnsFrom is { } from && from > period.Start ? $"{name} began on {from:d MMMM yyyy}, so it makes no return for {period}."
        : $"{name} ended on {ReturnsTo:d MMMM yyyy}, so it makes no return for {period}; its successors do.";

    /// <param name="validFrom">When the authority began under this code (null: before any return).</param>
    /// <param name="validTo">When it ended under this code (null: current).</param>
    /// <param name="predecessorChange">The change that made it, where it replaced another authority.</param>
    /// <param name="ownChange">The change that ended it, where it has ended.</param>
    public static AuthorityLifetime For(string onsCode, DateOnly? validFrom, DateOnly? validTo, string? predecessorChange, string? ownChange)
    {
        if (validTo is not null)
        {
            // An authority that was only recoded or absorbed carries on as its successor.
            return ownChange == Split ? new(onsCode, null, validTo) : new(onsCode, null, validTo) { CarriedOnUnderNewCode = true };
        }

        return predecessorChange is null || predecessorChange == Split ? new(onsCode, validFrom, null) : new(onsCode, null, null);
    }
}
