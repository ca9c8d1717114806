namespace TradingCore.Engine.Domain;

/// <summary>Execution mode (MT5 ENUM_SYMBOL_TRADE_EXECUTION).</summary>
public enum SymbolExecutionMode
{
    /// <summary>Request execution: a price is requested first.</summary>
    Request = 1,

    /// <summary>Instant execution at the shown price (requotes possible).</summary>
    Instant = 2,

    /// <summary>Market execution at the price the server decides.</summary>
    Market = 3,

    /// <summary>Exchange execution.</summary>
    Exchange = 4,
}
