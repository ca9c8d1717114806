using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Loop;

/// <summary>
/// Where feeds leave ticks for the engine: one <see cref="TickRun"/> per symbol waiting to be applied. The first
/// tick of a run asks for a place in the engine's input (one message per symbol, however many ticks follow); later
/// ticks of the same symbol join the waiting run (the first 256 kept as they are, beyond that conflated). So the
/// engine's input holds at most one message per symbol for ticks, a flood conflates instead of queueing, and a
/// command waits behind at most one run (≤ 261 ticks) per symbol.
/// Thread-safe: feeds add from their threads, the engine takes on its own.
/// </summary>
internal sealed class TickConflator
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, TickRun> _waiting = new(StringComparer.Ordinal);
    private readonly Stack<TickRun> _pool = new();
    /// <summary>Symbols with a run waiting.</summary>
    public int Waiting
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>Adds a tick; true when it started a run (the caller then queues the symbol for the engine).</summary>
    public bool Add(in Tick tick, long stamp)
    {
        lock (_lock)
        {
            if (_waiting.TryGetValue(tick.Symbol, out var run))
            {
                run.Add(tick, stamp);
                return false;
            }

            run = _pool.Count > 0 ? _pool.Pop() : new TickRun();
            run.Start(tick, stamp);
            _waiting.Add(tick.Symbol, run);
            return true;
        }
    }

    /// <summary>Takes the symbol's waiting run (null when there is none); give it back with <see cref="Return"/>.</summary>
    public TickRun? Take(string symbol)
    {
        lock (_lock)
        {
            return _waiting.Remove(symbol, out var run) ? run : null;
        }
    }

    /// <summary>Withdraws a run whose symbol could not be queued (the engine is stopping).</summary>
    public void Cancel(string symbol)
    {
        if (Take(symbol) is { } run)
        {
            Return(run);
        }
    }

    public void Return(TickRun run)
    {
        lock (_lock)
        {
            if (_pool.Count < 64)
            {
                _pool.Push(run);
            }
        }
    }
}
