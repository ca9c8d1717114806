namespace TradingCore.Persistence.Entities;

/// <summary>Row of table positions: an open position, keyed by its identifier (deleted when closed).</summary>
internal sealed class PositionEntity
{
    public long Identifier { get; set; }

    public long Ticket { get; set; }

    public long AccountId { get; set; }

    public string Symbol { get; set; } = "";

    public int Type { get; set; }

    public decimal Volume { get; set; }

    public decimal PriceOpen { get; set; }

    public decimal? StopLoss { get; set; }

    public decimal? TakeProfit { get; set; }

    public long TimeMs { get; set; }

    public long TimeUpdateMs { get; set; }

    public long Magic { get; set; }

    public string Comment { get; set; } = "";

    /// <summary>Routed accounts: MT5's position identifier (0 for the core's own positions).</summary>
    public long Mt5PositionId { get; set; }

    /// <summary>Swap accumulated by rollovers, account currency.</summary>
    public decimal Swap { get; set; }

    /// <summary>The time the swap is charged through (the position pays the next rollover after it), UTC epoch ms.</summary>
    public long SwapThroughMs { get; set; }
}
