using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Commands;

/// <summary>What an order would do to the account (MT5 OrderCheck), without placing it.</summary>
public sealed record CheckOutcome
{
    public OutcomeKind Kind { get; init; }

    public TradeRetcode Retcode { get; init; }

    public string Message { get; init; } = "";

    public decimal Balance { get; init; }

    public decimal Equity { get; init; }

    public decimal Margin { get; init; }

    public decimal FreeMargin { get; init; }

    public decimal? MarginLevel { get; init; }

    public decimal OrderMargin { get; init; }
}
