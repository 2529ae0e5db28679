using NationalReturns.Domain.SelfAssessments;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Infrastructure.Spreadsheets;

namespace NationalReturns.Web.Features.SelfAssessments;

/// <summary>
/// An assessment workbook uploaded instead of the form pages: checked to be this authority's template
/// for this framework, version and year, every answer read and checked, then saved as the form would
/// save it. Any problem and nothing is saved, with every problem listed.
/// </summary>
public static class UploadAssessment
{
    public const long MaxBytes = 5 * 1024 * 1024;

    public sealed record Command(string OnsCode, string FrameworkCode, AssessmentYear Year, string FileName, byte[] Content, string By);

    /// <param name="Answers">How many answers were saved.</param>
    public sealed record Result(int Answers) : Outcome<string>;

    public sealed class Handler(AssessmentFrameworks.Handler frameworks, AnswerDescriptors.Handler answer, AuditLog audit)
    {
        public async Task<Result> HandleAsync(Command command, CancellationToken ct)
        {
            if ((await frameworks.ForAsync(command.OnsCode, command.FrameworkCode, command.Year, ct))?.Framework is not { } framework)
            {
                return new Result(0) { Refusal = new Refusal(RefusalKind.NotFound, $"There is no published framework '{command.FrameworkCode}' for {command.Year.Label}.") };
            }

            var result = await ReadAndSaveAsync(command, framework, ct);
            if (result.Refusal is { Kind: not RefusalKind.NotFound } refusal)
            {
                // A refused file changes nothing, so this is the only record that it came.
                await audit.RecordAsync(AuditActions.SelfAssessmentUploadRefused, command.OnsCode, command.Year.Label,
                    result.Errors.Count > 0 ? $"{result.Errors.Count} problems" : refusal.Message, command.By, ct);
            }

            return result;
        }

        private async Task<Result> ReadAndSaveAsync(Command command, Framework framework, CancellationToken ct)
        {
            // A closed year or a submitted assessment is said before the file is read.
            if (await answer.RefusalAsync(command.OnsCode, command.FrameworkCode, command.Year, ct) is { } refusal)
            {
                return Refused(RefusalKind.Conflict, refusal);
            }

            using var stream = new MemoryStream(command.Content, writable: false);
            var verdict = SpreadsheetInspection.Inspect(stream, MaxBytes);
            if (!verdict.IsAcceptable)
            {
                return Refused(RefusalKind.Unprocessable, verdict.Message!);
            }

            AssessmentWorkbookReading reading;
            try
            {
                using var workbook = XlsxWorkbook.Open(stream);
                var source = new XlsxWorkbookSource(workbook);
                if (AssessmentWorkbook.Mismatch(AssessmentWorkbook.About(source), framework, command.OnsCode, command.Year) is { } mismatch)
                {
                    return Refused(RefusalKind.Unprocessable, mismatch);
                }

                reading = AssessmentWorkbook.Read(source, framework);
            }
            catch (SpreadsheetReadException e)
            {
                return Refused(RefusalKind.Unprocessable, $"The workbook could not be read: {e.Message}");
            }

            var errors = reading.Errors.Concat(AnswerRules.Check(framework, reading.Answers, complete: false).Select(e => e.Message)).ToList();
            if (errors.Count > 0)
            {
                return new Result(0) { Errors = errors, Refusal = Outcome.Mistakes(errors.Count) };
            }

            var saved = await answer.HandleAsync(new AnswerDescriptors.Command(command.OnsCode, command.FrameworkCode, command.Year, reading.Answers, command.By, FromFile: command.FileName), ct);
            return new Result(saved.Succeeded ? reading.Answers.Count : 0) { Refusal = saved.Refusal, Errors = saved.Errors.Select(e => e.Message).ToList() };
        }

        private static Result Refused(RefusalKind kind, string message) => new(0) { Refusal = new Refusal(kind, message) };
    }
}
