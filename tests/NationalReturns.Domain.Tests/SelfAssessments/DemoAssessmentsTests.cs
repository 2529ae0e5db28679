using System.Globalization;
using NationalReturns.Domain.SelfAssessments;

namespace NationalReturns.Domain.Tests.SelfAssessments;

public class DemoAssessmentsTests
{
    private const string Blackpool = "E06000009";
    private static readonly AssessmentYear FirstYear = new(2023);
    private static readonly AssessmentYear Year = new(2025);

    public static TheoryData<string> FrameworkCodes => [Framework.EarlyHelp, Framework.DataMaturity];

    private static Framework ByCode(string code) => code == Framework.EarlyHelp ? TestFrameworks.Ehsg : TestFrameworks.Dmm;

    /// <summary>About as many codes as there are authorities: E06000000 … E060000149.</summary>
    private static IEnumerable<string> DemoCodes() =>
        Enumerable.Range(0, 150).Select(i => "E0600000" + i.ToString(CultureInfo.InvariantCulture));

    [Theory]
    [MemberData(nameof(FrameworkCodes))]
    public void Generate_SameInputs_GivesEqualAnswersAndModeration(string frameworkCode)
    {
        var framework = ByCode(frameworkCode);

        var first = DemoAssessments.Generate(framework, Blackpool, Year, FirstYear);
        var second = DemoAssessments.Generate(framework, Blackpool, Year, FirstYear);

        Assert.Equal(first.Answers, second.Answers);
        Assert.Equal(first.Moderation is null, second.Moderation is null);
        if (first.Moderation is not null)
        {
            Assert.Equal(first.Moderation, second.Moderation!);
        }
    }

    [Fact]
    public void Generate_OtherAuthorityOrYear_GivesOtherAnswers()
    {
        var blackpool = DemoAssessments.Generate(TestFrameworks.Ehsg, Blackpool, Year, FirstYear);
        var other = DemoAssessments.Generate(TestFrameworks.Ehsg, "E10000016", Year, FirstYear);
        var lastYear = DemoAssessments.Generate(TestFrameworks.Ehsg, Blackpool, Year.Previous, FirstYear);

        Assert.NotEqual(blackpool.Answers, other.Answers);
        Assert.NotEqual(blackpool.Answers, lastYear.Answers);
    }

    [Theory]
    [MemberData(nameof(FrameworkCodes))]
    public void Generate_AnyAuthority_AnswersEveryDescriptorInFrameworkOrder(string frameworkCode)
    {
        var framework = ByCode(frameworkCode);

        var demo = DemoAssessments.Generate(framework, Blackpool, Year, FirstYear);

        Assert.Equal(framework.Descriptors.Select(d => d.Code), demo.Answers.Select(a => a.DescriptorCode));
    }

    [Theory]
    [MemberData(nameof(FrameworkCodes))]
    public void Generate_ManyAuthorities_LevelsInRangeAndAnswersComplete(string frameworkCode)
    {
        var framework = ByCode(frameworkCode);

        foreach (var code in DemoCodes())
        {
            var demo = DemoAssessments.Generate(framework, code, Year, FirstYear);

            Assert.All(demo.Answers, a =>
            {
                Assert.InRange(a.Level!.Value, 1, framework.Top);
                Assert.InRange(a.TargetLevel!.Value, a.Level.Value, framework.Top);
            });
            Assert.Empty(AnswerRules.CheckComplete(framework, demo.Answers.ToList()));
        }
    }

    [Theory]
    [MemberData(nameof(FrameworkCodes))]
    public void Generate_ManyAuthorities_SomeModeratedAndSomeNot(string frameworkCode)
    {
        var framework = ByCode(frameworkCode);

        var demos = DemoCodes().Select(code => DemoAssessments.Generate(framework, code, Year, FirstYear)).ToList();

        Assert.Contains(demos, d => d.Moderation is not null);
        Assert.Contains(demos, d => d.Moderation is null);
    }

    [Theory]
    [MemberData(nameof(FrameworkCodes))]
    public void Generate_ModeratedAssessments_PassTheModerationRulesAndSomeAdjust(string frameworkCode)
    {
        var framework = ByCode(frameworkCode);
        var adjusted = 0;

        foreach (var demo in DemoCodes().Select(code => DemoAssessments.Generate(framework, code, Year, FirstYear)).Where(d => d.Moderation is not null))
        {
            var self = demo.Answers.ToDictionary(a => a.DescriptorCode, a => a.Level!.Value);

            Assert.Equal(demo.Answers.Select(a => a.DescriptorCode), demo.Moderation!.Select(m => m.DescriptorCode));
            Assert.Empty(AnswerRules.CheckModeration(framework, self, demo.Moderation!));
            adjusted += demo.Moderation!.Count(m => m.Level != self[m.DescriptorCode]);
        }

        Assert.True(adjusted > 0, "No demo moderation moved any level.");
    }

    [Fact]
    public void Generate_ManyAuthoritiesAfterTheFirstYear_SomeTripTheAcrossFrameworksCheck()
    {
        var flagged = DemoCodes().Count(code =>
        {
            var earlyHelp = DemoAssessments.Generate(TestFrameworks.Ehsg, code, Year, FirstYear);
            var data = DemoAssessments.Generate(TestFrameworks.Dmm, code, Year, FirstYear);
            var earlyHelpScore = MaturityScoring.Score(TestFrameworks.Ehsg, earlyHelp.Answers.ToDictionary(a => a.DescriptorCode, a => a.Level!.Value));
            var dataScore = MaturityScoring.Score(TestFrameworks.Dmm, data.Answers.ToDictionary(a => a.DescriptorCode, a => a.Level!.Value));
            return ConsistencyChecks.Across(TestFrameworks.Ehsg, earlyHelpScore, TestFrameworks.Dmm, dataScore).Count > 0;
        });

        Assert.InRange(flagged, 1, 30);
    }
}
