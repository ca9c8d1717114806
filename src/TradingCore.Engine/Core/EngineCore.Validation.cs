using System.Globalization;
using TradingCore.Engine.Commands;
using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Core;

public sealed partial class EngineCore
{
    /// <summary>
    /// Checks a new order in MT5's order: account state, symbol trade mode, order kind, expiry and filling
    /// permissions, volume, prices against the tick size, stop distances against the market, then limits.
    /// Margin is checked separately when the order executes. Returns null when the order may proceed.
    /// </summary>
    private Rejection? ValidateOrder(AccountBook book, SymbolBook symbol, OrderRequest request, OrderFilling filling, OrderTimeType timeType, long nowMs)
    {
        var spec = symbol.Spec;
        var isMarket = request.Type is OrderType.Buy or OrderType.Sell;
        var isBuy = request.Type is OrderType.Buy or OrderType.BuyLimit or OrderType.BuyStop or OrderType.BuyStopLimit;
        var reduces = ReducesExposure(book, request, isMarket, isBuy);

        if (request.Type == OrderType.CloseBy)
        {
            return new(TradeRetcode.InvalidOrder, "close-by orders go through Positions.ClosePositionBy");
        }

        if (book.Account.Closed)
        {
            return new(TradeRetcode.TradeDisabled, "the account is closed");
        }

        if (book.Account.TradingState == AccountTradingState.Halted)
        {
            return new(TradeRetcode.TradeDisabled, "account trading is halted");
        }

        if (book.Account.TradingState == AccountTradingState.Reducing && !reduces)
        {
            return new(TradeRetcode.CloseOnly, "account is in reducing state: only orders that reduce a position are accepted");
        }

        var modeRejection = CheckTradeMode(spec, isBuy, reduces);
        if (modeRejection is not null)
        {
            return modeRejection;
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

        if (!isMarket)
        {
            var expiry = CheckExpiration(spec, timeType, request.ExpirationTimeMs, nowMs);
            if (expiry is not null)
            {
                return expiry;
            }
        }

        if (!spec.AllowsFilling(filling, isMarket))
        {
            return new(TradeRetcode.InvalidFill, $"fill policy {filling} is not allowed for {(isMarket ? "market" : "pending")} orders on {spec.Name}");
        }

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

        var volume = CheckVolume(spec, request.Volume);
        if (volume is not null)
        {
            return volume;
        }

        if (!symbol.HasTick)
        {
            return new(TradeRetcode.PriceOff, $"no quotes for {spec.Name} yet");
        }

        if (isMarket && symbol.QuoteStale)
        {
            return new(TradeRetcode.PriceOff, $"quotes for {spec.Name} are stale: its feed is silent or disconnected");
        }

        var prices = isMarket ? null : CheckPendingPrices(symbol, request);
        if (prices is not null)
        {
            return prices;
        }

        var reference = isMarket ? (isBuy ? symbol.LastTick.Bid : symbol.LastTick.Ask) : EntryPrice(request);
        var stops = CheckStops(symbol, isBuy, reference, request.StopLoss, request.TakeProfit, isMarket);
        if (stops is not null)
        {
            return stops;
        }

        var maxOpenOrders = book.Account.Limits.MaxOpenOrders > 0 ? book.Account.Limits.MaxOpenOrders : _options.MaxPendingOrdersPerAccount;
        if (!isMarket && book.OpenOrders.Count >= maxOpenOrders)
        {
            return new(TradeRetcode.LimitOrders, $"the account already has {book.OpenOrders.Count} pending orders (limit {maxOpenOrders})");
        }

        return CheckVolumeLimit(book, spec, isBuy, request.Volume, reduces) ?? CheckAccountLimits(book, spec, isBuy, request.Volume, reduces);
    }

    /// <summary>The account's own risk limits: order size and open volume per symbol and direction.</summary>
    private static Rejection? CheckAccountLimits(AccountBook book, SymbolSpec spec, bool isBuy, decimal volume, bool reduces)
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

        var (buys, sells) = ExposureAfter(book, spec.Name, isBuy, volume, closeTicket: 0);
        var after = isBuy ? buys : sells;
        return after > limits.MaxPositionVolume
            ? new(TradeRetcode.LimitVolume, $"{(isBuy ? "buy" : "sell")} exposure on {spec.Name} would be {Format(after)} lots, above the account's max position volume {Format(limits.MaxPositionVolume)}")
            : null;
    }

    /// <summary>
    /// Counts a submission against the account's orders-per-second limit (engine time, whole seconds). Every
    /// submission that reaches the engine counts, rejected or not; replays of an existing client order id do not.
    /// </summary>
    private static Rejection? CheckRate(AccountBook book, long nowMs)
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

    private static Rejection? CheckTradeMode(SymbolSpec spec, bool isBuy, bool reduces) => spec.TradeMode switch
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

    private static Rejection? CheckExpiration(SymbolSpec spec, OrderTimeType timeType, long expirationMs, long nowMs)
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

        if (timeType is OrderTimeType.Specified or OrderTimeType.SpecifiedDay && ExpiryOf(timeType, expirationMs, nowMs) <= nowMs)
        {
            return new(TradeRetcode.InvalidExpiration, "expiration_time_ms is not in the future");
        }

        return null;
    }

    private static Rejection? CheckVolume(SymbolSpec spec, decimal volume)
    {
        if (volume < spec.VolumeMin || volume > spec.VolumeMax)
        {
            return new(TradeRetcode.InvalidVolume, $"volume {Format(volume)} is outside {Format(spec.VolumeMin)}..{Format(spec.VolumeMax)} lots for {spec.Name}");
        }

        if (!DecimalMath.IsMultipleOf(volume, spec.VolumeStep))
        {
            return new(TradeRetcode.InvalidVolume, $"volume {Format(volume)} is not a multiple of the volume step {Format(spec.VolumeStep)} for {spec.Name}");
        }

        return null;
    }

    private static decimal EntryPrice(OrderRequest request) =>
        request.Type is OrderType.BuyStopLimit or OrderType.SellStopLimit ? request.StopLimitPrice!.Value : request.Price!.Value;

    /// <summary>Pending order prices: present, positive, on the tick grid, on the right side of the market.</summary>
    private static Rejection? CheckPendingPrices(SymbolBook symbol, OrderRequest request)
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
    private static Rejection? CheckStops(SymbolBook symbol, bool isBuy, decimal reference, decimal? stopLoss, decimal? takeProfit, bool againstMarket)
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

    private static Rejection? CheckVolumeLimit(AccountBook book, SymbolSpec spec, bool isBuy, decimal volume, bool reduces)
    {
        if (spec.VolumeLimit <= 0m || reduces)
        {
            return null;
        }

        var (buys, sells) = Exposure(book, spec.Name);
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

    /// <summary>When an order of this lifetime stops being valid, UTC epoch ms; 0 for GTC (and for a time out of range, which validation refuses).</summary>
    private static long ExpiryOf(OrderTimeType timeType, long expirationMs, long nowMs) => timeType switch
    {
        OrderTimeType.Day => NextUtcMidnight(nowMs),
        OrderTimeType.Specified when ValueRanges.IsTime(expirationMs) => expirationMs,
        OrderTimeType.SpecifiedDay when ValueRanges.IsTime(expirationMs) => NextUtcMidnight(expirationMs),
        _ => 0,
    };

    private static bool OutOfRange(decimal? price) => price is { } value && !ValueRanges.IsPrice(value);

    private static long NextUtcMidnight(long timeMs)
    {
        const long DayMs = 86_400_000;
        var days = timeMs >= 0 ? timeMs / DayMs : ((timeMs + 1) / DayMs) - 1;
        return (days + 1) * DayMs;
    }

    private static string Format(decimal value) => DecimalMath.Normalize(value).ToString(CultureInfo.InvariantCulture);
}
