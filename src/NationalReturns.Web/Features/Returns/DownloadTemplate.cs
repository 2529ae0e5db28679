using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Returns;

namespace NationalReturns.Web.Features.Returns;

/// <summary>The quarter's template for one authority, with last quarter's figures beside the inputs.</summary>
public static class DownloadTemplate
{
    public sealed record File(string FileName, byte[] Content);

    public sealed class Handler(ReturnContexts contexts)
    {
        public async Task<File?> HandleAsync(string onsCode, ReturnPeriod period, CancellationToken ct)
        {
            // No template for a quarter the authority makes no return for (Cumbria after March 2023, Cumberland before April 2023).
            if (await contexts.ProfileAsync(onsCode, ct) is not { } authority || !(await contexts.LifetimesAsync(ct, authority.OnsCode))[authority.OnsCode].ReturnsFor(period))
            {
                return null;
            }

            var spec = ReturnSpecifications.ForPeriod(period);
            var previous = await contexts.PreviousFiguresAsync(onsCode, period, ct);
            var content = ReturnTemplate.Write(spec, authority, period, previous);
            return new File($"supporting-families-return-{authority.DfeCode}-{period.UrlSegment}.xlsx", content);
        }
    }
}
