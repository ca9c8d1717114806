using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Commands;

/// <summary>The engine's answer to a trade request (modelled on MT5 MqlTradeResult).</summary>
public sealed record TradeOutcome
{
    public OutcomeKind Kind { get; init; }

    public TradeRetcode Retcode { get; init; }

    public string Message { get; init; } = "";

    /// <summary>The order as recorded after this request (null when none was recorded).</summary>
    public Order? Order { get; init; }

    public ulong DealTicket { get; init; }

    public ulong PositionTicket { get; init; }

    public decimal Volume { get; init; }

    public decimal? Price { get; init; }

    public decimal? Bid { get; init; }

    public decimal? Ask { get; init; }

    public string ClientOrderId { get; init; } = "";

    /// <summary>True when this replays the stored outcome of an earlier identical request.</summary>
    public bool Duplicate { get; init; }

    /// <summary>Sequence of the last event the request produced; 0 when none.</summary>
    public ulong Sequence { get; init; }

    public static TradeOutcome NotFound(string message) => new() { Kind = OutcomeKind.NotFound, Message = message };

    public static TradeOutcome Conflict(string clientOrderId) => new()
    {
        Kind = OutcomeKind.Conflict,
        ClientOrderId = clientOrderId,
        Message = $"client order id '{clientOrderId}' was already used with different parameters",
    };
}
