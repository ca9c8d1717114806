namespace TradingCore.Engine.Domain;

/// <summary>Volume fill policy (MT5 ENUM_ORDER_TYPE_FILLING); numbers match the trading.v1 contract.</summary>
public enum OrderFilling
{
    Fok = 1,
    Ioc = 2,
    Return = 3,
    Boc = 4,
}
