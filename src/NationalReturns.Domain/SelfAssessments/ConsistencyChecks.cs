namespace NationalReturns.Domain.SelfAssessments;

public static class FlagKinds
{
    public const string AcrossFrameworks = "across-frameworks";
    public const string Jump = "jump";
    public const string ShortEvidence = "short-evidence";
}

/// <summary>Something in a self-assessment the national team should look at when it moderates.</summary>
public sealed record AssessmentFlag(string Kind, string? DescriptorCode, string Message);

/// <summary>
/// Checks that raise flags for moderation, not errors: a self-rating may be right and still look odd.
/// The two frameworks should tell a similar story about data; a descriptor rarely moves two levels in a
/// year; a level needs evidence of at least a sentence.
/// </summary>
public static class ConsistencyChecks
{
    public const int MinimumEvidenceWords = 6;
    public const int JumpLevels = 2;

    /// <summary>The Early Help System Guide area and the Data Maturity Model dimensions that describe the same thing.</summary>
    public static readonly IReadOnlyList<(string EarlyHelpArea, string DataDimension)> SameGround =
    [
        ("data", "sharing"),
        ("data", "quality"),
        ("data", "systems"),
    ];

    public static IReadOnlyList<AssessmentFlag> Within(Framework framework, IReadOnlyCollection<RatingAnswer> answers,
        IReadOnlyDictionary<string, int>? lastYearAgreed, AssessmentYear? lastYear)
    {
        var flags = new List<AssessmentFlag>();
        foreach (var answer in answers)
        {
            if (answer.Level is { } level && lastYearAgreed is not null && lastYearAgreed.TryGetValue(answer.DescriptorCode, out var before)
                && Math.Abs(level - before) >= JumpLevels)
            {
                flags.Add(new AssessmentFlag(FlagKinds.Jump, answer.DescriptorCode,
                    $"{answer.DescriptorCode} has moved from {framework.LevelName(before)} in {lastYear?.Label ?? "last year"} to {framework.LevelName(level)}: {Math.Abs(level - before)} levels in a year."));
            }

            if (answer.Level is not null && !string.IsNullOrWhiteSpace(answer.Evidence) && Words(answer.Evidence) < MinimumEvidenceWords)
            {
                flags.Add(new AssessmentFlag(FlagKinds.ShortEvidence, answer.DescriptorCode,
                    $"{answer.DescriptorCode}: the evidence is shorter than a sentence ({Words(answer.Evidence)} words)."));
            }
        }

        return flags;
    }

    /// <summary>Flags where one framework puts data at the top of its scale and the other at the bottom.</summary>
    public static IReadOnlyList<AssessmentFlag> Across(Framework earlyHelp, MaturityScore? earlyHelpScore, Framework dataMaturity, MaturityScore? dataScore)
    {
        if (earlyHelpScore is null || dataScore is null)
        {
            return [];
        }

        var flags = new List<AssessmentFlag>();
        foreach (var (areaCode, dimensionCode) in SameGround)
        {
            if (earlyHelpScore.Area(areaCode) is not { } area || dataScore.Area(dimensionCode) is not { } dimension)
            {
                continue;
            }

            var areaAtTop = area.Level == earlyHelp.Top;
            var areaAtBottom = area.Level == 1;
            var dimensionAtTop = dimension.Level == dataMaturity.Top;
            var dimensionAtBottom = dimension.Level == 1;
            if ((areaAtTop && dimensionAtBottom) || (areaAtBottom && dimensionAtTop))
            {
                flags.Add(new AssessmentFlag(FlagKinds.AcrossFrameworks, null,
                    $"{earlyHelp.ShortName} \"{area.Name}\" is rated {earlyHelp.LevelName(area.Level)} while the {dataMaturity.ShortName}'s \"{dimension.Name}\" is at {dataMaturity.LevelName(dimension.Level)}."));
            }
        }

        return flags;
    }

    public static int Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}

/// <summary>Whether an area meets the rule for earned autonomy, and if not, what stands in the way.</summary>
public sealed record Readiness(bool Ready, IReadOnlyList<string> Gaps);

/// <summary>
/// The rule for earned autonomy (all funding up front instead of payment by results), set in
/// configuration: every Early Help System Guide area at or above one level, and the Data Maturity
/// Model stage at or above another. Judged on agreed (moderated where moderated) ratings.
/// </summary>
public sealed record ReadinessRule(int EarlyHelpAreaLevel, int DataMaturityStage)
{
    public static ReadinessRule From(Framework earlyHelp, string earlyHelpAreaLevel, Framework dataMaturity, string dataMaturityStage) =>
        new(earlyHelp.LevelFrom(earlyHelpAreaLevel) ?? throw new ArgumentException($"\"{earlyHelpAreaLevel}\" is not a level of the {earlyHelp.ShortName}: use {earlyHelp.LevelList}.", nameof(earlyHelpAreaLevel)),
            dataMaturity.LevelFrom(dataMaturityStage) ?? throw new ArgumentException($"\"{dataMaturityStage}\" is not a level of the {dataMaturity.ShortName}: use {dataMaturity.LevelList}.", nameof(dataMaturityStage)));

    public string Describe(Framework earlyHelp, Framework dataMaturity) =>
        $"every {earlyHelp.ShortName} {earlyHelp.PartName} at {earlyHelp.LevelName(EarlyHelpAreaLevel)} or above, and the {dataMaturity.ShortName} stage at {dataMaturity.LevelName(DataMaturityStage)} or above";

    public Readiness Evaluate(Framework earlyHelp, MaturityScore? earlyHelpScore, Framework dataMaturity, MaturityScore? dataScore)
    {
        var gaps = new List<string>();
        if (earlyHelpScore is null)
        {
            gaps.Add($"No signed-off {earlyHelp.ShortName} assessment.");
        }
        else
        {
            gaps.AddRange(earlyHelpScore.Areas.Where(a => a.Level < EarlyHelpAreaLevel)
                .Select(a => $"{a.Name} is {earlyHelp.LevelName(a.Level)}, below {earlyHelp.LevelName(EarlyHelpAreaLevel)}."));
        }

        if (dataScore is null)
        {
            gaps.Add($"No signed-off {dataMaturity.ShortName} assessment.");
        }
        else if (dataScore.Stage < DataMaturityStage)
        {
            gaps.Add($"{dataMaturity.ShortName} stage is {dataMaturity.LevelName(dataScore.Stage)}, below {dataMaturity.LevelName(DataMaturityStage)}.");
        }

        return new Readiness(gaps.Count == 0, gaps);
    }
}
