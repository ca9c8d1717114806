namespace TradingCore.Mt5Feed.Bridge;

/// <summary>
/// A bridge tick as a value: what the tick fast path reads and the acceptor keeps per symbol, so a tick crosses the
/// ingest path without an allocation (a flood of them would otherwise feed the garbage collector). Equal in every
/// field means the same tick (a duplicate).
/// </summary>
public readonly record struct BridgeTickValue(string Symbol, long TimeMsc, decimal Bid, decimal Ask, decimal Last, decimal Volume, uint Flags)
{
    /// <summary>The tick as a protocol message (for what is stored across restarts).</summary>
    public BridgeTick ToMessage() => new(Symbol, TimeMsc, Bid, Ask, Last, Volume, Flags);

    /// <summary>A protocol message's tick as a value.</summary>
    public static BridgeTickValue Of(BridgeTick tick) => new(tick.Symbol, tick.TimeMsc, tick.Bid, tick.Ask, tick.Last, tick.Volume, tick.Flags);
}
