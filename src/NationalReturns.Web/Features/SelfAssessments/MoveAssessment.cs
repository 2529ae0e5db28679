using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.SelfAssessments;
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

    public sealed record Command(string OnsCode, string FrameworkCode, AssessmentYear Year, Move Step, string By, string? Reason = null);

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
            if (record is null)
            {
                return command.Step == Move.Submit
                    ? new Outcome(true, "There is nothing to submit yet: answer each area first.", [])
                    : new Outcome(false, null, []);
            }

            var now = clock.GetUtcNow();
            switch (command.Step)
            {
                case Move.Submit:
                    if (record.Status != AssessmentStatus.Draft)
                    {
                        return new Outcome(true, "This assessment has already been submitted.", []);
                    }

                    var framework = AssessmentFrameworks.Parse(record.FrameworkVersion);
                    var errors = AnswerRules.CheckComplete(framework, record.Ratings
                        .Select(r => new RatingAnswer(r.DescriptorCode, r.Level, r.Evidence, r.TargetLevel, r.PlannedActions)).ToList());
                    if (errors.Count > 0)
                    {
                        return new Outcome(true, null, errors);
                    }

                    record.Status = AssessmentStatus.Submitted;
                    record.SubmittedAt = now;
                    record.SubmittedBy = command.By;
                    break;
                case Move.SignOff:
                    if (record.Status != AssessmentStatus.Submitted)
                    {
                        return new Outcome(true, record.Status == AssessmentStatus.SignedOff ? "This assessment has already been signed off." : "Only a submitted assessment can be signed off.", []);
                    }

                    record.Status = AssessmentStatus.SignedOff;
                    record.SignedOffAt = now;
                    record.SignedOffBy = command.By;
                    break;
                case Move.SendBack:
                    if (record.Status != AssessmentStatus.Submitted)
                    {
                        return new Outcome(true, "Only a submitted assessment can be sent back; once signed off it stands.", []);
                    }

                    if (string.IsNullOrWhiteSpace(command.Reason))
                    {
                        return new Outcome(true, null, [new AnswerError("", AnswerRules.Fields.Reason, "Enter what the preparer needs to change.")]);
                    }

                    record.Status = AssessmentStatus.Draft;
                    record.SubmittedAt = null;
                    record.SubmittedBy = null;
                    break;
            }

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
