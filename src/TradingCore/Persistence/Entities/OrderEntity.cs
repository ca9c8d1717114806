namespace TradingCore.Persistence.Entities;

/// <summary>Row of table orders: every order ever decided, including rejections (the idempotency record).</summary>
internal sealed class OrderEntity
{
    public long Ticket { get; set; }

    public long AccountId { get; set; }

    public string ClientOrderId { get; set; } = "";

    public string Symbol { get; set; } = "";

    public int Type { get; set; }

    public int State { get; set; }

    public decimal VolumeInitial { get; set; }

    public decimal VolumeCurrent { get; set; }

    public decimal? PriceOpen { get; set; }

    public decimal? StopLimitPrice { get; set; }

    public decimal? StopLoss { get; set; }

    public decimal? TakeProfit { get; set; }

    public int Filling { get; set; }

    public int TimeType { get; set; }

    public long ExpirationTimeMs { get; set; }

    public long TimeSetupMs { get; set; }

    public long TimeDoneMs { get; set; }

    public long Magic { get; set; }

    public string Comment { get; set; } = "";

    /// <summary>Routed orders: MT5's order ticket (0 until MT5 answered, and for the core's own orders).</summary>
    public long Mt5OrderTicket { get; set; }

    public long PositionId { get; set; }

    public long PositionById { get; set; }

    public long PositionTicketRequested { get; set; }

    public int Reason { get; set; }

    public int Retcode { get; set; }

    public string RetcodeMessage { get; set; } = "";

    public decimal? PriceFilled { get; set; }

    public long DealTicket { get; set; }

    public string RequestFingerprint { get; set; } = "";
}
