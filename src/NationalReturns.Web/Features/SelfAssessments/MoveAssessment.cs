using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.SelfAssessments;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;

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

    public sealed record Outcome(bool Found, string? Refusal, IReadOnlyList<AnswerError> Errors)
    {
        public bool Moved => Found && Refusal is null && Errors.Count == 0;
    }

    public sealed class Handler(NationalReturnsDbContext db, TimeProvider clock)
    {
        public async Task<Outcome> HandleAsync(Command command, CancellationToken ct)
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
                    ? new Outcome(true, AssessmentWorkflow.Refusal(action, AssessmentStatus.NotStarted, request), [])
                    : new Outcome(false, null, []);
            }

            if (AssessmentWorkflow.Refusal(action, record.Status, request) is { } refusal)
            {
                return new Outcome(true, refusal, []);
            }

            switch (command.Step)
            {
                case Move.Submit:
                    var framework = AssessmentFrameworks.Parse(record.FrameworkVersion);
                    var errors = AnswerRules.CheckComplete(framework, record.Ratings
                        .Select(r => new RatingAnswer(r.DescriptorCode, r.Level, r.Evidence, r.TargetLevel, r.PlannedActions)).ToList());
                    if (errors.Count > 0)
                    {
                        return new Outcome(true, null, errors);
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
                        return new Outcome(true, null, [new AnswerError("", AnswerRules.Fields.Reason, "Enter what the preparer needs to change.")]);
                    }

                    record.SubmittedAt = null;
                    record.SubmittedBy = null;
                    break;
            }

            record.Status = AssessmentWorkflow.To(action, record.Status);
            record.UpdatedAt = now;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                return new Outcome(true, "The assessment changed while you were looking at it. Check it and try again.", []);
            }

            return new Outcome(true, null, []);
        }
    }
}
