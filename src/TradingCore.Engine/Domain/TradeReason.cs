namespace TradingCore.Engine.Domain;

/// <summary>Who or what caused an order or deal (MT5 ORDER_REASON / DEAL_REASON).</summary>
public enum TradeReason
{
    /// <summary>Placed from a desktop terminal by hand.</summary>
    Client = 1,

    /// <summary>Placed from a mobile app.</summary>
    Mobile = 2,

    /// <summary>Placed from the web terminal.</summary>
    Web = 3,

    /// <summary>Placed by a program (an expert advisor or an API client such as a bot).</summary>
    Expert = 4,

    /// <summary>Caused by a stop loss triggering.</summary>
    StopLoss = 5,

    /// <summary>Caused by a take profit triggering.</summary>
    TakeProfit = 6,

    /// <summary>Caused by a stop-out (margin level below the stop-out level).</summary>
    StopOut = 7,

    /// <summary>Caused by a rollover.</summary>
    Rollover = 8,

    /// <summary>Caused by variation margin.</summary>
    VariationMargin = 9,

    /// <summary>Caused by a split.</summary>
    Split = 10,
}
