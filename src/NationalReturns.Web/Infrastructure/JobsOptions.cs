using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace NationalReturns.Web.Infrastructure;

/// <summary>The scheduler on this instance: whether it runs, its name in the cluster, how often it checks in, and each job's schedule (Europe/London).</summary>
public sealed class JobsOptions : IValidatableObject
{
    public const string Section = "Jobs";

    public bool Enabled { get; set; } = true;

    /// <summary>This instance's name among the cluster's schedulers; unset, Quartz makes one.</summary>
    public string? InstanceId { get; set; }

    /// <summary>How often the instance tells the cluster it is alive; another takes over its jobs after a few missed.</summary>
    public int CheckinSeconds { get; set; } = 15;

    public string RemindersCron { get; set; } = "0 0 7 * * ?";

    public string DigestCron { get; set; } = "0 0 8 * * ?";

    public string OutboxCron { get; set; } = "0 * * * * ?";

    public string RebuildIndicatorsCron { get; set; } = "0 0 2 * * ?";

    public string BuildPacksCron { get; set; } = "0 */10 * * * ?";

    /// <summary>Every schedule by its setting's name (the names <see cref="ScheduledJob.Table"/> uses).</summary>
    public IReadOnlyDictionary<string, string> Schedules => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [nameof(RemindersCron)] = RemindersCron,
        [nameof(DigestCron)] = DigestCron,
        [nameof(OutboxCron)] = OutboxCron,
        [nameof(RebuildIndicatorsCron)] = RebuildIndicatorsCron,
        [nameof(BuildPacksCron)] = BuildPacksCron,
    };

    /// <summary>Bound here because whether Quartz is registered at all, and how, is decided before the container exists.</summary>
    public static JobsOptions From(IConfiguration configuration) => configuration.GetSection(Section).Get<JobsOptions>() ?? new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (CheckinSeconds is < 1 or > 3600)
        {
            yield return new(string.Create(CultureInfo.InvariantCulture, $"Jobs:CheckinSeconds must be from 1 to 3600 (it is {CheckinSeconds}); leave it unset for 15."), [nameof(CheckinSeconds)]);
        }

        foreach (var (setting, cron) in Schedules)
        {
            if (!IsCron(cron))
            {
                yield return new($"Jobs:{setting} must be a Quartz cron expression with seconds, such as \"0 0 7 * * ?\" (it is \"{cron}\").", [setting]);
            }
        }
    }

    private static bool IsCron(string cron)
    {
        try
        {
            _ = new Quartz.CronExpression(cron);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
