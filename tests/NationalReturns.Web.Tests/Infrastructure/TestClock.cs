using System.Diagnostics;

namespace NationalReturns.Web.Tests.Infrastructure;

/// <summary>
/// The app's clock in tests. Every run starts on the same day, so which quarter is being collected, what is
/// due and what is overdue do not depend on when the suite is run; time then runs on from there, so throttles,
/// links and sessions still see it pass. A test can go to another day (<see cref="GoTo"/>) and is put back after.
/// </summary>
public sealed class TestClock : TimeProvider
{
    /// <summary>A Monday in the second quarter of 2026-27: 2026-27 Q2 is being collected and due on 11 November, so overdue.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private readonly long _started = Stopwatch.GetTimestamp();
    private TimeSpan _shift;

    public override DateTimeOffset GetUtcNow() => Start + _shift + Stopwatch.GetElapsedTime(_started);

    /// <summary>Moves the clock to <paramref name="moment"/> until the returned value is disposed.</summary>
    public IDisposable GoTo(DateTimeOffset moment)
    {
        var before = _shift;
        _shift = moment - Start - Stopwatch.GetElapsedTime(_started);
        return new Back(() => _shift = before);
    }

    private sealed class Back(Action back) : IDisposable
    {
        public void Dispose() => back();
    }
}
