using TradingCore.Engine.Accounting;
using TradingCore.Engine.Commands;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Factories;
using TradingCore.Engine.Rules;

namespace TradingCore.Engine.Core;

public sealed partial class EngineCore
{
    /// <summary>
    /// Places an order. Every decided request is recorded as an order (rejections in state REJECTED) so that a
    /// resubmission with the same client order id returns the same outcome, also after a restart.
    /// </summary>
    public TradeOutcome Submit(OrderRequest request, long nowMs)
    {
        if (!_accounts.TryGetValue(request.AccountId, out var book))
        {
            return TradeOutcome.NotFound($"account {request.AccountId} does not exist");
        }

        var fingerprint = request.Fingerprint();
        switch (Recall(book, request.ClientOrderId, request.Recall, out var existing))
        {
            case Recalled.Found:
                return Repeat(existing!, fingerprint, request.ClientOrderId);
            case Recalled.Unknown:
                return TradeOutcome.RecallNeeded(request.ClientOrderId, book.ForgottenThrough);
        }

        _symbols.TryGetValue(request.Symbol, out var symbol);
        var isMarket = request.Type is OrderType.Buy or OrderType.Sell;
        var filling = request.Filling ?? symbol?.Spec.DefaultFilling(isMarket) ?? OrderFilling.Fok;
        var timeType = isMarket ? OrderTimeType.Gtc : request.TimeType ?? OrderTimeType.Gtc;
        var order = OrderFactory.FromRequest(NextOrderTicket(), request, symbol?.Spec, filling, timeType, fingerprint, nowMs);

        if (symbol is null)
        {
            return Reject(book, order, new(TradeRetcode.Invalid, "unknown symbol"), null, nowMs);
        }

        // A routed account's terminal decides first: with no link, nothing else about the order matters.
        var rejection = (book.IsRouted ? LinkRefusal(book) : null) ?? OrderRules.Rate(book, nowMs) ?? OrderRules.Check(book, symbol, request, filling, timeType, nowMs, _options.MaxPendingOrdersPerAccount);
        if (rejection is not null)
        {
            return Reject(book, order, rejection.Value, symbol, nowMs);
        }

        if (book.IsRouted)
        {
            return Route(book, symbol, order, request, nowMs);
        }

        return isMarket ? ExecuteMarket(book, symbol, order, request.Price, request.DeviationPoints, nowMs) : PlacePending(book, symbol, order, nowMs);
    }

    /// <summary>What-if for an order: retcode and margin figures it would get now, with no state change.</summary>
    public CheckOutcome Check(OrderRequest request, long nowMs)
    {
        if (!_accounts.TryGetValue(request.AccountId, out var book))
        {
            return new CheckOutcome { Kind = OutcomeKind.NotFound, Message = $"account {request.AccountId} does not exist" };
        }

        var before = _valuation.Snapshot(book, nowMs);
        var charges = 0m;
        CheckOutcome Result(TradeRetcode code, string message, decimal marginAfter) => new()
        {
            Retcode = code,
            Message = message,
            Balance = before.Account.Balance + charges,
            Equity = before.Equity + charges,
            Margin = marginAfter,
            FreeMargin = before.Equity + charges - marginAfter,
            MarginLevel = AccountValuation.MarginLevel(before.Equity + charges, marginAfter),
            OrderMargin = Math.Max(0m, marginAfter - before.Margin),
            Pricing = before.Pricing,
        };

        if (!_symbols.TryGetValue(request.Symbol, out var symbol))
        {
            return Result(TradeRetcode.Invalid, "unknown symbol", before.Margin);
        }

        if (before.Pricing == PriceState.Missing)
        {
            return Result(TradeRetcode.PriceOff, $"account {book.Account.AccountId} cannot be valued now: a position's symbol or its conversion to {book.Account.Currency} has no quote (or a figure is beyond range)", before.Margin);
        }

        var isMarket = request.Type is OrderType.Buy or OrderType.Sell;
        var filling = request.Filling ?? symbol.Spec.DefaultFilling(isMarket);
        var timeType = isMarket ? OrderTimeType.Gtc : request.TimeType ?? OrderTimeType.Gtc;
        var rejection = OrderRules.Check(book, symbol, request, filling, timeType, nowMs, _options.MaxPendingOrdersPerAccount);
        if (rejection is { } refused)
        {
            return Result(refused.Code, refused.Message, before.Margin);
        }

        var isBuy = request.Type is OrderType.Buy or OrderType.BuyLimit or OrderType.BuyStop or OrderType.BuyStopLimit;
        // A market order as filled at the quote now; a pending order as filled at its entry price.
        var price = isMarket ? (isBuy ? symbol.LastTick.Ask : symbol.LastTick.Bid) : OrderRules.EntryPrice(request);
        var legs = book.LegsAfter(symbol.Spec.Name, isBuy, request.Volume, price, isMarket ? request.PositionTicket : 0);
        if (_valuation.AccountMargin(book, symbol.Spec.Name, legs) is not { } marginAfter)
        {
            return Result(TradeRetcode.Invalid, $"the margin of {Format(request.Volume)} lots of {symbol.Spec.Name} cannot be computed: no conversion quote, or beyond the bookable range", before.Margin);
        }

        // A market order's commission and fee are charged at its fill: the figures after it include them (MT5
        // OrderCheck); a pending order pays when it fills.
        if (isMarket)
        {
            var target = book.IsHedging ? (request.PositionTicket != 0 ? book.Positions.GetValueOrDefault(request.PositionTicket) : null) : book.NettingPosition(request.Symbol);
            if (PlanDeal(book, symbol, target, isBuy, request.Volume, price, out var money) is { } unplanned)
            {
                return Result(unplanned.Code, unplanned.Message, marginAfter);
            }

            charges = money.Commission + money.Fee;
        }

        if (isMarket && marginAfter > before.Margin && before.Equity + charges - marginAfter < 0m)
        {
            return Result(TradeRetcode.NoMoney, NoMoneyMessage(before.Equity + charges, marginAfter, book.Account), marginAfter);
        }

        return Result(isMarket ? TradeRetcode.Done : TradeRetcode.Placed, "order would be accepted", marginAfter);
    }

    /// <summary>Changes a pending order's prices, stops or lifetime (MT5 TRADE_ACTION_MODIFY).</summary>
    public TradeOutcome Modify(ModifyOrderRequest request, long nowMs)
    {
        if (!_accounts.TryGetValue(request.AccountId, out var book))
        {
            return TradeOutcome.NotFound($"account {request.AccountId} does not exist");
        }

        if (!book.OpenOrders.TryGetValue(request.OrderTicket, out var order))
        {
            return TradeOutcome.NotFound($"order {request.OrderTicket} is not a working order of account {request.AccountId}");
        }


        var symbol = SymbolOf(order.Symbol);
        Rejection? rejection = book.Account.TradingState == AccountTradingState.Halted
            ? new(TradeRetcode.TradeDisabled, "account trading is halted")
            : OrderRules.Closed(symbol.Spec, nowMs) ?? OrderRules.Frozen(symbol, order);
        var timeType = request.TimeType ?? order.TimeType;
        var asRequest = new OrderRequest
        {
            AccountId = order.AccountId,
            ClientOrderId = order.ClientOrderId,
            Symbol = order.Symbol,
            Type = order.Type,
            Volume = order.VolumeCurrent,
            Price = request.Price,
            StopLimitPrice = order.Type is OrderType.BuyStopLimit or OrderType.SellStopLimit ? request.StopLimitPrice : null,
            StopLoss = request.StopLoss,
            TakeProfit = request.TakeProfit,
            TimeType = timeType,
            ExpirationTimeMs = request.ExpirationTimeMs,
        };
        var expiry = request.TimeType is null ? order.ExpirationTimeMs : OrderExpiry.Of(symbol.Spec, timeType, request.ExpirationTimeMs, nowMs);
        rejection ??= request.TimeType is null ? null : OrderRules.Expiration(symbol.Spec, timeType, request.ExpirationTimeMs, nowMs);
        rejection ??= OrderRules.PendingPrices(symbol, asRequest);
        rejection ??= OrderRules.Stops(symbol, order.IsBuy, OrderRules.EntryPrice(asRequest), request.StopLoss, request.TakeProfit, againstMarket: false);
        if (rejection is null
            && order.PriceOpen == asRequest.Price && order.StopLimitPrice == asRequest.StopLimitPrice
            && order.StopLoss == request.StopLoss && order.TakeProfit == request.TakeProfit
            && order.TimeType == timeType && order.ExpirationTimeMs == expiry)
        {
            rejection = new(TradeRetcode.NoChanges, "the request changes nothing");
        }

        if (rejection is { } refused)
        {
            return Outcome(order, refused.Code, refused.Message, symbol) with { ClientOrderId = order.ClientOrderId };
        }

        var modified = order with
        {
            State = OrderStateMachine.Checked(order, OrderState.Placed),
            PriceOpen = asRequest.Price,
            StopLimitPrice = asRequest.StopLimitPrice,
            StopLoss = request.StopLoss,
            TakeProfit = request.TakeProfit,
            TimeType = timeType,
            ExpirationTimeMs = expiry,
        };
        if (book.IsRouted)
        {
            return RouteChange(book, symbol, order, modified, nowMs);
        }

        ReplaceOrder(book, modified);
        TrackExpiry(modified);
        EmitOrder(modified, isNew: false, nowMs);
        return Outcome(modified, TradeRetcode.Done, "order modified", symbol);
    }

    /// <summary>Cancels a pending order (MT5 TRADE_ACTION_REMOVE).</summary>
    public TradeOutcome Cancel(CancelOrderRequest request, long nowMs)
    {
        if (!_accounts.TryGetValue(request.AccountId, out var book))
        {
            return TradeOutcome.NotFound($"account {request.AccountId} does not exist");
        }

        var order = FindWorkingOrder(book, request.OrderTicket, request.ClientOrderId);
        if (order is null)
        {
            return TradeOutcome.NotFound(request.OrderTicket != 0
                ? $"order {request.OrderTicket} is not a working order of account {request.AccountId}"
                : $"no working order with client order id '{request.ClientOrderId}' on account {request.AccountId}");
        }

        var symbol = SymbolOf(order.Symbol);
        if (OrderRules.Frozen(symbol, order) is { } frozen)
        {
            return Outcome(order, frozen.Code, frozen.Message, symbol);
        }

        if (book.IsRouted)
        {
            return RouteChange(book, symbol, order, null, nowMs);
        }

        var canceled = order with { State = OrderStateMachine.Checked(order, OrderState.Canceled), TimeDoneMs = nowMs };
        RetireOrder(book, canceled);
        EmitOrder(canceled, isNew: false, nowMs);
        return Outcome(canceled, TradeRetcode.Done, "order cancelled", symbol);
    }

    private static Order? FindWorkingOrder(AccountBook book, ulong ticket, string clientOrderId)
    {
        if (ticket != 0)
        {
            return book.OpenOrders.GetValueOrDefault(ticket);
        }

        return book.OrdersByClientId.TryGetValue(clientOrderId, out var order) && order.IsWorking ? order : null;
    }

    private TradeOutcome PlacePending(AccountBook book, SymbolBook symbol, Order order, long nowMs)
    {
        var placed = order with
        {
            State = OrderStateMachine.Checked(order, OrderState.Placed),
            Retcode = TradeRetcode.Placed,
            RetcodeMessage = "order placed",
        };
        Remember(book, placed);
        AddWorkingOrder(book, symbol, placed);
        EmitOrder(placed, isNew: true, nowMs);
        return Outcome(placed, TradeRetcode.Placed, placed.RetcodeMessage, symbol);
    }

    private TradeOutcome Reject(AccountBook book, Order order, Rejection rejection, SymbolBook? symbol, long nowMs)
    {
        var rejected = order with
        {
            State = OrderStateMachine.Checked(order, OrderState.Rejected),
            Retcode = rejection.Code,
            RetcodeMessage = rejection.Message,
            TimeDoneMs = nowMs,
        };
        Remember(book, rejected);
        EmitOrder(rejected, isNew: true, nowMs);
        return Outcome(rejected, rejection.Code, rejection.Message, symbol);
    }

    /// <summary>Adds a working order to the working indexes (its account's, its symbol's, its trigger price's, expiry).</summary>
    private void AddWorkingOrder(AccountBook book, SymbolBook symbol, Order order)
    {
        book.OpenOrders.Add(order.Ticket, order);
        symbol.PendingOrders.Add(order.Ticket, order.AccountId);
        symbol.PendingTriggers.Set(order.Ticket, book.IsRouted ? null : _venue.TriggerOf(order)); // MT5 triggers and expires routed orders
        if (!book.IsRouted)
        {
            TrackExpiry(order);
        }
    }

    /// <summary>Stores a changed working order in every index that holds it (its trigger price may have moved).</summary>
    private void ReplaceOrder(AccountBook book, Order order)
    {
        book.OpenOrders[order.Ticket] = order;
        book.OrdersByClientId[order.ClientOrderId] = order;
        SymbolOf(order.Symbol).PendingTriggers.Set(order.Ticket, book.IsRouted ? null : _venue.TriggerOf(order));
        if (!book.IsRouted)
        {
            TrackExpiry(order);
        }
    }

    /// <summary>Removes an order that stopped working from the working indexes; it stays in the idempotency index.</summary>
    private void RetireOrder(AccountBook book, Order order)
    {
        book.OpenOrders.Remove(order.Ticket);
        Remember(book, order);
        var symbol = SymbolOf(order.Symbol);
        symbol.PendingOrders.Remove(order.Ticket);
        symbol.PendingTriggers.Remove(order.Ticket);
    }

    private TradeOutcome Outcome(Order order, TradeRetcode code, string message, SymbolBook? symbol) => new()
    {
        Retcode = code,
        Message = message,
        Order = order,
        DealTicket = order.DealTicket,
        PositionTicket = order.PositionId,
        Volume = order.VolumeInitial - order.VolumeCurrent,
        Price = order.PriceFilled ?? order.PriceOpen,
        Bid = symbol is { HasTick: true } ? symbol.LastTick.Bid : null,
        Ask = symbol is { HasTick: true } ? symbol.LastTick.Ask : null,
        ClientOrderId = order.ClientOrderId,
        Sequence = _events.Count > 0 ? _lastSequence : 0,
        FirstSequence = _events.Count > 0 ? _events[0].Sequence : 0,
    };

    private static TradeOutcome Replay(Order order) => new()
    {
        Retcode = order.Retcode,
        Message = order.RetcodeMessage,
        Order = order,
        DealTicket = order.DealTicket,
        PositionTicket = order.PositionId,
        Volume = order.VolumeInitial - order.VolumeCurrent,
        Price = order.PriceFilled ?? order.PriceOpen,
        ClientOrderId = order.ClientOrderId,
        Duplicate = true,
    };
}
