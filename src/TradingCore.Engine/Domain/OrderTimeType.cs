namespace TradingCore.Engine.Domain;

/// <summary>Order lifetime (MT5 ENUM_ORDER_TYPE_TIME); numbers match the trading.v1 contract.</summary>
public enum OrderTimeType
{
    Gtc = 1,
    Day = 2,
    Specified = 3,
    SpecifiedDay = 4,
}
