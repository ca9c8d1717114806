namespace TradingCore.Engine.Domain;

/// <summary>Order lifetimes a symbol allows (MT5 SYMBOL_EXPIRATION_MODE bits).</summary>
[Flags]
public enum ExpirationModes
{
    None = 0,
    Gtc = 1,
    Day = 2,
    Specified = 4,
    SpecifiedDay = 8,
    All = Gtc | Day | Specified | SpecifiedDay,
}
