namespace TradingCore.Engine.Domain;

/// <summary>Order state (MT5 ENUM_ORDER_STATE); numbers match the trading.v1 contract.</summary>
public enum OrderState
{
    /// <summary>Checked, not yet accepted.</summary>
    Started = 1,

    /// <summary>Accepted; a pending order is working.</summary>
    Placed = 2,

    /// <summary>Cancelled by the client (or by the server on its behalf).</summary>
    Canceled = 3,

    /// <summary>Partly filled, the rest still working.</summary>
    Partial = 4,

    /// <summary>Completely filled.</summary>
    Filled = 5,

    /// <summary>Refused; the retcode says why.</summary>
    Rejected = 6,

    /// <summary>Expired by its time type.</summary>
    Expired = 7,

    /// <summary>Being placed (MT5 transient state).</summary>
    RequestAdd = 8,

    /// <summary>Being modified (MT5 transient state).</summary>
    RequestModify = 9,

    /// <summary>Being cancelled (MT5 transient state).</summary>
    RequestCancel = 10,

    /// <summary>
    /// Routed orders only (not an MT5 state): the terminal went away, or the core restarted, with the order in flight;
    /// reconciliation finds MT5's outcome. Still working.
    /// </summary>
    Unknown = 11,
}
