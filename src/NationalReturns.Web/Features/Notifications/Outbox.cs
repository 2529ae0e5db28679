using Microsoft.EntityFrameworkCore;
using NationalReturns.Web.Data;

namespace NationalReturns.Web.Features.Notifications;

/// <summary>Puts emails in the outbox; the same key twice is one email, so a job can be run again safely.</summary>
public sealed class Outbox(NationalReturnsDbContext db, TimeProvider clock)
{
    /// <summary>True when the message was new.</summary>
    public async Task<bool> EnqueueAsync(string key, string to, string subject, string body, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var added = await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO outbox_messages (key, "to", subject, body, created_at, next_attempt_at, attempts)
            VALUES ({key}, {to}, {subject}, {body}, {now}, {now}, 0)
            ON CONFLICT (key) DO NOTHING
            """, ct);
        return added == 1;
    }
}
