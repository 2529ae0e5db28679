using Microsoft.EntityFrameworkCore;
using NationalReturns.Web.Data;

namespace NationalReturns.Web.Features.Audit;

/// <summary>The audit trail, newest first, filtered by who, what, which authority and when.</summary>
public static class ListAuditEvents
{
    public const int PageSize = 100;

    public sealed class Filter
    {
        public string? Actor { get; set; }

        public string? Action { get; set; }

        public string? Authority { get; set; }

        public DateOnly? From { get; set; }

        public DateOnly? To { get; set; }

        public int Page { get; set; } = 1;
    }

    public sealed record Model(Filter Filter, IReadOnlyList<AuditEvent> Events, int Total, IReadOnlyList<string> Actions)
    {
        public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    }

    public sealed class Handler(NationalReturnsDbContext db)
    {
        public async Task<Model> HandleAsync(Filter filter, CancellationToken ct)
        {
            var events = db.AuditEvents.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(filter.Actor))
            {
                var actor = $"%{filter.Actor.Trim()}%";
                events = events.Where(e => EF.Functions.ILike(e.Actor, actor));
            }

            if (!string.IsNullOrWhiteSpace(filter.Action))
            {
                events = events.Where(e => e.Action == filter.Action);
            }

            if (!string.IsNullOrWhiteSpace(filter.Authority))
            {
                var code = filter.Authority.Trim().ToUpperInvariant();
                events = events.Where(e => e.AuthorityCode == code);
            }

            if (filter.From is { } from)
            {
                var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                events = events.Where(e => e.At >= start);
            }

            if (filter.To is { } to)
            {
                var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                events = events.Where(e => e.At < end);
            }

            var page = Math.Max(1, filter.Page);
            var total = await events.CountAsync(ct);
            var list = await events.OrderByDescending(e => e.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
            var actions = await db.AuditEvents.Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(ct);
            return new Model(filter, list, total, actions);
        }
    }
}
