using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NationalReturns.Web.Data;
using Npgsql;

namespace NationalReturns.Web.Infrastructure;

/// <summary>
/// Sign-in sessions kept in PostgreSQL (<see cref="SignInSession"/>): the cookie names a session, the server
/// decides whether it still exists. Looked up by primary key on every signed-in request, one small query.
/// </summary>
public sealed class SessionStore(IServiceScopeFactory scopes, TimeProvider clock, Microsoft.Extensions.Options.IOptions<DatabaseOptions> database, Microsoft.Extensions.Options.IOptions<SessionsOptions> settings) : ITicketStore, IDisposable
{
    // The lookup on every signed-in request goes straight to Npgsql with a prepared statement: through a DbContext
    // (a scope, a context and a query pipeline per request) it cost about twice as much (ADR 8).
    private readonly Lazy<NpgsqlDataSource> _source = new(() => NpgsqlDataSource.Create(database.Value.ConnectionString!));

    // A session found a moment ago is taken as found for a second more (Sessions:RecheckSeconds; ADR 8's
    // addendum): the lookup was most of a signed-in request's fixed cost under load. Ending a session here (sign
    // out, ending all of a person's) forgets it at once; another instance notices within the second.
    private const int MostRemembered = 10_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (byte[] Ticket, string UserId, long At)> _recent = new(StringComparer.Ordinal);

    private TimeSpan Recheck => settings.Value.Recheck;

    /// <summary>Every session of the person is ending: nothing of theirs is taken from memory again.</summary>
    public void Forget(string userId)
    {
        foreach (var entry in _recent)
        {
            if (entry.Value.UserId == userId)
            {
                _recent.TryRemove(entry.Key, out _);
            }
        }
    }

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NationalReturnsDbContext>();
        var now = clock.GetUtcNow();

        // Expired sessions of the same person go as a new one starts, so the table does not grow without end.
        var userId = UserIdOf(ticket);
        await db.SignInSessions.Where(s => s.UserId == userId && s.ExpiresAt < now).ExecuteDeleteAsync();
        db.SignInSessions.Add(new SignInSession
        {
            Id = key,
            UserId = userId,
            Ticket = TicketSerializer.Default.Serialize(ticket),
            CreatedAt = now,
            ExpiresAt = ticket.Properties.ExpiresUtc ?? now.AddHours(8),
        });
        await db.SaveChangesAsync();
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        _recent.TryRemove(key, out _);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NationalReturnsDbContext>();
        var bytes = TicketSerializer.Default.Serialize(ticket);
        var expires = ticket.Properties.ExpiresUtc ?? clock.GetUtcNow().AddHours(8);
        // An update only: a session that has ended is not brought back by a request that was under way when it ended.
        await db.SignInSessions.Where(s => s.Id == key).ExecuteUpdateAsync(s => s.SetProperty(x => x.Ticket, bytes).SetProperty(x => x.ExpiresAt, expires));
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var now = clock.GetUtcNow();
        if (_recent.TryGetValue(key, out var recent) && clock.GetElapsedTime(recent.At) < Recheck
            && TicketSerializer.Default.Deserialize(recent.Ticket) is { } remembered && remembered.Properties.ExpiresUtc > now)
        {
            return remembered;
        }

        var found = await LookUpAsync(key);
        if (found is null)
        {
            _recent.TryRemove(key, out _);
            return null;
        }

        var ticket = TicketSerializer.Default.Deserialize(found);
        if (ticket is not null && Recheck > TimeSpan.Zero)
        {
            if (_recent.Count >= MostRemembered)
            {
                _recent.Clear();
            }

            _recent[key] = (found, UserIdOf(ticket), clock.GetTimestamp());
        }

        return ticket;
    }

    private async Task<byte[]?> LookUpAsync(string key)
    {
        await using var connection = await _source.Value.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT ticket FROM sign_in_sessions WHERE id = $1 AND expires_at > $2", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() });
        await command.PrepareAsync();
        return await command.ExecuteScalarAsync() as byte[];
    }

    public async Task RemoveAsync(string key)
    {
        _recent.TryRemove(key, out _);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NationalReturnsDbContext>();
        await db.SignInSessions.Where(s => s.Id == key).ExecuteDeleteAsync();
        _recent.TryRemove(key, out _);
    }

    public void Dispose()
    {
        if (_source.IsValueCreated)
        {
            _source.Value.Dispose();
        }
    }

    private static string UserIdOf(AuthenticationTicket ticket) =>
        ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A sign-in ticket has no user id.");
}

/// <summary>Starts and ends people's sessions.</summary>
public sealed class Sessions(
    NationalReturnsDbContext db,
    SessionStore store,
    SignInManager<UserAccount> signIn,
    IAuthenticationSchemeProvider schemes,
    IHttpContextAccessor http,
    Microsoft.Extensions.Options.IOptionsMonitor<CookieAuthenticationOptions> cookies)
{
    /// <summary>Ends every session of a person at once: after a password change, a change of role or authority, or disabling.</summary>
    public async Task<int> EndAllAsync(string userId, CancellationToken ct)
    {
        store.Forget(userId);
        var ended = await db.SignInSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(ct);
        store.Forget(userId);
        return ended;
    }

    /// <summary>
    /// Signs the person in on a new session, never on the one the request arrived with. The cookie handler, once it
    /// has read a session from the request, reuses that key when signing in (it renews rather than stores), which
    /// would keep a copied cookie working across a password change or hand a shared browser's old key to the next
    /// person. So the old session is ended, and a handler that has read nothing stores a new one.
    /// </summary>
    public async Task StartAsync(UserAccount user)
    {
        var context = http.HttpContext ?? throw new InvalidOperationException("Signing in needs a request.");
        if (context.Request.Cookies.ContainsKey(cookies.Get(IdentityConstants.ApplicationScheme).Cookie.Name!))
        {
            await signIn.SignOutAsync();
        }

        var scheme = await schemes.GetSchemeAsync(IdentityConstants.ApplicationScheme)
            ?? throw new InvalidOperationException("The sign-in cookie scheme is not registered.");
        var handler = (IAuthenticationSignInHandler)ActivatorUtilities.CreateInstance(context.RequestServices, scheme.HandlerType);
        await handler.InitializeAsync(scheme, context);
        var principal = await signIn.CreateUserPrincipalAsync(user);
        await handler.SignInAsync(principal, new AuthenticationProperties { IsPersistent = false });
        context.User = principal;
    }
}

/// <summary>
/// The session cookie's protector, remembering for a minute what each cookie it has opened said. The cookie only
/// names a session (the store decides whether it still exists), yet opening it took a key derivation, a MAC and a
/// decryption on every signed-in request: a tenth of a dashboard's work under load. Only what opened successfully
/// is remembered, so nothing forged is ever taken; a revoked key stops working within the minute.
/// </summary>
public sealed class SessionCookieProtector(IDataProtector inner, TimeProvider clock) : IDataProtector
{
    /// <summary>The purposes the cookie handler protects its cookie with, so cookies issued before this stay readable.</summary>
    public static SessionCookieProtector For(IDataProtectionProvider provider, string scheme, TimeProvider clock) =>
        new(provider.CreateProtector("Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", scheme, "v2"), clock);

    private const int MostRemembered = 10_000;
    private static readonly TimeSpan RememberedFor = TimeSpan.FromMinutes(1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (byte[] Plain, long At)> _opened = new(StringComparer.Ordinal);

    public IDataProtector CreateProtector(string purpose) => inner.CreateProtector(purpose);

    public byte[] Protect(byte[] plaintext) => inner.Protect(plaintext);

    public byte[] Unprotect(byte[] protectedData)
    {
        ArgumentNullException.ThrowIfNull(protectedData);
        var key = Convert.ToBase64String(protectedData);
        if (_opened.TryGetValue(key, out var opened) && clock.GetElapsedTime(opened.At) < RememberedFor)
        {
            return (byte[])opened.Plain.Clone();
        }

        var plain = inner.Unprotect(protectedData);
        if (_opened.Count >= MostRemembered)
        {
            _opened.Clear();
        }

        _opened[key] = ((byte[])plain.Clone(), clock.GetTimestamp());
        return plain;
    }
}
