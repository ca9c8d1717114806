namespace TradingCore.Engine.Domain;

/// <summary>MT5 trade server return codes; the numbers are MT5's own and match the trading.v1 contract.</summary>
public enum TradeRetcode
{
    /// <summary>Price moved; new quote offered (TRADE_RETCODE_REQUOTE).</summary>
    Requote = 10004,

    /// <summary>Request rejected (TRADE_RETCODE_REJECT).</summary>
    Reject = 10006,

    /// <summary>Cancelled by trader (TRADE_RETCODE_CANCEL).</summary>
    Cancel = 10007,

    /// <summary>Order placed (TRADE_RETCODE_PLACED).</summary>
    Placed = 10008,

    /// <summary>Request completed (TRADE_RETCODE_DONE).</summary>
    Done = 10009,

    /// <summary>Only part completed (TRADE_RETCODE_DONE_PARTIAL).</summary>
    DonePartial = 10010,

    /// <summary>Processing error (TRADE_RETCODE_ERROR).</summary>
    Error = 10011,

    /// <summary>Cancelled by timeout (outcome may be unknown – reconcile) (TRADE_RETCODE_TIMEOUT).</summary>
    Timeout = 10012,

    /// <summary>Invalid request (TRADE_RETCODE_INVALID).</summary>
    Invalid = 10013,

    /// <summary>Bad volume (TRADE_RETCODE_INVALID_VOLUME).</summary>
    InvalidVolume = 10014,

    /// <summary>Bad price (TRADE_RETCODE_INVALID_PRICE).</summary>
    InvalidPrice = 10015,

    /// <summary>Bad SL/TP (side or distance) (TRADE_RETCODE_INVALID_STOPS).</summary>
    InvalidStops = 10016,

    /// <summary>Trading disabled (TRADE_RETCODE_TRADE_DISABLED).</summary>
    TradeDisabled = 10017,

    /// <summary>Market closed (TRADE_RETCODE_MARKET_CLOSED).</summary>
    MarketClosed = 10018,

    /// <summary>Insufficient funds/margin (TRADE_RETCODE_NO_MONEY).</summary>
    NoMoney = 10019,

    /// <summary>Prices changed (TRADE_RETCODE_PRICE_CHANGED).</summary>
    PriceChanged = 10020,

    /// <summary>No quotes to process (TRADE_RETCODE_PRICE_OFF).</summary>
    PriceOff = 10021,

    /// <summary>Bad expiration (TRADE_RETCODE_INVALID_EXPIRATION).</summary>
    InvalidExpiration = 10022,

    /// <summary>Order state changed (TRADE_RETCODE_ORDER_CHANGED).</summary>
    OrderChanged = 10023,

    /// <summary>Too frequent requests (TRADE_RETCODE_TOO_MANY_REQUESTS).</summary>
    TooManyRequests = 10024,

    /// <summary>Request changes nothing (TRADE_RETCODE_NO_CHANGES).</summary>
    NoChanges = 10025,

    /// <summary>Autotrading disabled by server (TRADE_RETCODE_SERVER_DISABLES_AT).</summary>
    ServerDisablesAutoTrading = 10026,

    /// <summary>Autotrading disabled in terminal (TRADE_RETCODE_CLIENT_DISABLES_AT).</summary>
    ClientDisablesAutoTrading = 10027,

    /// <summary>Request locked for processing (TRADE_RETCODE_LOCKED).</summary>
    Locked = 10028,

    /// <summary>Order/position frozen (freeze level) (TRADE_RETCODE_FROZEN).</summary>
    Frozen = 10029,

    /// <summary>Fill policy not allowed (TRADE_RETCODE_INVALID_FILL).</summary>
    InvalidFill = 10030,

    /// <summary>No connection to trade server (TRADE_RETCODE_CONNECTION).</summary>
    Connection = 10031,

    /// <summary>Allowed only on live accounts (TRADE_RETCODE_ONLY_REAL).</summary>
    OnlyReal = 10032,

    /// <summary>Pending-order count limit reached (TRADE_RETCODE_LIMIT_ORDERS).</summary>
    LimitOrders = 10033,

    /// <summary>Symbol volume limit reached (TRADE_RETCODE_LIMIT_VOLUME).</summary>
    LimitVolume = 10034,

    /// <summary>Order type wrong or prohibited (TRADE_RETCODE_INVALID_ORDER).</summary>
    InvalidOrder = 10035,

    /// <summary>Referenced position already closed (TRADE_RETCODE_POSITION_CLOSED).</summary>
    PositionClosed = 10036,

    /// <summary>Close volume exceeds position volume (TRADE_RETCODE_INVALID_CLOSE_VOLUME).</summary>
    InvalidCloseVolume = 10038,

    /// <summary>A close order already exists for the position (hedging) (TRADE_RETCODE_CLOSE_ORDER_EXIST).</summary>
    CloseOrderExist = 10039,

    /// <summary>Open-position count limit (netting: positions; hedging: positions+pendings) (TRADE_RETCODE_LIMIT_POSITIONS).</summary>
    LimitPositions = 10040,

    /// <summary>Pending-order activation rejected, order cancelled (TRADE_RETCODE_REJECT_CANCEL).</summary>
    RejectCancel = 10041,

    /// <summary>Symbol allows only longs (TRADE_RETCODE_LONG_ONLY).</summary>
    LongOnly = 10042,

    /// <summary>Symbol allows only shorts (TRADE_RETCODE_SHORT_ONLY).</summary>
    ShortOnly = 10043,

    /// <summary>Symbol allows only closing (TRADE_RETCODE_CLOSE_ONLY).</summary>
    CloseOnly = 10044,

    /// <summary>Account requires FIFO closing (ACCOUNT_FIFO_CLOSE) (TRADE_RETCODE_FIFO_CLOSE).</summary>
    FifoClose = 10045,

    /// <summary>Opposite positions on one symbol forbidden (hedging accounts) (TRADE_RETCODE_HEDGE_PROHIBITED).</summary>
    HedgeProhibited = 10046,
}
