using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.YourReturns;

public static class ShowYourReturns
{
    public sealed record Model(string OnsCode, string Name, IReadOnlyList<Quarter> Quarters);

    public sealed record Quarter(ReturnPeriod Period, ReturnStatus Status, CollectionWindow Window, string Due, string NextStep);

    public sealed class Handler(NationalReturnsDbContext db, CollectionCalendar windows)
    {
        public async Task<Model> HandleAsync(string onsCode, bool isPreparer, CancellationToken ct)
        {
            var name = await db.LocalAuthorities.Where(a => a.OnsCode == onsCode).Select(a => a.Name).SingleAsync(ct);
            var current = windows.Current;
            var periods = current.AndPrevious(4);
            var keys = periods.Select(p => p.UrlSegment).ToList();
            var statuses = await db.AuthorityReturns.AsNoTracking()
                .Where(r => r.AuthorityCode == onsCode && keys.Contains(r.Period))
                .ToDictionaryAsync(r => r.Period, r => r.Status, ct);
            var quarters = new List<Quarter>();
            foreach (var period in periods)
            {
                var status = statuses.GetValueOrDefault(period.UrlSegment, ReturnStatus.NotStarted);
                var window = await windows.ForAsync(period, ct);
                quarters.Add(new Quarter(period, status, window, window.Describe(windows.Today, status), ReturnProgress.NextStep(status, isPreparer ? WorkflowRole.Preparer : WorkflowRole.Approver)));
            }

            return new Model(onsCode, name, quarters);
        }
    }
}
