using TradingCore.Engine.Domain;
using TradingCore.Engine.Execution;
using TradingCore.Engine.Factories;
using TradingCore.Engine.Rules;

namespace TradingCore.Engine.Core;

public sealed partial class EngineCore
{
    private readonly List<ulong> _triggered = [];
    private readonly List<(ulong Ticket, long AccountId, TradeReason Reason)> _stopsHit = [];

    /// <summary>
    /// Accepts a tick: stamps its per-symbol sequence, then fires what it triggers (pending orders, SL/TP) and
    /// expires orders whose time is up. Returns false (and changes nothing) for an unknown symbol or values out of
    /// <see cref="ValueRanges"/> (see <see cref="TickRules"/>). Allocates nothing when the tick triggers nothing.
    /// </summary>
    public bool ApplyTick(in Tick tick, long nowMs, out Tick accepted) => ApplyTick(tick, nowMs, out accepted, out _);

    /// <summary>As <see cref="ApplyTick(in Tick, long, out Tick)"/>, saying why a tick was not applied.</summary>
    public bool ApplyTick(in Tick tick, long nowMs, out Tick accepted, out TickRejection rejection)
    {
        accepted = default;
        if (!_symbols.TryGetValue(tick.Symbol, out var symbol))
        {
            rejection = TickRejection.UnknownSymbol;
            return false;
        }

        rejection = TickRules.Check(tick);
        if (rejection != TickRejection.None)
        {
            return false;
        }

        var firstQuote = !symbol.HasTick;
        accepted = symbol.Accept(tick);
        _rates.MarketChanged();
        if (firstQuote)
        {
            UnscreenAll(); // a first quote can price (or convert) what could not be priced before
        }
        // Outside the symbol's trade sessions nothing executes: pending orders, SL/TP and stop-outs wait for the
        // first tick inside a session (docs/accounting.md, "Trading sessions").
        var trading = TradingHours.IsOpen(symbol.Spec, nowMs);
        if (trading && symbol.PendingTriggers.Count > 0)
        {
            TriggerPendingOrders(symbol, nowMs);
        }

        if (trading && symbol.StopTriggers.Count > 0)
        {
            TriggerStops(symbol, nowMs);
        }

        if (trading && symbol.Watch.Count > 0)
        {
            CheckStopOuts(symbol, nowMs);
        }

        AdvanceClock(nowMs);
        return true;
    }

    /// <summary>Charges the rollovers the clock passed, then expires pending orders whose lifetime ended at or before <paramref name="nowMs"/>.</summary>
    public void AdvanceClock(long nowMs)
    {
        Rollover(nowMs);
        TimeOutRouted(nowMs);
        if (nowMs < _nextExpiryMs)
        {
            return;
        }

        _nextExpiryMs = long.MaxValue;
        foreach (var book in _accounts.Values)
        {
            if (book.IsRouted)
            {
                continue; // MT5 expires a routed account's orders (an order_state report)
            }

            _triggered.Clear();
            foreach (var order in book.OpenOrders.Values)
            {
                if (order.ExpirationTimeMs > 0 && order.ExpirationTimeMs <= nowMs)
                {
                    _triggered.Add(order.Ticket);
                }
                else
                {
                    TrackExpiry(order);
                }
            }

            foreach (var ticket in _triggered)
            {
                var expired = OrderStateMachine.Transition(book.OpenOrders[ticket], OrderState.Expired) with { TimeDoneMs = nowMs };
                RetireOrder(book, expired);
                EmitOrder(expired, isNew: false, nowMs);
            }
        }

        _triggered.Clear();
    }

    /// <summary>Activates the pending orders the quote reached, in the order they were placed (ticket order).</summary>
    private void TriggerPendingOrders(SymbolBook symbol, long nowMs)
    {
        symbol.PendingTriggers.Collect(symbol.LastTick, _triggered);
        foreach (var ticket in _triggered)
        {
            if (symbol.PendingOrders.TryGetValue(ticket, out var accountId))
            {
                var book = _accounts[accountId];
                Activate(book, symbol, book.OpenOrders[ticket], nowMs);
            }
        }

        _triggered.Clear();
    }

    /// <summary>
    /// A triggered pending order: a stop-limit becomes a limit order at its stop-limit price (and may fill at
    /// once); a limit or stop order fills at the venue's price if the account has the margin, otherwise it is
    /// refused with REJECT_CANCEL. An order the venue does not fill now stays working.
    /// </summary>
    private void Activate(AccountBook book, SymbolBook symbol, Order order, long nowMs)
    {
        if (order.Type is OrderType.BuyStopLimit or OrderType.SellStopLimit)
        {
            var limit = order with
            {
                State = OrderStateMachine.Checked(order, OrderState.Placed),
                Type = order.Type == OrderType.BuyStopLimit ? OrderType.BuyLimit : OrderType.SellLimit,
                PriceOpen = order.StopLimitPrice,
                StopLimitPrice = null,
                Filling = OrderFilling.Return,
            };
            ReplaceOrder(book, limit);
            EmitOrder(limit, isNew: false, nowMs);
            if (_venue.TriggerOf(limit) is not { } trigger || !trigger.IsMetBy(symbol.LastTick))
            {
                return;
            }

            order = limit;
        }

        var isBuy = order.IsBuy;
        if (!_venue.TryFillMarket(symbol.LastTick, isBuy, order.VolumeCurrent, order.Filling, out var price))
        {
            return;
        }

        var refusal = PlanDeal(book, symbol, DealTarget(book, order), isBuy, order.VolumeCurrent, price, out var money);
        refusal ??= CheckMoney(book, symbol, order, isBuy, price, money, nowMs);
        if (refusal is { } refused)
        {
            var rejected = order with
            {
                State = OrderStateMachine.Checked(order, OrderState.Rejected),
                Retcode = TradeRetcode.RejectCancel,
                RetcodeMessage = "activation refused: " + refused.Message,
                TimeDoneMs = nowMs,
            };
            RetireOrder(book, rejected);
            EmitOrder(rejected, isNew: false, nowMs);
            return;
        }

        FillOrder(book, symbol, order, isBuy, price, order.Reason, money, nowMs);
    }

    /// <summary>
    /// Closes positions whose stop loss or take profit the quote reached (longs at bid, shorts at ask), in ticket
    /// order; a position that reached both closes by its stop loss.
    /// </summary>
    private void TriggerStops(SymbolBook symbol, long nowMs)
    {
        var tick = symbol.LastTick;
        symbol.StopTriggers.Collect(tick, _triggered);
        _stopsHit.Clear();
        foreach (var ticket in _triggered)
        {
            var accountId = symbol.OpenPositions[ticket];
            var position = _accounts[accountId].Positions[ticket];
            var reason = position.StopLoss is { } sl && PriceTrigger.StopLossOf(position.IsBuy, sl).IsMetBy(tick) ? TradeReason.StopLoss : TradeReason.TakeProfit;
            _stopsHit.Add((ticket, accountId, reason));
        }

        _triggered.Clear();
        foreach (var (ticket, accountId, reason) in _stopsHit)
        {
            var book = _accounts[accountId];
            if (book.Positions.TryGetValue(ticket, out var position))
            {
                CloseAtMarket(book, symbol, position, position.Volume, reason, nowMs);
            }
        }

        _stopsHit.Clear();
    }

    /// <summary>
    /// Closes a position by a server-generated market order (SL, TP, stop-out). Such orders need no client id;
    /// they get "auto-{reason}-{ticket}", unique because order tickets are. A close whose profit cannot be computed
    /// (no conversion quote, or beyond the bookable range) is not taken on a guess: the position stays open and
    /// the next tick tries again.
    /// </summary>
    private void CloseAtMarket(AccountBook book, SymbolBook symbol, Position position, decimal volume, TradeReason reason, long nowMs)
    {
        var isBuy = !position.IsBuy;
        if (!_venue.TryFillMarket(symbol.LastTick, isBuy, volume, OrderFilling.Fok, out var price))
        {
            return;
        }

        if (PlanDeal(book, symbol, position, isBuy, volume, price, out var money) is not null)
        {
            UnpricedCloses++;
            return;
        }

        var order = OrderFactory.ServerClose(NextOrderTicket(), position, volume, price, reason, nowMs);
        FillOrder(book, symbol, order, isBuy, price, reason, money, nowMs);
    }
}
