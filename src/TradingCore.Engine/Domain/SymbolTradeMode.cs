namespace TradingCore.Engine.Domain;

/// <summary>Whether and how a symbol can be traded (MT5 ENUM_SYMBOL_TRADE_MODE).</summary>
public enum SymbolTradeMode
{
    /// <summary>No trading (retcode TRADE_DISABLED).</summary>
    Disabled = 1,

    /// <summary>Only buys (retcode LONG_ONLY otherwise).</summary>
    LongOnly = 2,

    /// <summary>Only sells (retcode SHORT_ONLY otherwise).</summary>
    ShortOnly = 3,

    /// <summary>Only closing positions (retcode CLOSE_ONLY otherwise).</summary>
    CloseOnly = 4,

    /// <summary>No restriction.</summary>
    Full = 5,
}
