using TradingCore.Diagnostics;

namespace TradingCore.Persistence;

/// <summary>
/// Backpressure from the projection: the writer commits no further batch while the journal holds more than
/// TradingCore:Persistence:MaxProjectionLag events that the queryable tables lack. Until the projection catches up the
/// outbox fills, the engine waits on it and new commands wait at admission (then get RESOURCE_EXHAUSTED), so a
/// sustained load the projection cannot follow, or a projection that keeps failing, slows trading at the door
/// instead of piling decided orders, batches and events up in memory until the process runs out of it.
/// </summary>
internal sealed partial class JournalWriter
{
    /// <summary>How long a hold lasts before it is logged (a projection that fails or crawls, not a burst).</summary>
    private static readonly TimeSpan ReportHoldAfter = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _completing = new();
    private ulong _appendedEvents;
    private long _holds;

    /// <summary>Engine events committed to the journal that the queryable tables do not hold yet.</summary>
    public long ProjectionLag => _projector is null || Discarding ? 0 : (long)(Volatile.Read(ref _appendedEvents) - Math.Min(Volatile.Read(ref _appendedEvents), _projector.ProjectedEventSequence));

    /// <summary>Times the writer waited for the projection since start.</summary>
    public long ProjectionHolds => Interlocked.Read(ref _holds);

    /// <summary>The last batch appended events up to <paramref name="lastSequence"/>.</summary>
    private void NoteAppended(ulong lastSequence) => Volatile.Write(ref _appendedEvents, lastSequence);

    /// <summary>
    /// Waits while the projection lags more than the bound (nothing to wait for with no bound, no projector, or once
    /// the writer is completing: shutdown commits everything enqueued).
    /// </summary>
    private async ValueTask HoldForProjectionAsync()
    {
        if (_maxProjectionLag <= 0 || _projector is null || Discarding)
        {
            return;
        }

        var appended = Volatile.Read(ref _appendedEvents);
        if (appended <= (ulong)_maxProjectionLag)
        {
            return;
        }

        var needed = appended - (ulong)_maxProjectionLag;
        if (_projector.ProjectedEventSequence >= needed)
        {
            return;
        }

        Interlocked.Increment(ref _holds);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var reported = false;
        var wait = _projector.WaitForEventsAsync(needed, _completing.Token);
        while (true)
        {
            try
            {
                await wait.WaitAsync(ReportHoldAfter).ConfigureAwait(false);
                break;
            }
            catch (TimeoutException)
            {
                if (!reported)
                {
                    reported = true;
                    Log.ProjectionHolding(_logger, ProjectionLag, _maxProjectionLag);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (reported)
        {
            Log.ProjectionCaughtUp(_logger, (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
