namespace TradingCore.Engine.Commands;

/// <summary>Close a position by an opposite one (MT5 TRADE_ACTION_CLOSE_BY, hedging accounts).</summary>
public sealed record ClosePositionByRequest
{
    public required long AccountId { get; init; }

    public required ulong PositionTicket { get; init; }

    public required ulong OppositePositionTicket { get; init; }

    public required string ClientOrderId { get; init; }

    public ulong Magic { get; init; }

    public string Comment { get; init; } = "";
}
