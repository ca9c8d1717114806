namespace TradingCore.Engine.Commands;

/// <summary>Close a position by an opposite one (MT5 TRADE_ACTION_CLOSE_BY, hedging accounts).</summary>
public sealed record ClosePositionByRequest
{
    /// <summary>The (hedging) account.</summary>
    public required long AccountId { get; init; }

    /// <summary>The position to close.</summary>
    public required ulong PositionTicket { get; init; }

    /// <summary>The opposite position of the same symbol it is closed by.</summary>
    public required ulong OppositePositionTicket { get; init; }

    /// <summary>Idempotency key of the close-by order.</summary>
    public required string ClientOrderId { get; init; }

    /// <summary>Expert (bot) id for the close-by order.</summary>
    public ulong Magic { get; init; }

    /// <summary>Comment for the close-by order.</summary>
    public string Comment { get; init; } = "";

    /// <summary>What storage held for the client order id, when the engine asked for it (<see cref="OutcomeKind.RecallNeeded"/>); not part of the request's identity.</summary>
    public StoredRecall? Recall { get; init; }
}
