namespace TradingCore.Engine.Domain;

/// <summary>Order lifetimes a symbol allows (MT5 SYMBOL_EXPIRATION_MODE bits).</summary>
[Flags]
public enum ExpirationModes
{
    /// <summary>No lifetimes.</summary>
    None = 0,

    /// <summary>Good till cancelled.</summary>
    Gtc = 1,

    /// <summary>Good for the trading day.</summary>
    Day = 2,

    /// <summary>Good till a time.</summary>
    Specified = 4,

    /// <summary>Good till a day.</summary>
    SpecifiedDay = 8,

    /// <summary>Every lifetime.</summary>
    All = Gtc | Day | Specified | SpecifiedDay,
}
