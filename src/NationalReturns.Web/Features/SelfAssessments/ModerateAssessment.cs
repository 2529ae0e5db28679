using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.SelfAssessments;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;

namespace NationalReturns.Web.Features.SelfAssessments;

/// <summary>
/// The national team's moderation of a signed-off assessment: each descriptor agreed or moved to another
/// level with a reason. The self-rating is never overwritten; scores use the moderated level beside it.
/// </summary>
public static class ModerateAssessment
{
    public sealed record Command(string OnsCode, string FrameworkCode, AssessmentYear Year, IReadOnlyList<ModerationAnswer> Answers, string By);

    /// <param name="Adjusted">How many descriptors the national team moved from the self-rating.</param>
    public sealed record Outcome(bool Found, string? Refusal, IReadOnlyList<AnswerError> Errors, int Adjusted = 0)
    {
        public bool Saved => Found && Refusal is null && Errors.Count == 0;
    }

    public sealed class Handler(NationalReturnsDbContext db, TimeProvider clock)
    {
        public async Task<Outcome> HandleAsync(Command command, CancellationToken ct)
        {
            var record = await db.SelfAssessments.Include(a => a.Ratings).Include(a => a.FrameworkVersion)
                .Of(command.OnsCode, command.FrameworkCode, command.Year).FirstOrDefaultAsync(ct);
            if (record is null)
            {
                return new Outcome(false, null, []);
            }

            if (AssessmentWorkflow.Refusal(AssessmentAction.Moderate, record.Status, new AssessmentMoveRequest(command.Year.Label, YearOpen: true)) is { } refusal)
            {
                return new Outcome(true, refusal, []);
            }

            var framework = AssessmentFrameworks.Parse(record.FrameworkVersion);
            var selfLevels = ShowAssessment.SelfLevels(record);
            var missing = selfLevels.Keys.Where(k => !command.Answers.Any(a => string.Equals(a.DescriptorCode, k, StringComparison.OrdinalIgnoreCase)))
                .Select(k => new AnswerError(k, AnswerRules.Fields.Level, $"{k}: agree the level or choose another.")).ToList();
            var errors = missing.Concat(AnswerRules.CheckModeration(framework, selfLevels, command.Answers)).ToList();
            if (errors.Count > 0)
            {
                return new Outcome(true, null, errors);
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
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                return new Outcome(true, "Someone else moderated this assessment at the same moment. Check their moderation and try again.", []);
            }

            return new Outcome(true, null, [], record.Ratings.Count(r => r.ModeratedLevel != r.Level));
        }
    }
}
