namespace TradingCore.Mt5Feed.Bridge;

/// <summary>
/// Per-symbol order of bridge ticks: a tick older than the last accepted one is out-of-order, a tick equal in
/// every field to the last accepted one is a duplicate (a resume re-sending its last millisecond). Kept per
/// terminal login across reconnects, so a resumed session continues where the previous one stopped.
/// </summary>
internal sealed class TickAcceptor
{
    private readonly Dictionary<string, BridgeTickValue> _last = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public enum Verdict
    {
        Accepted,
        OutOfOrder,
        Duplicate,
    }

    public Verdict Accept(in BridgeTickValue tick)
    {
        lock (_gate)
        {
            // The symbol's slot, written in place (no allocation per tick).
            ref var last = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_last, tick.Symbol, out var exists);
            if (exists)
            {
                if (tick.TimeMsc < last.TimeMsc)
                {
                    return Verdict.OutOfOrder;
                }

                if (tick == last)
                {
                    return Verdict.Duplicate;
                }
            }

            last = tick;
            return Verdict.Accepted;
        }
    }

    /// <summary>Restores the last accepted tick of a symbol saved before a restart (only if none is newer).</summary>
    public void Seed(BridgeTick tick)
    {
        lock (_gate)
        {
            if (!_last.TryGetValue(tick.Symbol, out var last) || last.TimeMsc < tick.TimeMsc)
            {
                _last[tick.Symbol] = BridgeTickValue.Of(tick);
            }
        }
    }

    /// <summary>The last accepted tick per symbol (what a restart must remember).</summary>
    public IReadOnlyList<BridgeTick> LastTicks()
    {
        lock (_gate)
        {
            return [.. _last.Values.Select(tick => tick.ToMessage())];
        }
    }

    /// <summary>Last accepted time_msc per symbol (server time): where a reconnecting terminal resumes.</summary>
    public Dictionary<string, long> ResumePoints()
    {
        lock (_gate)
        {
            return _last.ToDictionary(pair => pair.Key, pair => pair.Value.TimeMsc, StringComparer.Ordinal);
        }
    }
}
