namespace NationalReturns.Domain.SelfAssessments;

/// <summary>Where an assessment is in its year: the preparer completes it, the approver signs it off.</summary>
public enum AssessmentStatus
{
    NotStarted,
    Draft,
    Submitted,
    SignedOff,
}

/// <summary>A preparer's answer for one descriptor; anything may be blank while it is a draft.</summary>
public sealed record RatingAnswer(string DescriptorCode, int? Level, string? Evidence, int? TargetLevel, string? PlannedActions);

/// <summary>The national team's view of one descriptor: agreed (the same level) or adjusted, with a reason.</summary>
public sealed record ModerationAnswer(string DescriptorCode, int? Level, string? Reason);

/// <summary>A mistake in an answer, tied to the field the form shows it against.</summary>
public sealed record AnswerError(string DescriptorCode, string Field, string Message);

/// <summary>
/// What an answer must be. A draft may be incomplete but never wrong (a level off the scale, a target
/// below today's level, text too long); submitting needs every descriptor answered in full.
/// </summary>
public static class AnswerRules
{
    public const int MaxText = 2_000;
    private const string MaxLength = "2,000";
    private static readonly System.Globalization.CultureInfo English = System.Globalization.CultureInfo.GetCultureInfo("en-GB");

    public static class Fields
    {
        public const string Level = "level";
        public const string Evidence = "evidence";
        public const string Target = "target";
        public const string Actions = "actions";
        public const string Reason = "reason";
    }

    public static IReadOnlyList<AnswerError> Check(Framework framework, IEnumerable<RatingAnswer> answers, bool complete)
    {
        var errors = new List<AnswerError>();
        foreach (var answer in answers)
        {
            if (framework.Descriptor(answer.DescriptorCode) is not { } descriptor)
            {
                errors.Add(new AnswerError(answer.DescriptorCode, Fields.Level, $"{answer.DescriptorCode} is not a descriptor in the {framework.ShortName}."));
                continue;
            }

            var code = descriptor.Code;
            if (answer.Level is { } level && (level < 1 || level > framework.Top))
            {
                errors.Add(new AnswerError(code, Fields.Level, $"{code}: choose one of {framework.LevelList}."));
            }
            else if (answer.Level is null && complete)
            {
                errors.Add(new AnswerError(code, Fields.Level, $"{code}: select the level your partnership is at now."));
            }

            if (answer.Evidence is { Length: > MaxText })
            {
                errors.Add(new AnswerError(code, Fields.Evidence, $"{code}: evidence must be {MaxLength} characters or fewer (it is {answer.Evidence.Length.ToString("N0", English)})."));
            }
            else if (string.IsNullOrWhiteSpace(answer.Evidence) && complete)
            {
                errors.Add(new AnswerError(code, Fields.Evidence, $"{code}: enter the evidence for the level you have chosen."));
            }

            if (answer.TargetLevel is { } target && (target < 1 || target > framework.Top))
            {
                errors.Add(new AnswerError(code, Fields.Target, $"{code}: choose a target level of {framework.LevelList}."));
            }
            else if (answer.TargetLevel is { } t && answer.Level is { } l && l >= 1 && l <= framework.Top && t < l)
            {
                errors.Add(new AnswerError(code, Fields.Target, $"{code}: the target for next year ({framework.LevelName(t)}) cannot be below the level now ({framework.LevelName(l)})."));
            }
            else if (answer.TargetLevel is null && complete)
            {
                errors.Add(new AnswerError(code, Fields.Target, $"{code}: select a target level for next year."));
            }

            if (answer.PlannedActions is { Length: > MaxText })
            {
                errors.Add(new AnswerError(code, Fields.Actions, $"{code}: planned actions must be {MaxLength} characters or fewer (they are {answer.PlannedActions.Length.ToString("N0", English)})."));
            }
            else if (complete && string.IsNullOrWhiteSpace(answer.PlannedActions) && answer.TargetLevel <= framework.Top && answer.TargetLevel > answer.Level)
            {
                errors.Add(new AnswerError(code, Fields.Actions, $"{code}: enter the actions planned to reach {framework.LevelName(answer.TargetLevel.Value)}."));
            }
        }

        return errors;
    }

    /// <summary>Every descriptor must be answered before the assessment can be submitted.</summary>
    public static IReadOnlyList<AnswerError> CheckComplete(Framework framework, IReadOnlyCollection<RatingAnswer> answers)
    {
        var given = answers.Select(a => a.DescriptorCode).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var errors = new List<AnswerError>();
        foreach (var descriptor in framework.Descriptors.Where(d => !given.Contains(d.Code)))
        {
            errors.Add(new AnswerError(descriptor.Code, Fields.Level, $"{descriptor.Code}: select the level your partnership is at now."));
        }

        errors.AddRange(Check(framework, answers, complete: true));
        return errors;
    }

    public static IReadOnlyList<AnswerError> CheckModeration(Framework framework, IReadOnlyDictionary<string, int> selfLevels, IEnumerable<ModerationAnswer> answers)
    {
        var errors = new List<AnswerError>();
        foreach (var answer in answers)
        {
            if (!selfLevels.TryGetValue(answer.DescriptorCode, out var self))
            {
                errors.Add(new AnswerError(answer.DescriptorCode, Fields.Level, $"{answer.DescriptorCode} is not a descriptor this assessment rated."));
                continue;
            }

            if (answer.Level is not { } level || level < 1 || level > framework.Top)
            {
                errors.Add(new AnswerError(answer.DescriptorCode, Fields.Level, $"{answer.DescriptorCode}: choose the moderated level, {framework.LevelList}."));
            }
            else if (level != self && string.IsNullOrWhiteSpace(answer.Reason))
            {
                errors.Add(new AnswerError(answer.DescriptorCode, Fields.Reason,
                    $"{answer.DescriptorCode}: give the reason for moving it from {framework.LevelName(self)} to {framework.LevelName(level)}."));
            }
            else if (answer.Reason is { Length: > MaxText })
            {
                errors.Add(new AnswerError(answer.DescriptorCode, Fields.Reason, $"{answer.DescriptorCode}: the reason must be {MaxLength} characters or fewer."));
            }
        }

        return errors;
    }
}
