namespace TradingCore.Engine.Domain;

/// <summary>Order type with MT5 meaning (ENUM_ORDER_TYPE); numbers match the trading.v1 contract.</summary>
public enum OrderType
{
    Buy = 1,
    Sell = 2,
    BuyLimit = 3,
    SellLimit = 4,
    BuyStop = 5,
    SellStop = 6,
    BuyStopLimit = 7,
    SellStopLimit = 8,
    CloseBy = 9,
}
