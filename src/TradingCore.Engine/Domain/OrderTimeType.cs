namespace TradingCore.Engine.Domain;

/// <summary>Order lifetime (MT5 ENUM_ORDER_TYPE_TIME); numbers match the trading.v1 contract.</summary>
public enum OrderTimeType
{
    /// <summary>Good till cancelled.</summary>
    Gtc = 1,

    /// <summary>Good for the current trading day.</summary>
    Day = 2,

    /// <summary>Good till the expiration time.</summary>
    Specified = 3,

    /// <summary>Good till the end of the expiration day.</summary>
    SpecifiedDay = 4,
}
