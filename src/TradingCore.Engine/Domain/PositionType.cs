namespace TradingCore.Engine.Domain;

/// <summary>Position direction.</summary>
public enum PositionType
{
    /// <summary>Long.</summary>
    Buy = 1,

    /// <summary>Short.</summary>
    Sell = 2,
}
