namespace TradingCore.Engine.Domain;

/// <summary>How a symbol's swap values read (MT5 ENUM_SYMBOL_SWAP_MODE, numbers + 1). docs/accounting.md, "Swaps".</summary>
public enum SwapMode
{
    /// <summary>No swap.</summary>
    Disabled = 1,

    /// <summary>Points: v × point × contract size × lots, in the profit currency.</summary>
    Points = 2,

    /// <summary>Money in the base currency per lot.</summary>
    CurrencySymbol = 3,

    /// <summary>Money in the margin currency per lot.</summary>
    CurrencyMargin = 4,

    /// <summary>Money in the deposit currency per lot.</summary>
    CurrencyDeposit = 5,

    /// <summary>Percent a year (360 days) of the position's value at the current price.</summary>
    InterestCurrent = 6,

    /// <summary>Percent a year (360 days) of the position's value at its open price.</summary>
    InterestOpen = 7,

    /// <summary>At rollover the position is closed at the close-side price and reopened there, moved by v points against it.</summary>
    ReopenCurrent = 8,

    /// <summary>At rollover the position is closed at the close-side price and reopened at the bid, moved by v points against it.</summary>
    ReopenBid = 9,

    /// <summary>Money in the profit currency per lot (MT5 SYMBOL_SWAP_MODE_CURRENCY_PROFIT; its client number is unconfirmed).</summary>
    CurrencyProfit = 10,
}
