using Microsoft.EntityFrameworkCore;
using NationalReturns.Web.Data;

namespace NationalReturns.Web.Features.Notifications;

/// <summary>Puts emails in the outbox; the same key twice is one email, so a job can be run again safely.</summary>
public sealed class Outbox(NationalReturnsDbContext db, TimeProvider clock)
{
    /// <summary>What a secret message's body becomes once it has been sent or given up on.</summary>
    public const string NotKept = "(This message held a single-use link. It is not kept once sent.)";

    /// <summary>True when the message was new.</summary>
    /// <param name="secret">The body holds a single-use link: it is dropped from the outbox once sent.</param>
    public async Task<bool> EnqueueAsync(string key, string to, string subject, string body, bool secret, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var added = await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO outbox_messages (key, "to", subject, body, created_at, next_attempt_at, attempts, secret)
            VALUES ({key}, {to}, {subject}, {body}, {now}, {now}, 0, {secret})
            ON CONFLICT (key) DO NOTHING
            """, ct);
        return added == 1;
    }
}
