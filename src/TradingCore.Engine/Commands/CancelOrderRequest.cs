namespace TradingCore.Engine.Commands;

/// <summary>Cancel a pending order (MT5 TRADE_ACTION_REMOVE), by ticket or by client order id.</summary>
public sealed record CancelOrderRequest
{
    /// <summary>The account owning the order.</summary>
    public required long AccountId { get; init; }

    /// <summary>0 when <see cref="ClientOrderId"/> names the order.</summary>
    public ulong OrderTicket { get; init; }

    /// <summary>Idempotency key of the cancel request.</summary>
    public string ClientOrderId { get; init; } = "";
}
