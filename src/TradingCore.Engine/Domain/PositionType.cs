namespace TradingCore.Engine.Domain;

/// <summary>Position direction.</summary>
public enum PositionType
{
    Buy = 1,
    Sell = 2,
}
