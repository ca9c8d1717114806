using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Commands;

/// <summary>Change a pending order (MT5 TRADE_ACTION_MODIFY): every new value is stated.</summary>
public sealed record ModifyOrderRequest
{
    /// <summary>The account owning the order.</summary>
    public required long AccountId { get; init; }

    /// <summary>The pending order to change.</summary>
    public required ulong OrderTicket { get; init; }

    /// <summary>New trigger price.</summary>
    public required decimal Price { get; init; }

    /// <summary>New stop-limit price (stop-limit orders).</summary>
    public decimal? StopLimitPrice { get; init; }

    /// <summary>New stop loss (null = none).</summary>
    public decimal? StopLoss { get; init; }

    /// <summary>New take profit (null = none).</summary>
    public decimal? TakeProfit { get; init; }

    /// <summary>Null = keep the current lifetime.</summary>
    public OrderTimeType? TimeType { get; init; }

    /// <summary>New expiry, UTC epoch ms (specified lifetimes).</summary>
    public long ExpirationTimeMs { get; init; }
}
