using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.SelfAssessments;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.SelfAssessments;

/// <summary>
/// The assessment's workflow: the preparer submits a complete assessment, the approver signs it off or
/// sends it back with a reason. Each step is refused with the reason when the assessment is not where
/// the step starts from.
/// </summary>
public static class MoveAssessment
{
    public enum Move
    {
        Submit,
        SignOff,
        SendBack,
    }

    /// <param name="AsOf">The day the move is made: today, unless the demo is seeding an earlier year's history.</param>
    public sealed record Command(string OnsCode, string FrameworkCode, AssessmentYear Year, Move Step, string By, string? Reason = null, DateOnly? AsOf = null);

    public sealed class Handler(NationalReturnsDbContext db, AuditLog audit, TimeProvider clock, Benchmarking.BenchmarkingData dashboards)
    {
        public async Task<Outcome<AnswerError>> HandleAsync(Command command, CancellationToken ct)
        {
            var record = await db.SelfAssessments.Include(a => a.Ratings).Include(a => a.FrameworkVersion)
                .Of(command.OnsCode, command.FrameworkCode, command.Year).FirstOrDefaultAsync(ct);
            var action = command.Step switch
            {
                Move.Submit => AssessmentAction.Submit,
                Move.SignOff => AssessmentAction.SignOff,
                _ => AssessmentAction.SendBack,
            };
            var now = clock.GetUtcNow();
            var today = command.AsOf ?? DateOnly.FromDateTime(clock.GetLocalNow().Date);
            var request = new AssessmentMoveRequest(command.Year.Label, command.Year == AssessmentYear.Containing(today), Reason: command.Reason);
            if (record is null)
            {
                return action == AssessmentAction.Submit
                    ? Outcome.Refused<AnswerError>(RefusalKind.Conflict, AssessmentWorkflow.Refusal(action, AssessmentStatus.NotStarted, request)!)
                    : Outcome.Refused<AnswerError>(RefusalKind.NotFound, $"{command.OnsCode} has no {command.FrameworkCode} assessment for {command.Year.Label}.");
            }

            if (AssessmentWorkflow.Refusal(action, record.Status, request) is { } refusal)
            {
                return Outcome.Refused<AnswerError>(RefusalKind.Conflict, refusal);
            }

            switch (command.Step)
            {
                case Move.Submit:
                    var framework = AssessmentFrameworks.Parse(record.FrameworkVersion);
                    var errors = AnswerRules.CheckComplete(framework, record.Ratings
                        .Select(r => new RatingAnswer(r.DescriptorCode, r.Level, r.Evidence, r.TargetLevel, r.PlannedActions)).ToList());
                    if (errors.Count > 0)
                    {
                        return Outcome.WithErrors<AnswerError>(errors);
                    }

                    record.SubmittedAt = now;
                    record.SubmittedBy = command.By;
                    break;
                case Move.SignOff:
                    record.SignedOffAt = now;
                    record.SignedOffBy = command.By;
                    break;
                case Move.SendBack:
                    if (!AssessmentWorkflow.HasWhatItNeeds(action, request))
                    {
                        return Outcome.WithErrors<AnswerError>([new AnswerError("", AnswerRules.Fields.Reason, "Enter what the preparer needs to change.")]);
                    }

                    record.SubmittedAt = null;
                    record.SubmittedBy = null;
                    break;
            }

            record.Status = AssessmentWorkflow.To(action, record.Status);
            record.UpdatedAt = now;
            var reason = string.IsNullOrWhiteSpace(command.Reason) ? "" : $": {command.Reason.Trim()}";
            audit.Add(AuditName(command.Step), command.OnsCode, command.Year.Label, command.FrameworkCode + reason, command.By);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                return Outcome.Refused<AnswerError>(RefusalKind.Conflict, "The assessment changed while you were looking at it. Check it and try again.");
            }

            // Dashboards show signed-off scores beside the indicators.
            dashboards.Changed();
            return new Outcome<AnswerError>();
        }

        private static string AuditName(Move step) => step switch
        {
            Move.Submit => AuditActions.SelfAssessmentSubmit,
            Move.SignOff => AuditActions.SelfAssessmentSignOff,
            _ => AuditActions.SelfAssessmentSendBack,
        };
    }
}
