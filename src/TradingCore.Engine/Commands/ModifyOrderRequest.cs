using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Commands;

/// <summary>Change a pending order (MT5 TRADE_ACTION_MODIFY): every new value is stated.</summary>
public sealed record ModifyOrderRequest
{
    public required long AccountId { get; init; }

    public required ulong OrderTicket { get; init; }

    public required decimal Price { get; init; }

    public decimal? StopLimitPrice { get; init; }

    public decimal? StopLoss { get; init; }

    public decimal? TakeProfit { get; init; }

    /// <summary>Null = keep the current lifetime.</summary>
    public OrderTimeType? TimeType { get; init; }

    public long ExpirationTimeMs { get; init; }
}
