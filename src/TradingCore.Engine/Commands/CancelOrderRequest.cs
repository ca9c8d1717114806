namespace TradingCore.Engine.Commands;

/// <summary>Cancel a pending order (MT5 TRADE_ACTION_REMOVE), by ticket or by client order id.</summary>
public sealed record CancelOrderRequest
{
    public required long AccountId { get; init; }

    /// <summary>0 when <see cref="ClientOrderId"/> names the order.</summary>
    public ulong OrderTicket { get; init; }

    public string ClientOrderId { get; init; } = "";
}
