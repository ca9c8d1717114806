namespace TradingCore.Engine.Domain;

/// <summary>Order kinds a symbol allows (MT5 SYMBOL_ORDER_MODE bits).</summary>
[Flags]
public enum OrderModes
{
    /// <summary>No order kinds.</summary>
    None = 0,

    /// <summary>Market orders.</summary>
    Market = 1,

    /// <summary>Limit orders.</summary>
    Limit = 2,

    /// <summary>Stop orders.</summary>
    Stop = 4,

    /// <summary>Stop-limit orders.</summary>
    StopLimit = 8,

    /// <summary>Stop loss on positions and orders.</summary>
    StopLoss = 16,

    /// <summary>Take profit on positions and orders.</summary>
    TakeProfit = 32,

    /// <summary>Close by an opposite position.</summary>
    CloseBy = 64,

    /// <summary>Every order kind.</summary>
    All = Market | Limit | Stop | StopLimit | StopLoss | TakeProfit | CloseBy,
}
