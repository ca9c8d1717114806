namespace TradingCore.Engine.Domain;

/// <summary>
/// One price update (MT5 MqlTick) as the engine sees it. <see cref="Sequence"/> is 0 when a feed produces the
/// tick and is assigned by the engine (per symbol, +1 per accepted tick). Value type: passing it allocates nothing.
/// </summary>
/// <param name="Symbol">Symbol name; feeds reuse one string instance per symbol.</param>
/// <param name="TimeMs">Tick time, UTC epoch milliseconds.</param>
/// <param name="Bid">Bid price; both sides are always present (feeds forward-fill).</param>
/// <param name="Ask">Ask price.</param>
/// <param name="Last">Last trade price, 0 when the feed has none.</param>
/// <param name="Volume">Last trade volume, 0 when the feed has none.</param>
/// <param name="Flags">MT5 tick flags (2 bid, 4 ask, 8 last, 16 volume, 32 buy, 64 sell; other bits passed through).</param>
/// <param name="Sequence">Per-symbol sequence assigned by the engine.</param>
public readonly record struct Tick(
    string Symbol,
    long TimeMs,
    decimal Bid,
    decimal Ask,
    decimal Last,
    decimal Volume,
    uint Flags,
    ulong Sequence = 0)
{
    /// <summary>MT5 TICK_FLAG_BID.</summary>
    public const uint FlagBid = 2;

    /// <summary>MT5 TICK_FLAG_ASK.</summary>
    public const uint FlagAsk = 4;

    /// <summary>MT5 TICK_FLAG_LAST.</summary>
    public const uint FlagLast = 8;

    /// <summary>MT5 TICK_FLAG_VOLUME.</summary>
    public const uint FlagVolume = 16;
}
