using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Returns;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Returns;

/// <summary>The quarter's template for one authority, with last quarter's figures beside the inputs.</summary>
public static class DownloadTemplate
{
    public sealed record File(string FileName, byte[] Content);

    /// <summary>The template, or (refused) why there is none.</summary>
    public sealed record Result(File? File) : Outcome
    {
        public static Result NotFoundBecause(string message) => new((File?)null) { Refusal = new Refusal(RefusalKind.NotFound, message) };
    }

    public sealed class Handler(ReturnContextSource contexts, CollectionCalendar windows, AuditLog audit)
    {
        public async Task<Result> HandleAsync(string onsCode, ReturnPeriod period, CancellationToken ct)
        {
            if (await contexts.ProfileAsync(onsCode, ct) is not { } authority)
            {
                return Result.NotFoundBecause($"There is no authority with the ONS code {IssueText.Quote(onsCode)}.");
            }

            // No template for a quarter the authority makes no return for (Cumbria after March 2023, Cumberland
            // before April 2023), nor for one that has not ended.
            var notThen = (await contexts.LifetimesAsync(authority.OnsCode, ct))[authority.OnsCode].Refusal(authority.Name, period)
                ?? await windows.RefusalAsync(period, ct);
            if (notThen is not null)
            {
                return Result.NotFoundBecause(notThen);
            }

            var spec = ReturnSpecifications.ForPeriod(period);
            var previous = await contexts.PreviousFiguresAsync(onsCode, period, ct);
            var content = ReturnTemplate.Write(spec, authority, period, previous);
            var file = new File($"supporting-families-return-{authority.DfeCode}-{period.UrlSegment}.xlsx", content);
            await audit.RecordAsync(AuditActions.DownloadTemplate, authority.OnsCode, period.UrlSegment, file.FileName, ct: ct);
            return new Result(file);
        }
    }
}
