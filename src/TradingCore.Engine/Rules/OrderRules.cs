using TradingCore.Engine.Commands;
using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Rules;

/// <summary>
/// The MT5 checks a request must pass before it trades, each returning the retcode MT5 answers with (null: the
/// request may proceed). <see cref="Check"/> runs a new order's checks in MT5's order: the account, the symbol's
/// permissions, the request's values, the market, then the limits. Money (free margin) is checked when the order
/// executes (<see cref="Accounting.AccountValuation"/>); the checks of changes to existing orders and positions are in
/// OrderRules.Changes.cs. Pure: reads the books, changes nothing but the account's submission counter (<see cref="Rate"/>).
/// </summary>
internal static partial class OrderRules
{
    /// <summary>A new order's checks in MT5's order; <paramref name="maxPendingOrders"/> applies when the account sets no limit of its own.</summary>
    public static Rejection? Check(AccountBook book, SymbolBook symbol, OrderRequest request, OrderFilling filling, OrderTimeType timeType, long nowMs, int maxPendingOrders)
    {
        if (request.Type == OrderType.CloseBy)
        {
            return new(TradeRetcode.InvalidOrder, "close-by orders go through Positions.ClosePositionBy");
        }

        var spec = symbol.Spec;
        var isMarket = request.Type is OrderType.Buy or OrderType.Sell;
        var isBuy = request.Type is OrderType.Buy or OrderType.BuyLimit or OrderType.BuyStop or OrderType.BuyStopLimit;
        var reduces = ReducesExposure(book, request, isMarket, isBuy);
        return Account(book.Account, reduces)
            ?? Permissions(spec, request, filling, timeType, isMarket, isBuy, reduces, nowMs)
            ?? Values(spec, request)
            ?? Market(symbol, request, isMarket, isBuy)
            ?? Limits(book, spec, request, isMarket, isBuy, reduces, maxPendingOrders);
    }

    /// <summary>
    /// Counts a submission against the account's orders-per-second limit (engine time, whole seconds). Every
    /// submission that reaches the engine counts, rejected or not; replays of an existing client order id do not.
    /// </summary>
    public static Rejection? Rate(AccountBook book, long nowMs)
    {
        var limit = book.Account.Limits.MaxOrdersPerSecond;
        if (limit <= 0)
        {
            return null;
        }

        var second = Math.DivRem(nowMs, 1000L).Quotient;
        if (second != book.RateWindowSecond)
        {
            book.RateWindowSecond = second;
            book.RateWindowCount = 0;
        }

        book.RateWindowCount++;
        return book.RateWindowCount > limit
            ? new(TradeRetcode.TooManyRequests, $"more than {limit} orders in one second")
            : null;
    }

    /// <summary>The lifetime is allowed for the symbol, and a given expiry is in range and in the future.</summary>
    public static Rejection? Expiration(SymbolSpec spec, OrderTimeType timeType, long expirationMs, long nowMs)
    {
        var bit = timeType switch
        {
            OrderTimeType.Gtc => ExpirationModes.Gtc,
            OrderTimeType.Day => ExpirationModes.Day,
            OrderTimeType.Specified => ExpirationModes.Specified,
            _ => ExpirationModes.SpecifiedDay,
        };
        if ((spec.ExpirationModes & bit) == 0)
        {
            return new(TradeRetcode.InvalidExpiration, $"order lifetime {timeType} is not allowed for {spec.Name}");
        }

        if (timeType is OrderTimeType.Specified or OrderTimeType.SpecifiedDay && !ValueRanges.IsTime(expirationMs))
        {
            return new(TradeRetcode.InvalidExpiration, "expiration_time_ms " + ValueRanges.TimeRule);
        }

        if (timeType is OrderTimeType.Specified or OrderTimeType.SpecifiedDay && OrderExpiry.Of(spec, timeType, expirationMs, nowMs) <= nowMs)
        {
            return new(TradeRetcode.InvalidExpiration, "expiration_time_ms is not in the future");
        }

        return null;
    }

    /// <summary>Outside the symbol's trade sessions: MARKET_CLOSED 10018 (for new orders, changes and closes; cancels are always allowed).</summary>
    public static Rejection? Closed(SymbolSpec spec, long nowMs) =>
        TradingHours.IsOpen(spec, nowMs) ? null : new(TradeRetcode.MarketClosed, $"{spec.Name} is outside its trade sessions ({spec.TradeSessions}, server time UTC{(spec.ServerUtcOffsetMinutes >= 0 ? "+" : "-")}{Math.Abs(spec.ServerUtcOffsetMinutes) / 60:00}:{Math.Abs(spec.ServerUtcOffsetMinutes) % 60:00})");

    /// <summary>The price a pending order enters at: its limit price for stop-limits, else its price.</summary>
    public static decimal EntryPrice(OrderRequest request) =>
        request.Type is OrderType.BuyStopLimit or OrderType.SellStopLimit ? request.StopLimitPrice!.Value : request.Price!.Value;

    /// <summary>Pending order prices: present, positive, on the tick grid, on the right side of the market.</summary>
    public static Rejection? PendingPrices(SymbolBook symbol, OrderRequest request)
    {
        var spec = symbol.Spec;
        if (request.Price is not { } price || !ValueRanges.IsPrice(price) || !DecimalMath.IsMultipleOf(price, spec.TickSize))
        {
            return new(TradeRetcode.InvalidPrice, $"price must be a positive multiple of the tick size {Format(spec.TickSize)}");
        }

        var isStopLimit = request.Type is OrderType.BuyStopLimit or OrderType.SellStopLimit;
        if (isStopLimit && (request.StopLimitPrice is not { } limit || !ValueRanges.IsPrice(limit) || !DecimalMath.IsMultipleOf(limit, spec.TickSize)))
        {
            return new(TradeRetcode.InvalidPrice, $"stop_limit_price must be a positive multiple of the tick size {Format(spec.TickSize)}");
        }

        var tick = symbol.LastTick;
        var minDistance = spec.StopsLevel * spec.Point;
        var distance = request.Type switch
        {
            OrderType.BuyLimit => tick.Ask - price,
            OrderType.SellLimit => price - tick.Bid,
            OrderType.BuyStop or OrderType.BuyStopLimit => price - tick.Ask,
            _ => tick.Bid - price,
        };
        if (distance <= 0m || distance < minDistance)
        {
            return new(TradeRetcode.InvalidPrice, $"{request.Type} price {Format(price)} is on the wrong side of the market or closer than {spec.StopsLevel} points (bid {Format(tick.Bid)}, ask {Format(tick.Ask)})");
        }

        if (request.Type == OrderType.BuyStopLimit && request.StopLimitPrice > price)
        {
            return new(TradeRetcode.InvalidPrice, "a buy stop-limit's stop_limit_price must not be above its trigger price");
        }

        if (request.Type == OrderType.SellStopLimit && request.StopLimitPrice < price)
        {
            return new(TradeRetcode.InvalidPrice, "a sell stop-limit's stop_limit_price must not be below its trigger price");
        }

        return null;
    }

    /// <summary>
    /// SL/TP on the tick grid, on the right side of <paramref name="reference"/>, at least the stops level away.
    /// For market orders and positions the reference is the close-side price (bid for buys, ask for sells).
    /// </summary>
    public static Rejection? Stops(SymbolBook symbol, bool isBuy, decimal reference, decimal? stopLoss, decimal? takeProfit, bool againstMarket)
    {
        var spec = symbol.Spec;
        var minDistance = spec.StopsLevel * spec.Point;
        var where = againstMarket ? "the market" : "the order price";
        if (stopLoss is { } sl)
        {
            var distance = isBuy ? reference - sl : sl - reference;
            if (!ValueRanges.IsPrice(sl) || !DecimalMath.IsMultipleOf(sl, spec.TickSize) || distance <= 0m || distance < minDistance)
            {
                return new(TradeRetcode.InvalidStops, $"stop loss {Format(sl)} must be on the tick grid, {(isBuy ? "below" : "above")} {where} ({Format(reference)}) and at least {spec.StopsLevel} points away");
            }
        }

        if (takeProfit is { } tp)
        {
            var distance = isBuy ? tp - reference : reference - tp;
            if (!ValueRanges.IsPrice(tp) || !DecimalMath.IsMultipleOf(tp, spec.TickSize) || distance <= 0m || distance < minDistance)
            {
                return new(TradeRetcode.InvalidStops, $"take profit {Format(tp)} must be on the tick grid, {(isBuy ? "above" : "below")} {where} ({Format(reference)}) and at least {spec.StopsLevel} points away");
            }
        }

        return null;
    }

    /// <summary>The account may trade: open, not halted, and in reducing state only reducing.</summary>
    private static Rejection? Account(Account account, bool reduces)
    {
        if (account.Closed)
        {
            return new(TradeRetcode.TradeDisabled, "the account is closed");
        }

        if (account.TradingState == AccountTradingState.Halted)
        {
            return new(TradeRetcode.TradeDisabled, "account trading is halted");
        }

        return account.TradingState == AccountTradingState.Reducing && !reduces
            ? new(TradeRetcode.CloseOnly, "account is in reducing state: only orders that reduce a position are accepted")
            : null;
    }

    /// <summary>What the symbol allows: its trade mode, the order type, SL/TP, the lifetime and the fill policy.</summary>
    private static Rejection? Permissions(SymbolSpec spec, OrderRequest request, OrderFilling filling, OrderTimeType timeType, bool isMarket, bool isBuy, bool reduces, long nowMs)
    {
        if (TradeMode(spec, isBuy, reduces) is { } mode)
        {
            return mode;
        }

        if (Closed(spec, nowMs) is { } closed)
        {
            return closed;
        }

        if ((spec.OrderModes & RequiredOrderMode(request.Type)) == 0)
        {
            return new(TradeRetcode.InvalidOrder, $"order type {request.Type} is not allowed for {spec.Name}");
        }

        if (request.StopLoss is not null && (spec.OrderModes & OrderModes.StopLoss) == 0)
        {
            return new(TradeRetcode.InvalidOrder, $"stop loss is not allowed for {spec.Name}");
        }

        if (request.TakeProfit is not null && (spec.OrderModes & OrderModes.TakeProfit) == 0)
        {
            return new(TradeRetcode.InvalidOrder, $"take profit is not allowed for {spec.Name}");
        }

        if (!isMarket && request.PositionTicket != 0)
        {
            return new(TradeRetcode.InvalidOrder, "position_ticket can only be used with market orders");
        }

        if (!isMarket && Expiration(spec, timeType, request.ExpirationTimeMs, nowMs) is { } expiry)
        {
            return expiry;
        }

        return spec.AllowsFilling(filling, isMarket)
            ? null
            : new(TradeRetcode.InvalidFill, $"fill policy {filling} is not allowed for {(isMarket ? "market" : "pending")} orders on {spec.Name}");
    }

    /// <summary>The request's numbers: in the engine's ranges, and the volume within the symbol's range and step.</summary>
    private static Rejection? Values(SymbolSpec spec, OrderRequest request)
    {
        if (!ValueRanges.IsVolume(request.Volume))
        {
            return new(TradeRetcode.InvalidVolume, "volume " + ValueRanges.VolumeRule);
        }

        if (OutOfRange(request.Price) || OutOfRange(request.StopLimitPrice))
        {
            return new(TradeRetcode.InvalidPrice, "prices " + ValueRanges.PriceRule);
        }

        if (OutOfRange(request.StopLoss) || OutOfRange(request.TakeProfit))
        {
            return new(TradeRetcode.InvalidStops, "stop loss and take profit " + ValueRanges.PriceRule);
        }

        if (request.Volume < spec.VolumeMin || request.Volume > spec.VolumeMax)
        {
            return new(TradeRetcode.InvalidVolume, $"volume {Format(request.Volume)} is outside {Format(spec.VolumeMin)}..{Format(spec.VolumeMax)} lots for {spec.Name}");
        }

        return DecimalMath.IsMultipleOf(request.Volume, spec.VolumeStep)
            ? null
            : new(TradeRetcode.InvalidVolume, $"volume {Format(request.Volume)} is not a multiple of the volume step {Format(spec.VolumeStep)} for {spec.Name}");
    }

    /// <summary>Against the market: a quote exists (and is live for market orders), pending prices and stops are placed right.</summary>
    private static Rejection? Market(SymbolBook symbol, OrderRequest request, bool isMarket, bool isBuy)
    {
        var spec = symbol.Spec;
        if (!symbol.HasTick)
        {
            return new(TradeRetcode.PriceOff, $"no quotes for {spec.Name} yet");
        }

        if (isMarket && symbol.QuoteStale)
        {
            return new(TradeRetcode.PriceOff, $"quotes for {spec.Name} are stale: its feed is silent or disconnected");
        }

        if (!isMarket && PendingPrices(symbol, request) is { } prices)
        {
            return prices;
        }

        var reference = isMarket ? (isBuy ? symbol.LastTick.Bid : symbol.LastTick.Ask) : EntryPrice(request);
        return Stops(symbol, isBuy, reference, request.StopLoss, request.TakeProfit, isMarket);
    }

    /// <summary>The limits: pending orders per account, the symbol's volume limit, the account's own limits.</summary>
    private static Rejection? Limits(AccountBook book, SymbolSpec spec, OrderRequest request, bool isMarket, bool isBuy, bool reduces, int maxPendingOrders)
    {
        var maxOpenOrders = book.Account.Limits.MaxOpenOrders > 0 ? book.Account.Limits.MaxOpenOrders : maxPendingOrders;
        if (!isMarket && book.OpenOrders.Count >= maxOpenOrders)
        {
            return new(TradeRetcode.LimitOrders, $"the account already has {book.OpenOrders.Count} pending orders (limit {maxOpenOrders})");
        }

        return VolumeLimit(book, spec, isBuy, request.Volume, reduces) ?? AccountLimits(book, spec, isBuy, request.Volume, reduces);
    }

    private static Rejection? TradeMode(SymbolSpec spec, bool isBuy, bool reduces) => spec.TradeMode switch
    {
        SymbolTradeMode.Disabled => new(TradeRetcode.TradeDisabled, $"trading is disabled for {spec.Name}"),
        SymbolTradeMode.LongOnly when !isBuy && !reduces => new(TradeRetcode.LongOnly, $"{spec.Name} allows only long positions"),
        SymbolTradeMode.ShortOnly when isBuy && !reduces => new(TradeRetcode.ShortOnly, $"{spec.Name} allows only short positions"),
        SymbolTradeMode.CloseOnly when !reduces => new(TradeRetcode.CloseOnly, $"{spec.Name} allows only closing positions"),
        _ => null,
    };

    private static OrderModes RequiredOrderMode(OrderType type) => type switch
    {
        OrderType.Buy or OrderType.Sell => OrderModes.Market,
        OrderType.BuyLimit or OrderType.SellLimit => OrderModes.Limit,
        OrderType.BuyStop or OrderType.SellStop => OrderModes.Stop,
        OrderType.BuyStopLimit or OrderType.SellStopLimit => OrderModes.StopLimit,
        _ => OrderModes.CloseBy,
    };

    /// <summary>The symbol's volume limit: open volume plus pending volume on the side, after this order.</summary>
    private static Rejection? VolumeLimit(AccountBook book, SymbolSpec spec, bool isBuy, decimal volume, bool reduces)
    {
        if (spec.VolumeLimit <= 0m || reduces)
        {
            return null;
        }

        var (buys, sells) = book.Exposure(spec.Name);
        var pending = 0m;
        foreach (var order in book.OpenOrders.Values)
        {
            if (order.IsBuy == isBuy && string.Equals(order.Symbol, spec.Name, StringComparison.Ordinal))
            {
                pending += order.VolumeCurrent;
            }
        }

        var total = (isBuy ? buys : sells) + pending + volume;
        return total > spec.VolumeLimit
            ? new(TradeRetcode.LimitVolume, $"{(isBuy ? "buy" : "sell")} volume on {spec.Name} would be {Format(total)} lots, above the symbol limit {Format(spec.VolumeLimit)}")
            : null;
    }

    /// <summary>The account's own risk limits: order size and open volume per symbol and direction.</summary>
    private static Rejection? AccountLimits(AccountBook book, SymbolSpec spec, bool isBuy, decimal volume, bool reduces)
    {
        var limits = book.Account.Limits;
        if (limits.MaxOrderVolume > 0m && volume > limits.MaxOrderVolume)
        {
            return new(TradeRetcode.LimitVolume, $"volume {Format(volume)} is above the account's max order volume {Format(limits.MaxOrderVolume)}");
        }

        if (limits.MaxPositionVolume <= 0m || reduces)
        {
            return null;
        }

        var (buys, sells) = book.ExposureAfter(spec.Name, isBuy, volume, closeTicket: 0);
        var after = isBuy ? buys : sells;
        return after > limits.MaxPositionVolume
            ? new(TradeRetcode.LimitVolume, $"{(isBuy ? "buy" : "sell")} exposure on {spec.Name} would be {Format(after)} lots, above the account's max position volume {Format(limits.MaxPositionVolume)}")
            : null;
    }

    /// <summary>Whether a request only reduces an existing exposure (closing part or all of a position).</summary>
    private static bool ReducesExposure(AccountBook book, OrderRequest request, bool isMarket, bool isBuy)
    {
        if (!isMarket)
        {
            return false;
        }

        if (book.IsHedging)
        {
            return request.PositionTicket != 0
                && book.Positions.TryGetValue(request.PositionTicket, out var target)
                && target.IsBuy != isBuy && request.Volume <= target.Volume;
        }

        var position = book.NettingPosition(request.Symbol);
        return position is not null && position.IsBuy != isBuy && request.Volume <= position.Volume;
    }

    private static bool OutOfRange(decimal? price) => price is { } value && !ValueRanges.IsPrice(value);

    private static string Format(decimal value) => DecimalMath.Format(value);
}
