using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Indicators;
using NationalReturns.Domain.SelfAssessments;
using NationalReturns.Domain.Statistics;
using NationalReturns.Web.Data;
using NationalReturns.Web.Features.SelfAssessments;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Indicators;
using NationalReturns.Web.Tests.Infrastructure;
using static NationalReturns.Web.Tests.SelfAssessments.AssessmentForms;

namespace NationalReturns.Web.Tests.SelfAssessments;

/// <summary>
/// The national views over the demo's three years of assessments, seeded through the real handlers: the
/// figures on the pages are checked against the domain's scoring worked out here from the stored ratings.
/// </summary>
[Collection(DemoQuarters.Name)]
public class SelfAssessmentScoresTests(DemoCollectionApp app)
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    [Fact]
    public async Task DemoSeed_EveryCurrentAuthority_HasThreeSignedOffYearsOfBothFrameworks()
    {
        var current = CurrentYear(app);
        var authorities = await app.WithDbAsync(db => db.LocalAuthorities.CountAsync(a => a.ValidTo == null));
        var signedOff = await app.WithDbAsync(db => db.SelfAssessments
            .Where(a => a.Status == AssessmentStatus.SignedOff && a.Year >= current.StartYear - 3 && a.Year < current.StartYear)
            .GroupBy(a => new { a.AuthorityCode, a.FrameworkCode }).Select(g => g.Count()).ToListAsync());
        var adjusted = await app.WithDbAsync(db => db.SelfAssessmentRatings.CountAsync(r => r.ModeratedLevel != null && r.ModeratedLevel != r.Level && r.ModerationReason != null));
        var moderated = await app.WithDbAsync(db => db.SelfAssessments.CountAsync(a => a.ModeratedAt != null));

        Assert.Equal(153, authorities);
        Assert.Equal(authorities * 2, signedOff.Count);
        Assert.All(signedOff, n => Assert.Equal(3, n));
        Assert.InRange(moderated, 100, 500);
        Assert.True(adjusted > 0, "Some moderation should move a level, with a reason.");
    }

    [Fact]
    public async Task ScoresPage_EveryAuthority_ShowsTheIndexAndStageTheDomainWorksOut()
    {
        var national = await app.SignedInAsync(Roles.NationalTeam);
        var year = CurrentYear(app).Previous;
        var expected = await AgreedScoresAsync(Framework.DataMaturity, year);

        var page = await Pages.GetAsync(national, $"/self-assessments/scores?framework=dmm&year={year.Label}");
        var rows = page.QuerySelectorAll("[data-table=scores] tr[data-authority]").ToDictionary(
            r => r.GetAttribute("data-authority")!, r => (Index: r.QuerySelector("[data-index]")!.Text(), Stage: r.QuerySelector("[data-stage]")!.Text()));

        Assert.Equal(expected.Count, rows.Count);
        foreach (var (code, (framework, score)) in expected)
        {
            Assert.Equal(score.Index.ToString("0.0", English), rows[code].Index);
            Assert.Equal(framework.LevelName(score.Stage), rows[code].Stage);
        }

        var counts = page.Texts("[data-table=distribution] tr[data-area=stage] td").Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList();
        var first = expected.Values.First().Framework;
        Assert.Equal(Enumerable.Range(1, first.Top).Select(l => expected.Values.Count(s => s.Score.Stage == l)), counts);
        Assert.Contains(MaturityScoring.IndexFormula, page.QuerySelector("[data-formula]")!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadinessPage_Ready_AreExactlyTheAuthoritiesMeetingTheRule()
    {
        var official = await app.SignedInAsync(Roles.Official);
        var year = CurrentYear(app).Previous;
        var earlyHelp = await AgreedScoresAsync(Framework.EarlyHelp, year);
        var dataMaturity = await AgreedScoresAsync(Framework.DataMaturity, year);
        var (ehFramework, dmFramework) = (earlyHelp.Values.First().Framework, dataMaturity.Values.First().Framework);
        var rule = ReadinessRule.From(ehFramework, "Maturing", dmFramework, "Developing");
        var expected = earlyHelp.Keys.Where(c => rule.Evaluate(ehFramework, earlyHelp[c].Score, dmFramework, dataMaturity.GetValueOrDefault(c).Score).Ready).Order().ToList();

        var page = await Pages.GetAsync(official, $"/self-assessments/readiness?year={year.Label}");
        var shown = page.QuerySelectorAll("[data-table=ready] tr[data-authority]").Select(r => r.GetAttribute("data-authority")!).Order().ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, shown);
        Assert.Equal("every Early Help System Guide area at Maturing or above, and the Data Maturity Model stage at Developing or above", page.QuerySelector("[data-rule]")!.Text());
    }

    [Fact]
    public async Task OutcomesPage_Correlation_IsSpearmansRhoOfTheIndexAgainstThePublishedFigure()
    {
        var national = await app.SignedInAsync(Roles.NationalTeam);
        var year = CurrentYear(app).Previous.Previous;
        var scores = await AgreedScoresAsync(Framework.EarlyHelp, year);
        var period = new Domain.Periods.ReturnPeriod(year.StartYear, 4).UrlSegment;
        var values = await app.WithDbAsync(db => db.IndicatorValues
            .Where(v => v.IndicatorId == "CARE-START" && v.Level == AreaLevel.Authority && v.Period == period && v.Value != null)
            .Select(v => new { v.AreaCode, v.Value, v.Numerator }).ToListAsync());
        var points = values.Where(v => scores.ContainsKey(v.AreaCode) && !Disclosure.IsSmall(v.Numerator, IndicatorCalculator.DefaultDisclosureLimit))
            .Select(v => (X: Math.Round(scores[v.AreaCode].Score.Index, 1), Y: IndicatorCalculator.Shown(v.Value)!.Value)).ToList();
        var expected = RankCorrelation.Spearman(points.Select(p => p.X).ToList(), points.Select(p => p.Y).ToList())!;

        var page = await Pages.GetAsync(national, $"/self-assessments/outcomes?framework=ehsg&year={year.Label}&indicator=CARE-START&highlight={Blackpool}");

        Assert.Equal(points.Count.ToString(CultureInfo.InvariantCulture), page.QuerySelector("[data-correlation] [data-n]")!.Text());
        Assert.Equal(expected.Rho.ToString("0.000", English), page.QuerySelector("[data-correlation] [data-rho]")!.Text());
        Assert.Equal(expected.PValue < 0.001 ? "< 0.001" : expected.PValue.ToString("0.000", English), page.QuerySelector("[data-correlation] [data-p]")!.Text());
        Assert.Contains("Correlation is not causation", page.QuerySelector("[data-reading]")!.Text(), StringComparison.Ordinal);
        Assert.Equal("chosen", page.QuerySelector($"[data-table=points] tr[data-authority={Blackpool}]")!.GetAttribute("data-group"));
        Assert.NotEmpty(page.QuerySelectorAll("[data-table=points] tr[data-group=neighbour]"));
    }

    [Fact]
    public async Task ProgressPage_AnAuthority_ShowsEachYearItsNeighbourPositionAndIndicators()
    {
        var preparer = await app.SignedInAsync(Roles.Preparer, Blackpool);
        var years = await app.WithDbAsync(db => db.SelfAssessments.Where(a => a.AuthorityCode == Blackpool && a.FrameworkCode == Framework.EarlyHelp && a.Status == AssessmentStatus.SignedOff).CountAsync());

        var page = await Pages.GetAsync(preparer, $"/self-assessments/authorities/{Blackpool}");

        Assert.Equal(years, page.QuerySelectorAll("[data-table=years-ehsg] [data-year]").Length);
        Assert.Matches(@"^\d+(st|nd|rd|th) of \d+", page.QuerySelector("[data-framework=ehsg] [data-neighbour-rank]")!.Text());
        Assert.NotNull(page.QuerySelector("[data-table=indicator-years] tr[data-indicator=CARE-START]"));
        var readiness = page.QuerySelector("[data-readiness]")!.GetAttribute("data-readiness");
        Assert.True(readiness is "ready" or "not-ready", $"data-readiness is \"{readiness}\"");
    }

    [Fact]
    public async Task ScoresPage_AnAuthorityPreparer_IsForbiddenButSeesItsOwnProgress()
    {
        var preparer = await app.SignedInAsync(Roles.Preparer, Blackpool);

        using var scores = await preparer.GetAsync("/self-assessments/scores");
        using var other = await preparer.GetAsync($"/self-assessments/authorities/{Kent}");
        using var own = await preparer.GetAsync($"/self-assessments/authorities/{Blackpool}");

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, scores.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, own.StatusCode);
    }

    /// <summary>Each signed-off assessment's agreed score, worked out here from the stored ratings with the domain's scoring.</summary>
    private async Task<Dictionary<string, (Framework Framework, MaturityScore Score)>> AgreedScoresAsync(string frameworkCode, AssessmentYear year)
    {
        var records = await app.WithDbAsync(db => db.SelfAssessments.Include(a => a.Ratings).Include(a => a.FrameworkVersion)
            .Where(a => a.FrameworkCode == frameworkCode && a.Year == year.StartYear && a.Status == AssessmentStatus.SignedOff).ToListAsync());
        return records.ToDictionary(r => r.AuthorityCode, r =>
        {
            var framework = AssessmentFrameworks.Parse(r.FrameworkVersion);
            return (framework, MaturityScoring.Score(framework, r.Ratings.ToDictionary(x => x.DescriptorCode, x => x.ModeratedLevel ?? x.Level!.Value))!);
        });
    }
}
