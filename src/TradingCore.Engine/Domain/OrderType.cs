namespace TradingCore.Engine.Domain;

/// <summary>Order type with MT5 meaning (ENUM_ORDER_TYPE); numbers match the trading.v1 contract.</summary>
public enum OrderType
{
    /// <summary>Market buy.</summary>
    Buy = 1,

    /// <summary>Market sell.</summary>
    Sell = 2,

    /// <summary>Buy when the ask falls to the price.</summary>
    BuyLimit = 3,

    /// <summary>Sell when the bid rises to the price.</summary>
    SellLimit = 4,

    /// <summary>Buy when the ask rises to the price.</summary>
    BuyStop = 5,

    /// <summary>Sell when the bid falls to the price.</summary>
    SellStop = 6,

    /// <summary>At the stop price (ask), place a buy limit at the stop-limit price.</summary>
    BuyStopLimit = 7,

    /// <summary>At the stop price (bid), place a sell limit at the stop-limit price.</summary>
    SellStopLimit = 8,

    /// <summary>Close a position by an opposite one (hedging accounts).</summary>
    CloseBy = 9,
}
