using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Commands;

/// <summary>What an order would do to the account (MT5 OrderCheck), without placing it.</summary>
public sealed record CheckOutcome
{
    /// <summary>Decided, or why the request could not be decided.</summary>
    public OutcomeKind Kind { get; init; }

    /// <summary>What the order would get (DONE when it would pass every check).</summary>
    public TradeRetcode Retcode { get; init; }

    /// <summary>Why, for a failing check.</summary>
    public string Message { get; init; } = "";

    /// <summary>Account balance, deposit currency.</summary>
    public decimal Balance { get; init; }

    /// <summary>Current equity, deposit currency.</summary>
    public decimal Equity { get; init; }

    /// <summary>Margin in use after the order, deposit currency.</summary>
    public decimal Margin { get; init; }

    /// <summary>Free margin after the order (equity − margin after), deposit currency.</summary>
    public decimal FreeMargin { get; init; }

    /// <summary>Margin level after the order, percent (null when no margin is in use).</summary>
    public decimal? MarginLevel { get; init; }

    /// <summary>Margin the order itself needs, deposit currency.</summary>
    public decimal OrderMargin { get; init; }

    /// <summary>How the account's figures are priced; Missing when they cannot be computed (then only Balance is meaningful).</summary>
    public PriceState Pricing { get; init; } = PriceState.Live;
}
