namespace TradingCore.Engine.Domain;

/// <summary>Execution mode (MT5 ENUM_SYMBOL_TRADE_EXECUTION).</summary>
public enum SymbolExecutionMode
{
    Request = 1,
    Instant = 2,
    Market = 3,
    Exchange = 4,
}
