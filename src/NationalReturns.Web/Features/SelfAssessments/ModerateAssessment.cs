using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.SelfAssessments;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.SelfAssessments;

/// <summary>
/// The national team's moderation of a signed-off assessment: each descriptor agreed or moved to another
/// level with a reason. The self-rating is never overwritten; scores use the moderated level beside it.
/// </summary>
public static class ModerateAssessment
{
    public sealed record Command(string OnsCode, string FrameworkCode, AssessmentYear Year, IReadOnlyList<ModerationAnswer> Answers, string By);

    /// <param name="Adjusted">How many descriptors the national team moved from the self-rating.</param>
    public sealed record Result(int Adjusted) : Outcome<AnswerError>;

    public sealed class Handler(NationalReturnsDbContext db, AuditLog audit, TimeProvider clock, Benchmarking.BenchmarkingData dashboards)
    {
        public async Task<Result> HandleAsync(Command command, CancellationToken ct)
        {
            var record = await db.SelfAssessments.Include(a => a.Ratings).Include(a => a.FrameworkVersion)
                .Of(command.OnsCode, command.FrameworkCode, command.Year).FirstOrDefaultAsync(ct);
            if (record is null)
            {
                return new Result(0) { Refusal = new Refusal(RefusalKind.NotFound, $"{command.OnsCode} has no {command.FrameworkCode} assessment for {command.Year.Label}.") };
            }

            if (AssessmentWorkflow.Refusal(AssessmentAction.Moderate, record.Status, new AssessmentMoveRequest(command.Year.Label, YearOpen: true)) is { } refusal)
            {
                return new Result(0) { Refusal = new Refusal(RefusalKind.Conflict, refusal) };
            }

            var framework = AssessmentFrameworks.Parse(record.FrameworkVersion);
            var selfLevels = ShowAssessment.SelfLevels(record);
            var missing = selfLevels.Keys.Where(k => !command.Answers.Any(a => string.Equals(a.DescriptorCode, k, StringComparison.OrdinalIgnoreCase)))
                .Select(k => new AnswerError(k, AnswerRules.Fields.Level, $"{k}: agree the level or choose another.")).ToList();
            var errors = missing.Concat(AnswerRules.CheckModeration(framework, selfLevels, command.Answers)).ToList();
            if (errors.Count > 0)
            {
                return new Result(0) { Errors = errors, Refusal = Outcome.Mistakes(errors.Count) };
            }

            foreach (var answer in command.Answers)
            {
                var rating = record.Ratings.First(r => string.Equals(r.DescriptorCode, answer.DescriptorCode, StringComparison.OrdinalIgnoreCase));
                rating.ModeratedLevel = answer.Level;
                rating.ModerationReason = string.IsNullOrWhiteSpace(answer.Reason) ? null : answer.Reason.Trim();
            }

            record.ModeratedAt = clock.GetUtcNow();
            record.ModeratedBy = command.By;
            record.UpdatedAt = record.ModeratedAt.Value;
            var adjusted = record.Ratings.Count(r => r.ModeratedLevel != r.Level);
            audit.Add(AuditActions.SelfAssessmentModerate, command.OnsCode, command.Year.Label, $"{framework.ShortName}: {command.Answers.Count - adjusted} agreed, {adjusted} adjusted", command.By);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                return new Result(0) { Refusal = new Refusal(RefusalKind.Conflict, "Someone else moderated this assessment at the same moment. Check their moderation and try again.") };
            }

            dashboards.Changed();
            return new Result(adjusted);
        }
    }
}
