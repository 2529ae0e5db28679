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
