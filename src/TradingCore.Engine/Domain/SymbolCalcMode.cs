namespace TradingCore.Engine.Domain;

/// <summary>Profit and margin calculation mode (MT5 ENUM_SYMBOL_CALC_MODE).</summary>
public enum SymbolCalcMode
{
    Forex = 1,
    ForexNoLeverage = 2,
    Futures = 3,
    Cfd = 4,
    CfdIndex = 5,
    CfdLeverage = 6,
    ExchangeStocks = 7,
    ExchangeFutures = 8,
}
