namespace TradingCore.Engine.Domain;

/// <summary>Volume fill policy (MT5 ENUM_ORDER_TYPE_FILLING); numbers match the trading.v1 contract.</summary>
public enum OrderFilling
{
    /// <summary>Fill or kill: the whole volume at once or nothing.</summary>
    Fok = 1,

    /// <summary>Immediate or cancel: what can fill now, the rest is cancelled.</summary>
    Ioc = 2,

    /// <summary>Fill what can be filled; the rest stays working as an order (exchange execution; limit and stop-limit orders in market execution).</summary>
    Return = 3,

    /// <summary>Book or cancel: the order must rest in the book; rejected if it would execute at once.</summary>
    Boc = 4,
}
