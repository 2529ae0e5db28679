using NationalReturns.Domain.Periods;

namespace NationalReturns.Domain.Workflow;

/// <summary>When a quarter's returns may be made and when they are due.</summary>
public sealed record CollectionWindow(ReturnPeriod Period, DateOnly Opens, DateOnly Due)
{
    /// <summary>By default a quarter opens the day after it ends and is due six weeks after it ends.</summary>
    public const int DefaultWeeksToDue = 6;

    public static CollectionWindow Default(ReturnPeriod period) =>
        new(period, period.End.AddDays(1), period.End.AddDays(DefaultWeeksToDue * 7));

    public bool IsOpen(DateOnly today) => today >= Opens;

    /// <summary>
    /// Null when returns and templates for this quarter can be had today; otherwise why not, naming the
    /// quarter that is open now (<paramref name="latestOpen"/>, with its due date).
    /// </summary>
    public string? Refusal(DateOnly today, CollectionWindow latestOpen)
    {
        ArgumentNullException.ThrowIfNull(latestOpen);
        if (IsOpen(today))
        {
            return null;
        }

        var why = Period.End >= today
            ? $"{Period} has not ended yet (it ends on {Period.End.ToString("d MMMM yyyy", Culture)})"
            : $"{Period} opens for returns on {Opens.ToString("d MMMM yyyy", Culture)}";
        return $"{why}, so there is no return to make for it yet. {OpenNow(latestOpen)}";
    }

    /// <summary>The message for a period that is no quarter at all, such as 2030-31 or 2099-00-Q5.</summary>
    public static string NotAQuarter(string? text, CollectionWindow latestOpen)
    {
        ArgumentNullException.ThrowIfNull(latestOpen);
        var shown = string.IsNullOrWhiteSpace(text) ? "That" : $"'{(text.Length > 20 ? text[..20] + "…" : text)}'";
        return $"{shown} is not a quarter. Quarters are written like {latestOpen.Period.UrlSegment}. {OpenNow(latestOpen)}";
    }

    /// <summary>"Returns are open now for …": the latest open quarter and its due date, and that earlier ones stay open.</summary>
    public static string OpenNow(CollectionWindow latestOpen)
    {
        ArgumentNullException.ThrowIfNull(latestOpen);
        return $"Returns are open now for {latestOpen.Period} (due {latestOpen.Due.ToString("d MMMM yyyy", Culture)}) and earlier quarters.";
    }

    private static readonly System.Globalization.CultureInfo Culture = System.Globalization.CultureInfo.GetCultureInfo("en-GB");

    /// <summary>Days until the due date: negative once overdue.</summary>
    public int DaysToDue(DateOnly today) => Due.DayNumber - today.DayNumber;

    /// <summary>Whether the return still needs the authority: nothing is overdue once it has been submitted.</summary>
    public static bool AwaitsAuthority(ReturnStatus status) => status is ReturnStatus.NotStarted or ReturnStatus.Draft or ReturnStatus.Queried;

    public string Describe(DateOnly today, ReturnStatus status)
    {
        if (!AwaitsAuthority(status))
        {
            return "";
        }

        var days = DaysToDue(today);
        return days switch
        {
            > 1 => $"due in {days} days",
            1 => "due tomorrow",
            0 => "due today",
            -1 => "1 day overdue",
            _ => $"{-days} days overdue",
        };
    }
}
