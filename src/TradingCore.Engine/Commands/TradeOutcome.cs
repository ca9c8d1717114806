using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Commands;

/// <summary>The engine's answer to a trade request (modelled on MT5 MqlTradeResult).</summary>
public sealed record TradeOutcome
{
    /// <summary>Decided, or why the request could not be decided (not found, conflict).</summary>
    public OutcomeKind Kind { get; init; }

    /// <summary>MT5 return code of the decision.</summary>
    public TradeRetcode Retcode { get; init; }

    /// <summary>Explanation, naming the rule or field for a rejection.</summary>
    public string Message { get; init; } = "";

    /// <summary>The order as recorded after this request (null when none was recorded).</summary>
    public Order? Order { get; init; }

    /// <summary>The deal executed (0 when none).</summary>
    public ulong DealTicket { get; init; }

    /// <summary>The position opened, changed or closed (0 when none).</summary>
    public ulong PositionTicket { get; init; }

    /// <summary>Executed volume, lots.</summary>
    public decimal Volume { get; init; }

    /// <summary>Deal price (market) or order price (pending).</summary>
    public decimal? Price { get; init; }

    /// <summary>Bid at the decision (null without a quote).</summary>
    public decimal? Bid { get; init; }

    /// <summary>Ask at the decision (null without a quote).</summary>
    public decimal? Ask { get; init; }

    /// <summary>The request's idempotency key.</summary>
    public string ClientOrderId { get; init; } = "";

    /// <summary>True when this replays the stored outcome of an earlier identical request.</summary>
    public bool Duplicate { get; init; }

    /// <summary>Sequence of the last event the request produced; 0 when none.</summary>
    public ulong Sequence { get; init; }

    /// <summary>Sequence of the first event the request produced; 0 when none (its events are FirstSequence..Sequence).</summary>
    public ulong FirstSequence { get; init; }

    /// <summary>With <see cref="OutcomeKind.RecallNeeded"/>: storage must be read at or beyond this event sequence.</summary>
    public ulong RecallThrough { get; init; }

    /// <summary>The answer when the account, order or position named does not exist.</summary>
    public static TradeOutcome NotFound(string message) => new() { Kind = OutcomeKind.NotFound, Message = message };

    /// <summary>The answer when the client order id was used before with different parameters.</summary>
    public static TradeOutcome Conflict(string clientOrderId) => new()
    {
        Kind = OutcomeKind.Conflict,
        ClientOrderId = clientOrderId,
        Message = $"client order id '{clientOrderId}' was already used with different parameters",
    };

    /// <summary>The engine cannot decide before storage was asked about <paramref name="clientOrderId"/>.</summary>
    public static TradeOutcome RecallNeeded(string clientOrderId, ulong through) => new()
    {
        Kind = OutcomeKind.RecallNeeded,
        ClientOrderId = clientOrderId,
        RecallThrough = through,
        Message = $"client order id '{clientOrderId}' must be looked up in storage",
    };
}
