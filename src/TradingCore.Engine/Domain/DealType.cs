namespace TradingCore.Engine.Domain;

/// <summary>Deal type (MT5 ENUM_DEAL_TYPE, the values this core produces).</summary>
public enum DealType
{
    /// <summary>A buy execution.</summary>
    Buy = 1,

    /// <summary>A sell execution.</summary>
    Sell = 2,

    /// <summary>A deposit or withdrawal.</summary>
    Balance = 3,

    /// <summary>A credit operation.</summary>
    Credit = 4,

    /// <summary>An additional charge.</summary>
    Charge = 5,

    /// <summary>A correction.</summary>
    Correction = 6,

    /// <summary>A bonus.</summary>
    Bonus = 7,

    /// <summary>A commission charge.</summary>
    Commission = 8,
}
