namespace TradingCore.Engine.Domain;

/// <summary>Who or what caused an order or deal (MT5 ORDER_REASON / DEAL_REASON).</summary>
public enum TradeReason
{
    Client = 1,
    Mobile = 2,
    Web = 3,
    Expert = 4,
    StopLoss = 5,
    TakeProfit = 6,
    StopOut = 7,
    Rollover = 8,
    VariationMargin = 9,
    Split = 10,
}
