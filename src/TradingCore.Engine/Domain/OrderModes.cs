namespace TradingCore.Engine.Domain;

/// <summary>Order kinds a symbol allows (MT5 SYMBOL_ORDER_MODE bits).</summary>
[Flags]
public enum OrderModes
{
    None = 0,
    Market = 1,
    Limit = 2,
    Stop = 4,
    StopLimit = 8,
    StopLoss = 16,
    TakeProfit = 32,
    CloseBy = 64,
    All = Market | Limit | Stop | StopLimit | StopLoss | TakeProfit | CloseBy,
}
