using Microsoft.EntityFrameworkCore;
using NationalReturns.Web.Data;

namespace NationalReturns.Web.Features.Notifications;

/// <summary>Sends what is waiting in the outbox; a failure is retried later with growing gaps, up to a limit.</summary>
public static class DeliverOutbox
{
    public const int MaxAttempts = 6;

    public sealed class Handler(NationalReturnsDbContext db, EmailSender sender, TimeProvider clock, ILogger<Handler> log)
    {
        public async Task<string> HandleAsync(CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // SKIP LOCKED: should two instances ever deliver at once, each takes different messages.
            var due = await db.OutboxMessages
                .FromSql($"SELECT * FROM outbox_messages WHERE sent_at IS NULL AND attempts < {MaxAttempts} AND next_attempt_at <= {now} ORDER BY id LIMIT 100 FOR UPDATE SKIP LOCKED")
                .ToListAsync(ct);
            int sent = 0, failed = 0;
            foreach (var message in due)
            {
                try
                {
                    await sender.SendAsync(message.To, message.Subject, message.Body, ct);
                    message.SentAt = clock.GetUtcNow();
                    message.Body = message.Secret ? Outbox.NotKept : message.Body;
                    sent++;
                }
#pragma warning disable CA1031 // Any failure to send is recorded and retried; one bad address must not stop the rest.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    message.Attempts++;
                    message.LastError = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
                    message.NextAttemptAt = clock.GetUtcNow().AddMinutes(Math.Pow(2, message.Attempts));

                    // A link that will never be sent is not kept either.
                    message.Body = message.Secret && message.Attempts >= MaxAttempts ? Outbox.NotKept : message.Body;
                    // Never the address: logs hold nothing personal (the outbox row says whom it is for).
                    log.LogWarning(ex, "Email {Key} failed (attempt {Attempts})", message.Key, message.Attempts);
                    failed++;
                }
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return $"{sent} sent, {failed} failed";
        }
    }
}
