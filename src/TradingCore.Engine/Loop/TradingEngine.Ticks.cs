using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Loop;

/// <summary>The engine thread's tick work: a symbol's waiting run applied in arrival order, rejections counted.</summary>
public sealed partial class TradingEngine
{
    /// <summary>Applies a symbol's waiting ticks: the kept ones of the run, in arrival order.</summary>
    private void ProcessTicks(string symbol, long nowMs)
    {
        if (_conflator.Take(symbol) is not { } run)
        {
            return;
        }

        var kept = run.CopyKept(_kept);
        if (kept < run.Count)
        {
            Interlocked.Add(ref _conflatedTicks, run.Count - kept);
            _metrics?.TicksConflated(run.Count - kept);
        }

        for (var i = 0; i < kept; i++)
        {
            // The first applied tick stands for the run's oldest: its wait is the engine's lag behind the feed.
            ProcessTick(_kept[i].Tick, i == 0 ? run.FirstStamp : _kept[i].Stamp, nowMs);
        }

        _conflator.Return(run);
        Array.Clear(_kept);
    }

    /// <summary>
    /// Applies a tick. A tick out of range is dropped and counted by reason. The sink (streams, bars) runs after
    /// the tick is fully applied: if it throws, the tick stays applied, the failure is reported, the engine goes on.
    /// </summary>
    private void ProcessTick(in Tick tick, long ingress, long nowMs)
    {
        if (_core.ApplyTick(tick, nowMs, out var accepted, out var rejection))
        {
            try
            {
                _ticks.Publish(accepted);
            }
            catch (Exception error)
            {
                TickSinkFailed?.Invoke(error);
            }

            _metrics?.TickApplied(ingress, Stamp());
        }
        else
        {
            CountRejected(rejection);
        }

        FlushEvents();
    }

    private void CountRejected(TickRejection rejection)
    {
        var count = Interlocked.Increment(ref _rejectedTicks[(int)rejection]);
        _metrics?.TickRejected(rejection);
        if ((count & (count - 1)) == 0)
        {
            TickRejected?.Invoke(rejection, count); // at doubling intervals: a flood of bad ticks cannot flood the log
        }
    }
}
