namespace TradingCore.Engine.Domain;

/// <summary>Order state (MT5 ENUM_ORDER_STATE); numbers match the trading.v1 contract.</summary>
public enum OrderState
{
    Started = 1,
    Placed = 2,
    Canceled = 3,
    Partial = 4,
    Filled = 5,
    Rejected = 6,
    Expired = 7,
    RequestAdd = 8,
    RequestModify = 9,
    RequestCancel = 10,
}
