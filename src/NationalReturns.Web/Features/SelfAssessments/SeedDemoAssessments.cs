using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.SelfAssessments;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.SelfAssessments;

/// <summary>
/// The local demo's self-assessments: three years of both frameworks for every current authority, put
/// through the same handlers the pages use (answer, submit, sign off, moderate), and this year's under
/// way for some. The demo accounts' four authorities are left to start this year themselves.
/// </summary>
public static class SeedDemoAssessments
{
    public const string Preparer = "demo preparer";
    public const string Approver = "demo approver";
    public const string NationalTeam = "national@demo.gov.uk";
    public const int Years = 3;

    /// <summary>The authorities the demo accounts belong to: their current year is theirs to complete.</summary>
    public static readonly IReadOnlySet<string> LeftForDemoAccounts = new HashSet<string>(StringComparer.Ordinal) { "E10000016", "E09000007", "E08000003", "E06000009" };

    public sealed record Outcome(int SignedOff, int Moderated, int InProgress);

    public sealed class Handler(NationalReturnsDbContext db, AssessmentFrameworks.Handler frameworks, AnswerDescriptors.Handler answer,
        MoveAssessment.Handler move, ModerateAssessment.Handler moderate, CollectionCalendar windows, ILogger<Handler> log)
    {
        public async Task<Outcome> HandleAsync(CancellationToken ct)
        {
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_lock(7202)", ct);
            try
            {
                return await SeedAsync(ct);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_unlock(7202)", CancellationToken.None);
            }
        }

        private async Task<Outcome> SeedAsync(CancellationToken ct)
        {
            var current = AssessmentYear.Containing(windows.Today);
            var first = new AssessmentYear(current.StartYear - Years);
            var (earlyHelp, dataMaturity) = await frameworks.BothAsync(ct);
            var codes = await db.LocalAuthorities.AsNoTracking().Where(a => a.ValidTo == null).OrderBy(a => a.OnsCode).Select(a => a.OnsCode).ToListAsync(ct);
            var existing = (await db.SelfAssessments.AsNoTracking().Select(a => new { a.AuthorityCode, a.FrameworkCode, a.Year }).ToListAsync(ct))
                .Select(a => (a.AuthorityCode, a.FrameworkCode, a.Year)).ToHashSet();
            int signedOff = 0, moderated = 0, inProgress = 0;
            for (var year = first; year <= current; year = new AssessmentYear(year.StartYear + 1))
            {
                foreach (var code in codes)
                {
                    var target = year < current ? AssessmentStatus.SignedOff : ThisYear(code, year);
                    foreach (var framework in new[] { earlyHelp.Framework, dataMaturity.Framework })
                    {
                        if (target == AssessmentStatus.NotStarted || existing.Contains((code, framework.Code, year.StartYear)))
                        {
                            continue;
                        }

                        var demo = DemoAssessments.Generate(framework, code, year, first);
                        var answers = target == AssessmentStatus.Draft ? demo.Answers.Take(framework.Areas[0].Descriptors.Count).ToList() : demo.Answers;
                        var saved = await answer.HandleAsync(new AnswerDescriptors.Command(code, framework.Code, year, answers, Preparer, AsOf(year)), ct);
                        if (!saved.Succeeded)
                        {
                            log.LogWarning("Demo assessment {Code} {Framework} {Year} not saved: {Refusal} {Errors}", code, framework.Code, year, saved.Refusal?.Message, string.Join(" ", saved.Errors.Select(e => e.Message)));
                            continue;
                        }

                        if (target is AssessmentStatus.Submitted or AssessmentStatus.SignedOff)
                        {
                            await move.HandleAsync(new MoveAssessment.Command(code, framework.Code, year, MoveAssessment.Move.Submit, Preparer, AsOf: AsOf(year)), ct);
                        }

                        if (target == AssessmentStatus.SignedOff)
                        {
                            await move.HandleAsync(new MoveAssessment.Command(code, framework.Code, year, MoveAssessment.Move.SignOff, Approver, AsOf: AsOf(year)), ct);
                            signedOff++;
                            if (demo.Moderation is { } moderation && year < current)
                            {
                                await moderate.HandleAsync(new ModerateAssessment.Command(code, framework.Code, year, moderation, NationalTeam), ct);
                                moderated++;
                            }
                        }
                        else
                        {
                            inProgress++;
                        }

                        db.ChangeTracker.Clear();
                    }
                }

                log.LogInformation("Demo self-assessments: {Year} done", year);
            }

            return new Outcome(signedOff, moderated, inProgress);
        }

        /// <summary>The demo's history is answered as it would have been: on a day within its own year.</summary>
        private static DateOnly AsOf(AssessmentYear year) => new(year.StartYear + 1, 2, 1);

        /// <summary>This year's assessments, some weeks into the year: most not started, some under way.</summary>
        private static AssessmentStatus ThisYear(string code, AssessmentYear year) =>
            LeftForDemoAccounts.Contains(code) ? AssessmentStatus.NotStarted
            : new Random(Domain.Returns.Demo.DemoSeed.Of(code, year.StartYear, 7)).Next(100) switch
            {
                < 55 => AssessmentStatus.NotStarted,
                < 80 => AssessmentStatus.Draft,
                < 92 => AssessmentStatus.Submitted,
                _ => AssessmentStatus.SignedOff,
            };
    }
}
