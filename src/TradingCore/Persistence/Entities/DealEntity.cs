namespace TradingCore.Persistence.Entities;

/// <summary>Row of table deals: one execution or balance operation.</summary>
internal sealed class DealEntity
{
    public long Ticket { get; set; }

    public long OrderTicket { get; set; }

    public long AccountId { get; set; }

    public string Symbol { get; set; } = "";

    public int Type { get; set; }

    public int Entry { get; set; }

    public decimal Volume { get; set; }

    public decimal Price { get; set; }

    public decimal Profit { get; set; }

    public decimal Commission { get; set; }

    public decimal Swap { get; set; }

    public decimal Fee { get; set; }

    public long PositionId { get; set; }

    public long TimeMs { get; set; }

    public long Magic { get; set; }

    public string Comment { get; set; } = "";

    /// <summary>Routed accounts: MT5's deal ticket (0 for the core's own deals).</summary>
    public long Mt5DealTicket { get; set; }

    public int Reason { get; set; }

    public string ClientOrderId { get; set; } = "";

    public decimal? StopLoss { get; set; }

    public decimal? TakeProfit { get; set; }
}
