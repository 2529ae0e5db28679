using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Indicators;
using NationalReturns.Domain.SelfAssessments;
using NationalReturns.Domain.Statistics;
using NationalReturns.Web.Data;
using NationalReturns.Web.Features.SelfAssessments;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Indicators;
using static NationalReturns.Web.Tests.SelfAssessments.AssessmentForms;

namespace NationalReturns.Web.Tests.SelfAssessments;

/// <summary>
/// The national views over the demo's three years of assessments, seeded through the real handlers: the
/// figures on the pages are checked against the domain's scoring worked out here from the stored ratings.
/// </summary>
[Collection(DemoQuarters.Name)]
public partial class SelfAssessmentScoresTests(DemoCollectionApp app)
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

        var html = await national.GetStringAsync($"/self-assessments/scores?framework=dmm&year={year.Label}");
        var rows = ScoreRow().Matches(html).ToDictionary(m => m.Groups["code"].Value, m => (Index: m.Groups["index"].Value, Stage: m.Groups["stage"].Value));

        Assert.Equal(expected.Count, rows.Count);
        foreach (var (code, (framework, score)) in expected)
        {
            Assert.Equal(score.Index.ToString("0.0", English), rows[code].Index);
            Assert.Equal(framework.LevelName(score.Stage), rows[code].Stage);
        }

        var stage = Regex.Match(html, "data-area=\"stage\">.*?</tr>", RegexOptions.Singleline).Value;
        var counts = Regex.Matches(stage, "govuk-table__cell--numeric\">(\\d+)</td>").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        var first = expected.Values.First().Framework;
        Assert.Equal(Enumerable.Range(1, first.Top).Select(l => expected.Values.Count(s => s.Score.Stage == l)), counts);
        Assert.Contains(MaturityScoring.IndexFormula, System.Net.WebUtility.HtmlDecode(html));
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

        var html = await official.GetStringAsync($"/self-assessments/readiness?year={year.Label}");
        var ready = Regex.Match(html, "data-table=\"ready\".*?</table>", RegexOptions.Singleline).Value;
        var shown = AuthorityRow().Matches(ready).Select(m => m.Groups[1].Value).Order().ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, shown);
        Assert.Contains("every Early Help System Guide area at Maturing or above, and the Data Maturity Model stage at Developing or above", html);
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

        var html = await national.GetStringAsync($"/self-assessments/outcomes?framework=ehsg&year={year.Label}&indicator=CARE-START&highlight={Blackpool}");

        Assert.Equal(points.Count.ToString(CultureInfo.InvariantCulture), Regex.Match(html, "data-n>(\\d+)<").Groups[1].Value);
        Assert.Equal(expected.Rho.ToString("0.000", English), Regex.Match(html, "data-rho>([^<]+)<").Groups[1].Value);
        Assert.Equal(expected.PValue < 0.001 ? "&lt; 0.001" : expected.PValue.ToString("0.000", English), Regex.Match(html, "data-p>([^<]+)<").Groups[1].Value);
        Assert.Contains("Correlation is not causation", html);
        Assert.Contains($"data-authority=\"{Blackpool}\" data-group=\"chosen\"", html);
        Assert.Matches("data-group=\"neighbour\"", html);
    }

    [Fact]
    public async Task ProgressPage_AnAuthority_ShowsEachYearItsNeighbourPositionAndIndicators()
    {
        var preparer = await app.SignedInAsync(Roles.Preparer, Blackpool);
        var years = await app.WithDbAsync(db => db.SelfAssessments.Where(a => a.AuthorityCode == Blackpool && a.FrameworkCode == Framework.EarlyHelp && a.Status == AssessmentStatus.SignedOff).CountAsync());

        var html = await preparer.GetStringAsync($"/self-assessments/areas/{Blackpool}");

        var table = Regex.Match(html, "data-table=\"years-ehsg\".*?</table>", RegexOptions.Singleline).Value;
        Assert.Equal(years, Regex.Count(table, "data-year="));
        Assert.Matches("data-neighbour-rank>\\d+(st|nd|rd|th) of \\d+", html);
        Assert.Contains("data-indicator=\"CARE-START\"", html);
        Assert.Matches("data-readiness=\"(ready|not-ready)\"", html);
    }

    [Fact]
    public async Task ScoresPage_AnAuthorityPreparer_IsForbiddenButSeesItsOwnProgress()
    {
        var preparer = await app.SignedInAsync(Roles.Preparer, Blackpool);

        using var scores = await preparer.GetAsync("/self-assessments/scores");
        using var other = await preparer.GetAsync($"/self-assessments/areas/{Kent}");
        using var own = await preparer.GetAsync($"/self-assessments/areas/{Blackpool}");

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

    [GeneratedRegex("data-authority=\"(?<code>E\\d{8})\">.*?data-index>(?<index>[^<]+)<.*?data-stage>(?<stage>[^<]+)<", RegexOptions.Singleline)]
    private static partial Regex ScoreRow();

    [GeneratedRegex("data-authority=\"(E\\d{8})\"")]
    private static partial Regex AuthorityRow();
}
