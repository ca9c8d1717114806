namespace TradingCore.Persistence.Entities;

/// <summary>
/// Row of table last_quotes: the latest tick the engine applied for a symbol (UTC), saved about once a second and
/// at shutdown, so after a restart margin and profit are computed from the last known price (marked stale) instead of
/// reading as if there were no position.
/// </summary>
internal sealed class LastQuoteEntity
{
    public string Symbol { get; set; } = "";

    public long TimeMs { get; set; }

    public decimal Bid { get; set; }

    public decimal Ask { get; set; }

    public decimal Last { get; set; }

    public decimal Volume { get; set; }

    public long Flags { get; set; }
}
