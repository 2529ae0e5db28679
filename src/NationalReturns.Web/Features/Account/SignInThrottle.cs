using Microsoft.Extensions.Caching.Memory;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Account;

/// <summary>
/// Slows password guessing per device and address, never per account: after five wrong passwords from one
/// device for one email address, that device waits 1 minute, then 2, 4, 8, up to 15, while the account's owner
/// signs in from their own device as usual. Unknown and known addresses are throttled alike, so the wait says
/// nothing about whether an account exists. Kept in memory: each instance slows what reaches it.
/// </summary>
public sealed class SignInThrottle(IMemoryCache cache, TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(15);

    private sealed class Failures
    {
        public int Count { get; set; }

        public DateTimeOffset WaitUntil { get; set; }
    }

    /// <summary>How long the device must still wait before trying this address again; null when it may try now.</summary>
    public TimeSpan? Wait(string device, string email) =>
        cache.TryGetValue(Key(device, email), out Failures? failures) && failures!.WaitUntil > clock.GetUtcNow()
            ? failures.WaitUntil - clock.GetUtcNow()
            : null;

    public void Failed(string device, string email)
    {
        var failures = cache.GetOrCreate(Key(device, email), entry =>
        {
            entry.SlidingExpiration = Window;
            return new Failures();
        })!;
        lock (failures)
        {
            failures.Count++;
            if (failures.Count >= AccessSetup.MaxFailedSignIns)
            {
                var minutes = Math.Min(LongestWait.TotalMinutes, Math.Pow(2, failures.Count - AccessSetup.MaxFailedSignIns));
                failures.WaitUntil = clock.GetUtcNow().AddMinutes(minutes);
            }
        }
    }

    public void Succeeded(string device, string email) => cache.Remove(Key(device, email));

    private static string Key(string device, string email) => $"sign-in:{device}:{email.Trim().ToUpperInvariant()}";
}
