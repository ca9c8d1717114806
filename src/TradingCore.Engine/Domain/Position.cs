namespace TradingCore.Engine.Domain;

/// <summary>An open position (MT5 position). Immutable; floating profit is computed from the market on demand.</summary>
public sealed record Position
{
    /// <summary>Position ticket (MT5 POSITION_TICKET); changes on a netting reversal.</summary>
    public required ulong Ticket { get; init; }

    /// <summary>Ticket of the opening order; never changes (MT5 POSITION_IDENTIFIER).</summary>
    public required ulong Identifier { get; init; }

    public required long AccountId { get; init; }

    public required string Symbol { get; init; }

    public required PositionType Type { get; init; }

    /// <summary>Volume in lots, &gt; 0 while open.</summary>
    public required decimal Volume { get; init; }

    /// <summary>Volume-weighted average open price, rounded to <see cref="PositionMath.AveragePriceDigits"/>.</summary>
    public required decimal PriceOpen { get; init; }

    public decimal? StopLoss { get; init; }

    public decimal? TakeProfit { get; init; }

    public required long TimeMs { get; init; }

    public required long TimeUpdateMs { get; init; }

    public ulong Magic { get; init; }

    public string Comment { get; init; } = "";

    public bool IsBuy => Type == PositionType.Buy;
}
