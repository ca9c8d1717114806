namespace TradingCore.Engine.Domain;

/// <summary>Deal type (MT5 ENUM_DEAL_TYPE, the values this core produces).</summary>
public enum DealType
{
    Buy = 1,
    Sell = 2,
    Balance = 3,
    Credit = 4,
    Charge = 5,
    Correction = 6,
    Bonus = 7,
    Commission = 8,
}
