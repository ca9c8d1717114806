namespace TradingCore.Engine.Domain;

/// <summary>
/// An order as recorded by the engine. Immutable: every change produces a new instance, which is also the
/// payload of the order event. Optional prices are null when not set.
/// </summary>
public sealed record Order
{
    /// <summary>Order ticket (MT5 ORDER_TICKET), unique and increasing.</summary>
    public required ulong Ticket { get; init; }

    /// <summary>The account.</summary>
    public required long AccountId { get; init; }

    /// <summary>The client's idempotency key, unique per account.</summary>
    public required string ClientOrderId { get; init; }

    /// <summary>Symbol traded.</summary>
    public required string Symbol { get; init; }

    /// <summary>Order type (market, limit, stop, stop-limit, close-by).</summary>
    public required OrderType Type { get; init; }

    /// <summary>Where the order is in its life.</summary>
    public required OrderState State { get; init; }

    /// <summary>Requested volume, lots.</summary>
    public required decimal VolumeInitial { get; init; }

    /// <summary>Unfilled volume, lots.</summary>
    public required decimal VolumeCurrent { get; init; }

    /// <summary>Order (trigger) price for pending orders; the fill price for market orders.</summary>
    public decimal? PriceOpen { get; init; }

    /// <summary>Stop-limit orders: the limit price placed when the stop price is reached.</summary>
    public decimal? StopLimitPrice { get; init; }

    /// <summary>Stop loss for the resulting position (null = none).</summary>
    public decimal? StopLoss { get; init; }

    /// <summary>Take profit for the resulting position (null = none).</summary>
    public decimal? TakeProfit { get; init; }

    /// <summary>Volume fill policy.</summary>
    public required OrderFilling Filling { get; init; }

    /// <summary>Lifetime (GTC, day, specified).</summary>
    public required OrderTimeType TimeType { get; init; }

    /// <summary>Absolute expiry, UTC epoch ms; 0 when the order does not expire by time.</summary>
    public long ExpirationTimeMs { get; init; }

    /// <summary>Placement time, UTC epoch ms.</summary>
    public required long TimeSetupMs { get; init; }

    /// <summary>When the order stopped working; 0 while working.</summary>
    public long TimeDoneMs { get; init; }

    /// <summary>Expert (bot) id chosen by the client.</summary>
    public ulong Magic { get; init; }

    /// <summary>The client's comment.</summary>
    public string Comment { get; init; } = "";

    /// <summary>Position the order opened or changed (MT5 ORDER_POSITION_ID).</summary>
    public ulong PositionId { get; init; }

    /// <summary>Close-by orders: the opposite position used to close (MT5 ORDER_POSITION_BY_ID).</summary>
    public ulong PositionById { get; init; }

    /// <summary>Hedging: the position this order closes, as requested (0 = none).</summary>
    public ulong PositionTicketRequested { get; init; }

    /// <summary>Who placed the order (client, expert, stop loss, stop-out, ...).</summary>
    public TradeReason Reason { get; init; } = TradeReason.Expert;

    /// <summary>The retcode the request got (DONE, PLACED or the rejection reason).</summary>
    public TradeRetcode Retcode { get; init; }

    /// <summary>Human-readable reason for <see cref="Retcode"/>.</summary>
    public string RetcodeMessage { get; init; } = "";

    /// <summary>Average fill price of the filled volume.</summary>
    public decimal? PriceFilled { get; init; }

    /// <summary>The deal that filled this order (last one when several), 0 when none.</summary>
    public ulong DealTicket { get; init; }

    /// <summary>Routed orders: MT5's order ticket (ORDER_TICKET on the trade server), 0 until MT5 answered.</summary>
    public ulong Mt5OrderTicket { get; init; }

    /// <summary>Canonical text of the request parameters; two requests with one client order id must match it.</summary>
    public required string RequestFingerprint { get; init; }

    /// <summary>Market orders are BUY/SELL; everything else rests until triggered.</summary>
    public bool IsMarket => Type is OrderType.Buy or OrderType.Sell;

    /// <summary>True while the order can still fill, be modified or cancelled.</summary>
    public bool IsWorking => State is OrderState.Placed or OrderState.Partial or OrderState.Started
        or OrderState.RequestAdd or OrderState.RequestModify or OrderState.RequestCancel or OrderState.Unknown;

    /// <summary>Buy side (BUY, BUY_LIMIT, BUY_STOP, BUY_STOP_LIMIT).</summary>
    public bool IsBuy => Type is OrderType.Buy or OrderType.BuyLimit or OrderType.BuyStop or OrderType.BuyStopLimit;
}
