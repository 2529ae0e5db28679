using System.Security.Claims;
using NationalReturns.Domain.Statistics;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Indicators;

/// <summary>Who sees which figures in full, and the words the pages use for the comparisons.</summary>
public static class IndicatorViewer
{
    /// <summary>
    /// The national team sees every figure in full on the pages; an authority's people and API clients see
    /// their own authority's in full; officials, and every download, see small counts as <c>c</c>.
    /// </summary>
    public static IReadOnlySet<string>? FullAccessTo(ClaimsPrincipal user, bool download)
    {
        if (!download && AuthorityAccess.SeesEveryAuthority(user))
        {
            return null;
        }

        return AuthorityAccess.AuthorityOf(user) is { Length: > 0 } own ? new HashSet<string>(StringComparer.Ordinal) { own } : new HashSet<string>();
    }

    public static string Compared(string significance) => Enum.TryParse<Significance>(significance, out var s) ? s switch
    {
        Significance.Similar => "Similar",
        Significance.Better => "Better",
        Significance.Worse => "Worse",
        Significance.Best => "Better (99.8%)",
        Significance.Worst => "Worse (99.8%)",
        Significance.Higher => "Higher",
        Significance.Lower => "Lower",
        _ => "Not compared",
    } : significance;

    public static string Trend(string direction) => direction switch
    {
        nameof(TrendDirection.Increasing) => "Increasing",
        nameof(TrendDirection.Decreasing) => "Decreasing",
        nameof(TrendDirection.NoSignificantChange) => "No significant change",
        _ => "Cannot be calculated",
    };

    public static string Number(double? value) => value is { } v ? v.ToString("N1", English.Culture) : "";

    /// <summary>A line's count as the tables show it: c when withheld, the symbol when there is none, otherwise the (possibly rounded) count.</summary>
    public static string CountText(ShowIndicator.Line line) =>
        line.CountShown == ShowIndicator.CountShown.Withheld ? "c" : line.Numerator is null ? line.Symbol : Count(line.Numerator);

    public static string Count(long? value) => value is { } v ? v.ToString("N0", English.Culture) : "";
}
