namespace TradingCore.Engine.Domain;

/// <summary>The currency of a per-lot or per-deal commission amount (MT5 group commission "currency" choices).</summary>
public enum CommissionCurrency
{
    /// <summary>The account's deposit currency.</summary>
    Deposit = 1,

    /// <summary>The symbol's base currency.</summary>
    Base = 2,

    /// <summary>The symbol's profit currency.</summary>
    Profit = 3,

    /// <summary>The symbol's margin currency.</summary>
    Margin = 4,
}
