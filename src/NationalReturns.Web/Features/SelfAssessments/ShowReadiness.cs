using NationalReturns.Domain.SelfAssessments;

namespace NationalReturns.Web.Features.SelfAssessments;

/// <summary>Which authorities meet the rule for earned autonomy in a year, and what keeps the rest from it.</summary>
public static class ShowReadiness
{
    public sealed record Row(string OnsCode, string Name, string RegionCode, double? EarlyHelpIndex, double? DataMaturityIndex, int? DataMaturityStage, Readiness Readiness);

    public sealed record Model(AssessmentYear? Year, IReadOnlyList<AssessmentYear> Years, string Rule, Framework EarlyHelp, Framework DataMaturity, IReadOnlyList<Row> Rows)
    {
        public IEnumerable<Row> Ready => Rows.Where(r => r.Readiness.Ready);

        /// <summary>One gap away: the areas to talk to about what would get them there.</summary>
        public IEnumerable<Row> Close => Rows.Where(r => !r.Readiness.Ready && r.Readiness.Gaps.Count == 1);
    }

    public sealed class Handler(AssessmentScores.Handler scores, AssessmentFrameworks.Handler frameworks, Microsoft.Extensions.Options.IOptions<ReadinessOptions> settings)
    {
        public async Task<ReadinessRule> RuleAsync(CancellationToken ct)
        {
            var (earlyHelp, dataMaturity) = await frameworks.BothAsync(ct);
            return ReadinessRule.From(earlyHelp.Framework, settings.Value.EarlyHelpAreaLevel, dataMaturity.Framework, settings.Value.DataMaturityStage);
        }

        public async Task<Model> HandleAsync(AssessmentYear? year, CancellationToken ct)
        {
            var (earlyHelp, dataMaturity) = await frameworks.BothAsync(ct);
            var rule = await RuleAsync(ct);
            var years = await scores.YearsAsync(ct);
            var shown = year ?? await scores.DefaultYearAsync(ct);
            var rows = new List<Row>();
            if (shown is { } y)
            {
                var all = await scores.SignedOffAsync(null, y, null, ct);
                foreach (var authority in all.GroupBy(s => s.OnsCode))
                {
                    var eh = authority.FirstOrDefault(s => s.Framework.Code == Framework.EarlyHelp);
                    var dm = authority.FirstOrDefault(s => s.Framework.Code == Framework.DataMaturity);
                    var first = authority.First();
                    rows.Add(new Row(first.OnsCode, first.Name, first.RegionCode, eh?.Agreed.Index, dm?.Agreed.Index, dm?.Agreed.Stage,
                        rule.Evaluate(eh?.Framework ?? earlyHelp.Framework, eh?.Agreed, dm?.Framework ?? dataMaturity.Framework, dm?.Agreed)));
                }
            }

            return new Model(shown, years, rule.Describe(earlyHelp.Framework, dataMaturity.Framework), earlyHelp.Framework, dataMaturity.Framework,
                rows.OrderBy(r => r.Name, StringComparer.Ordinal).ToList());
        }
    }
}
