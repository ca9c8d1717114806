namespace TradingCore.Engine.Commands;

/// <summary>Set a position's SL/TP (MT5 TRADE_ACTION_SLTP); null removes a level.</summary>
public sealed record ModifyPositionRequest
{
    /// <summary>The account holding the position.</summary>
    public required long AccountId { get; init; }

    /// <summary>The position to change.</summary>
    public required ulong PositionTicket { get; init; }

    /// <summary>New stop loss (null = none).</summary>
    public decimal? StopLoss { get; init; }

    /// <summary>New take profit (null = none).</summary>
    public decimal? TakeProfit { get; init; }
}
