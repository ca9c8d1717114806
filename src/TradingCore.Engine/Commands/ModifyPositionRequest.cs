namespace TradingCore.Engine.Commands;

/// <summary>Set a position's SL/TP (MT5 TRADE_ACTION_SLTP); null removes a level.</summary>
public sealed record ModifyPositionRequest
{
    public required long AccountId { get; init; }

    public required ulong PositionTicket { get; init; }

    public decimal? StopLoss { get; init; }

    public decimal? TakeProfit { get; init; }
}
