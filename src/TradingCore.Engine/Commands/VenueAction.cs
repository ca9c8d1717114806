namespace TradingCore.Engine.Commands;

/// <summary>What a request to an MT5 terminal asks (MT5 ENUM_TRADE_REQUEST_ACTIONS).</summary>
public enum VenueAction
{
    /// <summary>TRADE_ACTION_DEAL: a market order (opening, or closing the named position).</summary>
    Deal = 1,

    /// <summary>TRADE_ACTION_PENDING: place a pending order.</summary>
    Pending = 2,

    /// <summary>TRADE_ACTION_MODIFY: change a pending order's prices, stops or lifetime.</summary>
    Modify = 3,

    /// <summary>TRADE_ACTION_REMOVE: cancel a pending order.</summary>
    Remove = 4,

    /// <summary>TRADE_ACTION_SLTP: change an open position's stop loss and take profit.</summary>
    Sltp = 5,

    /// <summary>TRADE_ACTION_CLOSE_BY: close a position by an opposite one of the same symbol.</summary>
    CloseBy = 6,
}
