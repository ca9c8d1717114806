namespace TradingCore.Engine.Commands;

/// <summary>Close a position fully or partly with an opposite market deal.</summary>
public sealed record ClosePositionRequest
{
    /// <summary>The account holding the position.</summary>
    public required long AccountId { get; init; }

    /// <summary>The position to close.</summary>
    public required ulong PositionTicket { get; init; }

    /// <summary>Lots to close; null = all.</summary>
    public decimal? Volume { get; init; }

    /// <summary>Idempotency key of the closing order.</summary>
    public required string ClientOrderId { get; init; }

    /// <summary>Max slippage from Price in points; 0 = any.</summary>
    public uint DeviationPoints { get; init; }

    /// <summary>Expected price for the deviation check (null = no check).</summary>
    public decimal? Price { get; init; }

    /// <summary>Expert (bot) id for the closing order.</summary>
    public ulong Magic { get; init; }

    /// <summary>Comment for the closing order.</summary>
    public string Comment { get; init; } = "";

    /// <summary>What storage held for the client order id, when the engine asked for it (<see cref="OutcomeKind.RecallNeeded"/>); not part of the request's identity.</summary>
    public StoredRecall? Recall { get; init; }
}
