using NationalReturns.Domain.SelfAssessments;
using NationalReturns.Web.Features.Returns;
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

    public sealed record Command(string OnsCode, string FrameworkCode, AssessmentYear Year, byte[] Content, string By);

    public sealed record Outcome(bool Found, string? Refusal, IReadOnlyList<string> Errors, int Answers)
    {
        public bool Saved => Found && Refusal is null && Errors.Count == 0;
    }

    public sealed class Handler(AssessmentFrameworks.Handler frameworks, AnswerDescriptors.Handler answer)
    {
        public async Task<Outcome> HandleAsync(Command command, CancellationToken ct)
        {
            if ((await frameworks.ForAsync(command.OnsCode, command.FrameworkCode, command.Year, ct))?.Framework is not { } framework)
            {
                return new Outcome(false, null, [], 0);
            }

            // A closed year or a submitted assessment is said before the file is read.
            if (await answer.RefusalAsync(command.OnsCode, command.FrameworkCode, command.Year, ct) is { } refusal)
            {
                return new Outcome(true, refusal, [], 0);
            }

            using var stream = new MemoryStream(command.Content, writable: false);
            var verdict = SpreadsheetInspection.Inspect(stream, MaxBytes);
            if (!verdict.IsAcceptable)
            {
                return new Outcome(true, verdict.Message, [], 0);
            }

            AssessmentWorkbookReading reading;
            try
            {
                using var workbook = XlsxWorkbook.Open(stream);
                var source = new XlsxWorkbookSource(workbook);
                if (AssessmentWorkbook.Mismatch(AssessmentWorkbook.About(source), framework, command.OnsCode, command.Year) is { } mismatch)
                {
                    return new Outcome(true, mismatch, [], 0);
                }

                reading = AssessmentWorkbook.Read(source, framework);
            }
            catch (SpreadsheetReadException e)
            {
                return new Outcome(true, $"The workbook could not be read: {e.Message}", [], 0);
            }

            var errors = reading.Errors.Concat(AnswerRules.Check(framework, reading.Answers, complete: false).Select(e => e.Message)).ToList();
            if (errors.Count > 0)
            {
                return new Outcome(true, null, errors, 0);
            }

            var saved = await answer.HandleAsync(new AnswerDescriptors.Command(command.OnsCode, command.FrameworkCode, command.Year, reading.Answers, command.By), ct);
            return !saved.Found ? new Outcome(false, null, [], 0)
                : new Outcome(true, saved.Refusal, saved.Errors.Select(e => e.Message).ToList(), saved.Saved ? reading.Answers.Count : 0);
        }
    }
}
