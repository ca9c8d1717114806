namespace TradingCore.Engine.Domain;

/// <summary>Profit and margin calculation mode (MT5 ENUM_SYMBOL_CALC_MODE).</summary>
public enum SymbolCalcMode
{
    /// <summary>Forex: margin = lots × contract size / leverage × margin rate.</summary>
    Forex = 1,

    /// <summary>Forex without leverage: margin = lots × contract size × margin rate.</summary>
    ForexNoLeverage = 2,

    /// <summary>Futures: profit by tick value; margin = lots × initial margin × margin rate.</summary>
    Futures = 3,

    /// <summary>CFD: margin = lots × contract size × market price × margin rate.</summary>
    Cfd = 4,

    /// <summary>Index CFD: as CFD, margin also × tick price / tick size.</summary>
    CfdIndex = 5,

    /// <summary>Leveraged CFD: as CFD, margin divided by the leverage.</summary>
    CfdLeverage = 6,

    /// <summary>Exchange stocks: margin = lots × contract size × last price × margin rate.</summary>
    ExchangeStocks = 7,

    /// <summary>Exchange futures: as futures.</summary>
    ExchangeFutures = 8,
}
