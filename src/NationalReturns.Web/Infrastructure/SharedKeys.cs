using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using NationalReturns.Web.Data;

namespace NationalReturns.Web.Infrastructure;

/// <summary>
/// The data protection keys, which seal the session cookie, antiforgery tokens and the password-reset and invitation
/// links, kept in PostgreSQL (<see cref="NationalReturnsDbContext.KeyTable"/>) under one application name. Every
/// instance reads every other's cookies and links, and a restart signs nobody out (ADR 12). Before, each instance
/// kept keys of its own in its user's home folder, lost with a container.
/// </summary>
public static class SharedKeys
{
    /// <summary>
    /// The same on every instance: the name is part of every protector's purposes, and by default it is the app's
    /// content path, which differs between machines and deployments.
    /// </summary>
    public const string ApplicationName = "national-returns";

    public static WebApplicationBuilder AddSharedKeys(this WebApplicationBuilder builder)
    {
        builder.Services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<NationalReturnsDbContext>();
        return builder;
    }

    /// <summary>
    /// Reads the key ring, making its first key if the database has none, one instance at a time. Two instances
    /// starting together on a new database would otherwise each make a first key and use their own: an instance
    /// looks again for a key it does not know only in its first two minutes, and otherwise rereads the ring once a
    /// day, so for up to a day each would refuse cookies the other sealed. Later keys are made two days before they
    /// are used, so every instance has read them by then.
    /// </summary>
    public static async Task LoadKeyRingAsync(IServiceProvider services, NationalReturnsDbContext db, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext('data-protection-keys'))", ct);
        // Sealing anything reads the ring, and makes and stores (on a connection of its own) a key if there is none.
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("national-returns.key-ring").Protect([1]);
        await transaction.CommitAsync(ct);
    }
}
