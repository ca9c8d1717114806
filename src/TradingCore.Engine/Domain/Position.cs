namespace TradingCore.Engine.Domain;

/// <summary>An open position (MT5 position). Immutable; floating profit is computed from the market on demand.</summary>
public sealed record Position
{
    /// <summary>Position ticket (MT5 POSITION_TICKET); changes on a netting reversal.</summary>
    public required ulong Ticket { get; init; }

    /// <summary>Ticket of the opening order; never changes (MT5 POSITION_IDENTIFIER).</summary>
    public required ulong Identifier { get; init; }

    /// <summary>The account.</summary>
    public required long AccountId { get; init; }

    /// <summary>Symbol held.</summary>
    public required string Symbol { get; init; }

    /// <summary>Long or short.</summary>
    public required PositionType Type { get; init; }

    /// <summary>Volume in lots, &gt; 0 while open.</summary>
    public required decimal Volume { get; init; }

    /// <summary>Volume-weighted average open price, rounded to <see cref="PositionMath.AveragePriceDigits"/>.</summary>
    public required decimal PriceOpen { get; init; }

    /// <summary>Stop loss price (null = none).</summary>
    public decimal? StopLoss { get; init; }

    /// <summary>Take profit price (null = none).</summary>
    public decimal? TakeProfit { get; init; }

    /// <summary>Opening time, UTC epoch ms.</summary>
    public required long TimeMs { get; init; }

    /// <summary>Last change time, UTC epoch ms.</summary>
    public required long TimeUpdateMs { get; init; }

    /// <summary>Swap accumulated by rollovers, account currency (MT5 POSITION_SWAP); realized on the closing deal.</summary>
    public decimal Swap { get; init; }

    /// <summary>The time the swap is charged through, UTC epoch ms: the position pays the next rollover after it (its opening time at first).</summary>
    public long SwapThroughMs { get; init; }

    /// <summary>Expert (bot) id of the opening order.</summary>
    public ulong Magic { get; init; }

    /// <summary>Routed accounts: MT5's POSITION_IDENTIFIER, how MT5's deals find the position; 0 for the core's own.</summary>
    public ulong Mt5PositionId { get; init; }

    /// <summary>Comment of the opening order.</summary>
    public string Comment { get; init; } = "";

    /// <summary>True for a long position.</summary>
    public bool IsBuy => Type == PositionType.Buy;
}
