namespace TradingCore.Engine.Domain;

/// <summary>
/// A symbol's trading specification (MT5 SYMBOL_* properties). Immutable; prices and volumes are exact decimals.
/// </summary>
public sealed record SymbolSpec
{
    /// <summary>Symbol name, e.g. "EURUSD".</summary>
    public required string Name { get; init; }

    /// <summary>Human-readable name, e.g. "Euro vs US Dollar".</summary>
    public string Description { get; init; } = "";

    /// <summary>Decimal places of a price (MT5 SYMBOL_DIGITS), 0..8.</summary>
    public required int Digits { get; init; }

    /// <summary>Minimal price change (MT5 SYMBOL_TRADE_TICK_SIZE); every order price is a multiple of it.</summary>
    public required decimal TickSize { get; init; }

    /// <summary>Money value of one tick move for one lot, in the profit currency (FUTURES calc mode).</summary>
    public decimal TickValue { get; init; }

    /// <summary>Units of the underlying in one lot.</summary>
    public required decimal ContractSize { get; init; }

    /// <summary>Smallest order volume, lots.</summary>
    public required decimal VolumeMin { get; init; }

    /// <summary>Largest order volume, lots.</summary>
    public required decimal VolumeMax { get; init; }

    /// <summary>Volume granularity, lots.</summary>
    public required decimal VolumeStep { get; init; }

    /// <summary>Max total volume of position plus pending orders in one direction, lots; 0 = no limit.</summary>
    public decimal VolumeLimit { get; init; }

    /// <summary>Minimal distance in points between market and SL/TP or pending price; 0 = none.</summary>
    public int StopsLevel { get; init; }

    /// <summary>Distance in points from market inside which orders/positions cannot be changed; 0 = none.</summary>
    public int FreezeLevel { get; init; }

    /// <summary>Whether and how the symbol can be traded.</summary>
    public SymbolTradeMode TradeMode { get; init; } = SymbolTradeMode.Full;

    /// <summary>How orders execute (market, instant, exchange, request).</summary>
    public SymbolExecutionMode ExecutionMode { get; init; } = SymbolExecutionMode.Market;

    /// <summary>Fill policies allowed (RETURN follows the execution mode).</summary>
    public FillingModes FillingModes { get; init; } = FillingModes.Fok | FillingModes.Ioc;

    /// <summary>Order lifetimes allowed.</summary>
    public ExpirationModes ExpirationModes { get; init; } = ExpirationModes.All;

    /// <summary>Order kinds allowed.</summary>
    public OrderModes OrderModes { get; init; } = OrderModes.All;

    /// <summary>Profit and margin formulas.</summary>
    public SymbolCalcMode CalcMode { get; init; } = SymbolCalcMode.Forex;

    /// <summary>Base currency, e.g. "EUR" for EURUSD.</summary>
    public required string CurrencyBase { get; init; }

    /// <summary>Currency profit is computed in, e.g. "USD" for EURUSD.</summary>
    public required string CurrencyProfit { get; init; }

    /// <summary>Currency margin is computed in.</summary>
    public required string CurrencyMargin { get; init; }

    /// <summary>Margin multiplier applied to the calc-mode formula.</summary>
    public decimal MarginRate { get; init; } = 1m;

    /// <summary>Initial margin per lot in the margin currency (FUTURES calc mode).</summary>
    public decimal MarginInitial { get; init; }

    /// <summary>
    /// MT5 SYMBOL_MARGIN_HEDGED, for hedging accounts in the basic mode: the contract size the covered volume (the
    /// part of the smaller side that a larger opposite side covers) is charged with, counted once; money per
    /// covered lot when <see cref="MarginInitial"/> is set; 0 makes covered volume free. Null: the contract size
    /// (covered volume charged in full, once). docs/accounting.md, "Hedged margin".
    /// </summary>
    public decimal? MarginHedged { get; init; }

    /// <summary>
    /// MT5 SYMBOL_MARGIN_HEDGED_USE_LEG: a hedging account is charged the larger of the two sides, each priced at its
    /// average open price, instead of the basic mode (uncovered plus covered volume).
    /// </summary>
    public bool MarginHedgedUseLeg { get; init; }

    /// <summary>
    /// Trade sessions in trade-server time (MT5 SymbolInfoSessionTrade), written like "Mon 00:05-23:55; Tue
    /// 00:05-23:55" (<see cref="TradeSession.ParseList"/>); an order outside them is refused with MARKET_CLOSED 10018.
    /// Empty: the symbol trades at all times.
    /// </summary>
    public string TradeSessions { get; init; } = "";

    /// <summary>Quote sessions in trade-server time (MT5 SymbolInfoSessionQuote), same form; informational.</summary>
    public string QuoteSessions { get; init; } = "";

    /// <summary>The trade server's UTC offset in minutes, which session times and the trading day are in (from the feed).</summary>
    public int ServerUtcOffsetMinutes { get; init; }

    /// <summary>How <see cref="SwapLong"/> and <see cref="SwapShort"/> read (MT5 SYMBOL_SWAP_MODE).</summary>
    public SwapMode SwapMode { get; init; } = SwapMode.Disabled;

    /// <summary>Swap per night of a long position (MT5 SYMBOL_SWAP_LONG): negative is a charge, positive a credit.</summary>
    public decimal SwapLong { get; init; }

    /// <summary>Swap per night of a short position (MT5 SYMBOL_SWAP_SHORT).</summary>
    public decimal SwapShort { get; init; }

    /// <summary>The day whose rollover is charged three times (MT5 SYMBOL_SWAP_ROLLOVER3DAYS).</summary>
    public DayOfWeek SwapRollover3Days { get; init; } = DayOfWeek.Wednesday;

    /// <summary>One point, 10^-digits.</summary>
    public decimal Point => DecimalMath.Pow10Negative(Digits);

    /// <summary>
    /// Whether the fill policy is allowed, following the MT5 fill-policy matrix: FOK/IOC/BOC need their bit;
    /// RETURN is allowed for pending orders in market execution and for every order in exchange execution.
    /// </summary>
    public bool AllowsFilling(OrderFilling filling, bool isMarketOrder) => filling switch
    {
        OrderFilling.Fok => (FillingModes & FillingModes.Fok) != 0 || ExecutionMode is SymbolExecutionMode.Instant or SymbolExecutionMode.Request,
        OrderFilling.Ioc => (FillingModes & FillingModes.Ioc) != 0,
        OrderFilling.Boc => (FillingModes & FillingModes.Boc) != 0 && !isMarketOrder,
        OrderFilling.Return => ExecutionMode == SymbolExecutionMode.Exchange || (ExecutionMode == SymbolExecutionMode.Market && !isMarketOrder),
        _ => false,
    };

    /// <summary>The policy used when a request does not name one: the first allowed of FOK, IOC, RETURN.</summary>
    public OrderFilling DefaultFilling(bool isMarketOrder)
    {
        foreach (var candidate in DefaultFillingOrder)
        {
            if (AllowsFilling(candidate, isMarketOrder))
            {
                return candidate;
            }
        }

        return OrderFilling.Fok;
    }

    private static readonly OrderFilling[] DefaultFillingOrder = [OrderFilling.Fok, OrderFilling.Ioc, OrderFilling.Return];
}
