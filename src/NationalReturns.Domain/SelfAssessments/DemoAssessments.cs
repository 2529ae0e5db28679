using NationalReturns.Domain.Returns.Demo;

namespace NationalReturns.Domain.SelfAssessments;

/// <summary>A demo assessment: the preparer's answers and, when the national team moderated it, its view.</summary>
public sealed record DemoAssessment(IReadOnlyList<RatingAnswer> Answers, IReadOnlyList<ModerationAnswer>? Moderation);

/// <summary>
/// Reproducible demo self-assessments. Each authority has a maturity of its own that grows a little each
/// year; its data story is shared by both frameworks, as it would be. A few assessments are made to
/// trip the consistency checks (a two-level jump, thin evidence, data rated differently by the two
/// frameworks) so moderation has something to find; about a third are moderated, mostly agreeing.
/// </summary>
public static class DemoAssessments
{
    private static readonly string[] Openings =
    [
        "Our partnership review in the spring found that",
        "Audit of forty case files this year showed that",
        "Feedback from families and practitioners tells us that",
        "The early help board's annual report records that",
        "Our quality assurance framework shows that",
    ];

    private static readonly string[] Findings =
    [
        "this is in place across most services but not yet consistent in health and schools.",
        "practice has improved since last year, with clear examples in the family hubs.",
        "it works well in the north of the county and is being rolled out elsewhere.",
        "partners agree it matters, and a plan with named leads is now agreed.",
        "it is embedded and reviewed each quarter by the strategic partnership.",
    ];

    private static readonly string[] Actions =
    [
        "Extend the approach to schools and health visiting, led by the early help partnership manager.",
        "Agree a shared action plan with police and health partners and review it at each board meeting.",
        "Train a further cohort of practitioners and check the effect through case audit.",
        "Commission the data team to build the measures and report them to the board quarterly.",
    ];

    public static DemoAssessment Generate(Framework framework, string onsCode, AssessmentYear year, AssessmentYear firstYear)
    {
        var random = new Random(DemoSeed.Of(onsCode + framework.Code, year.StartYear));
        var authority = new Random(DemoSeed.Of(onsCode, 1));
        // Shared by both frameworks, so an authority's data story is much the same in each.
        var base01 = authority.NextDouble();
        var dataTilt = (authority.NextDouble() - 0.5) * 0.4;
        // Most areas move a little each year; a few a lot. Tuned so about a quarter meet the default readiness rule after three years.
        var growth = 0.04 + (authority.NextDouble() * 0.1);
        var odd = authority.Next(100) < 4;
        var years = year.StartYear - firstYear.StartYear;
        var position = Math.Clamp(0.05 + (base01 * 0.6) + (growth * years), 0, 1);

        var answers = new List<RatingAnswer>();
        foreach (var area in framework.Areas)
        {
            var isData = area.Code is "data" or "sharing" or "quality" or "systems";
            var areaPosition = Math.Clamp(position + (isData ? dataTilt : 0) + ((random.NextDouble() - 0.5) * 0.15), 0, 1);
            foreach (var descriptor in area.Descriptors)
            {
                var level = (int)Math.Round(1 + (areaPosition * (framework.Top - 1)) + ((random.NextDouble() - 0.5) * 1.2));
                if (odd && year.StartYear > firstYear.StartYear)
                {
                    // A few authorities rate their data very differently in the two frameworks.
                    level = framework.Code == Framework.EarlyHelp && area.Code == "data" ? framework.Top
                        : framework.Code == Framework.DataMaturity && isData ? 1 : level;
                }

                level = Math.Clamp(level, 1, framework.Top);
                var target = Math.Min(framework.Top, level + (random.Next(3) == 0 ? 0 : 1));
                var evidence = random.Next(60) == 0
                    ? "See attached."
                    : $"{Openings[random.Next(Openings.Length)]} {descriptor.Text.TrimEnd('.').ToLowerInvariant()}: {Findings[Math.Min(Findings.Length - 1, level - 1 + random.Next(2))]}";
                answers.Add(new RatingAnswer(descriptor.Code, level, evidence, target, target > level ? Actions[random.Next(Actions.Length)] : null));
            }
        }

        List<ModerationAnswer>? moderation = null;
        if (random.Next(3) == 0)
        {
            moderation = answers.Select(a => random.Next(8) == 0 && a.Level > 1
                ? new ModerationAnswer(a.DescriptorCode, a.Level - 1, "The evidence describes plans rather than practice in place; agreed at the moderation meeting.")
                : new ModerationAnswer(a.DescriptorCode, a.Level, null)).ToList();
        }

        return new DemoAssessment(answers, moderation);
    }
}
