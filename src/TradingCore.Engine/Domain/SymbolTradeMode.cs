namespace TradingCore.Engine.Domain;

/// <summary>Whether and how a symbol can be traded (MT5 ENUM_SYMBOL_TRADE_MODE).</summary>
public enum SymbolTradeMode
{
    Disabled = 1,
    LongOnly = 2,
    ShortOnly = 3,
    CloseOnly = 4,
    Full = 5,
}
