using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.SelfAssessments;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.SelfAssessments;

/// <summary>
/// Saves a preparer's answers, for one area from its form page or for every area from an uploaded
/// workbook. The first save starts the year's assessment against the newest framework version. Nothing
/// is saved when any answer is wrong, and a submitted assessment cannot be changed.
/// </summary>
public static class AnswerDescriptors
{
    /// <param name="AsOf">The day the answers count as given: today, unless the demo is seeding an earlier year's history.</param>
    /// <param name="FromFile">The uploaded workbook's name, when the answers came from one rather than the form pages.</param>
    public sealed record Command(string OnsCode, string FrameworkCode, AssessmentYear Year, IReadOnlyList<RatingAnswer> Answers, string By, DateOnly? AsOf = null, string? FromFile = null);

    public sealed class Handler(NationalReturnsDbContext db, AssessmentFrameworks.Handler frameworks, AuditLog audit, TimeProvider clock)
    {
        /// <summary>Why answers cannot be saved to this assessment now, before anything is read: for the workbook upload.</summary>
        public async Task<string?> RefusalAsync(string onsCode, string frameworkCode, AssessmentYear year, CancellationToken ct)
        {
            var status = await db.SelfAssessments.AsNoTracking().Of(onsCode, frameworkCode, year).Select(a => (AssessmentStatus?)a.Status).FirstOrDefaultAsync(ct);
            return Refusal(year, status);
        }

        private string? Refusal(AssessmentYear year, AssessmentStatus? status, DateOnly? asOf = null)
        {
            var today = asOf ?? DateOnly.FromDateTime(clock.GetLocalNow().Date);
            var request = new AssessmentMoveRequest(year.Label, year == AssessmentYear.Containing(today));
            return AssessmentWorkflow.Refusal(AssessmentAction.Answer, status ?? AssessmentStatus.NotStarted, request);
        }

        public async Task<Outcome<AnswerError>> HandleAsync(Command command, CancellationToken ct)
        {
            if (!await db.LocalAuthorities.AnyAsync(a => a.OnsCode == command.OnsCode, ct))
            {
                return Outcome.Refused<AnswerError>(RefusalKind.NotFound, $"There is no authority with the ONS code {command.OnsCode}.");
            }

            var record = await db.SelfAssessments.Include(a => a.Ratings).Include(a => a.FrameworkVersion)
                .Of(command.OnsCode, command.FrameworkCode, command.Year).FirstOrDefaultAsync(ct);
            var version = record?.FrameworkVersion ?? (await frameworks.LatestAsync(command.FrameworkCode, ct))?.Record;
            if (version is null)
            {
                return Outcome.Refused<AnswerError>(RefusalKind.NotFound, $"There is no published framework '{command.FrameworkCode}'.");
            }

            if (Refusal(command.Year, record?.Status, command.AsOf) is { } refusal)
            {
                return Outcome.Refused<AnswerError>(RefusalKind.Conflict, refusal);
            }

            var framework = AssessmentFrameworks.Parse(version);
            var errors = AnswerRules.Check(framework, command.Answers, complete: false);
            if (errors.Count > 0)
            {
                return Outcome.WithErrors<AnswerError>(errors);
            }

            var now = clock.GetUtcNow();
            if (record is null)
            {
                record = new SelfAssessmentRecord
                {
                    AuthorityCode = command.OnsCode,
                    FrameworkCode = command.FrameworkCode,
                    FrameworkVersionId = version.Id,
                    Year = command.Year.StartYear,
                    Status = AssessmentStatus.Draft,
                    StartedAt = now,
                    StartedBy = command.By,
                };
                db.SelfAssessments.Add(record);
            }

            foreach (var answer in command.Answers)
            {
                var code = framework.Descriptor(answer.DescriptorCode)!.Code;
                var rating = record.Ratings.FirstOrDefault(r => r.DescriptorCode == code);
                if (rating is null)
                {
                    rating = new SelfAssessmentRating { DescriptorCode = code };
                    record.Ratings.Add(rating);
                }

                rating.Level = answer.Level;
                rating.Evidence = Clean(answer.Evidence);
                rating.TargetLevel = answer.TargetLevel;
                rating.PlannedActions = Clean(answer.PlannedActions);
            }

            record.UpdatedAt = now;
            var areas = string.Join(", ", framework.Areas.Where(a => a.Descriptors.Any(d => command.Answers.Any(x => string.Equals(x.DescriptorCode, d.Code, StringComparison.OrdinalIgnoreCase)))).Select(a => a.Name));
            if (command.FromFile is { } file)
            {
                audit.Add(AuditActions.SelfAssessmentUpload, command.OnsCode, command.Year.Label, $"{framework.ShortName}: {file}, {command.Answers.Count} answers", command.By);
            }
            else
            {
                audit.Add(AuditActions.SelfAssessmentSave, command.OnsCode, command.Year.Label, $"{framework.ShortName}: {areas}", command.By);
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
            {
                // Two saves of the same assessment at once (two tabs, or a colleague): the first wins; this one is asked to try again.
                db.ChangeTracker.Clear();
                return Outcome.Refused<AnswerError>(RefusalKind.Conflict, "Someone else saved this assessment at the same moment. Your answers were not saved: check the page and save them again.");
            }

            return new Outcome<AnswerError>();
        }

        private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim().ReplaceLineEndings("\n");
    }
}
