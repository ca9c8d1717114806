using TradingCore.Engine.Commands;
using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Core;

/// <summary>
/// Changes to a routed account's pending orders (docs/mt5-routing.md): a modify or cancel is checked as for an internal
/// order, then the order waits in REQUEST_MODIFY / REQUEST_CANCEL while MT5 decides (TRADE_ACTION_MODIFY / REMOVE);
/// MT5's result applies or refuses the change. MT5's own ends of an order (expired, cancelled by hand, rejected on
/// activation) arrive as order states.
/// </summary>
public sealed partial class EngineCore
{
    /// <summary>Request ids of SL/TP changes: a range of their own (from 2^62), never an order's ticket.</summary>
    private ulong _lastStopsRequest = 1UL << 62;

    /// <summary>
    /// Sends a change of a placed routed order: <paramref name="modified"/> (its new prices) or, when null, its cancel.
    /// An order MT5 has not placed yet, or with a change already waiting, is refused with 10028 LOCKED.
    /// </summary>
    private TradeOutcome RouteChange(AccountBook book, SymbolBook symbol, Order order, Order? modified, long nowMs)
    {
        if (LinkRefusal(book) is { } link)
        {
            return Outcome(order, link.Code, link.Message, symbol);
        }

        if (order.State != OrderState.Placed || order.Mt5OrderTicket == 0)
        {
            return Outcome(order, TradeRetcode.Locked, $"order {order.Ticket} is {ContractState(order.State)} in MT5: it can change once MT5 has placed it", symbol);
        }

        var waiting = order with
        {
            State = OrderStateMachine.Checked(order, modified is null ? OrderState.RequestCancel : OrderState.RequestModify),
            RetcodeMessage = modified is null ? "cancel sent to MT5" : "change sent to MT5",
        };
        ReplaceOrder(book, waiting);
        EmitOrder(waiting, isNew: false, nowMs);
        if (modified is not null)
        {
            book.PendingChanges[order.Ticket] = modified;
        }

        _venueRequests.Add(new VenueRequest(book.Account.Mt5Login, modified is null ? VenueAction.Remove : VenueAction.Modify, modified ?? order)
        {
            Mt5OrderTicket = order.Mt5OrderTicket,
        });
        return Outcome(waiting, TradeRetcode.Placed, waiting.RetcodeMessage, symbol);
    }

    /// <summary>
    /// Sends a routed position's new SL/TP (TRADE_ACTION_SLTP) under a request id of its own (from 2^62: no order's);
    /// the position keeps its stops until MT5's result applies them (refused: unchanged).
    /// </summary>
    private TradeOutcome RouteStops(AccountBook book, SymbolBook symbol, Position position, decimal? stopLoss, decimal? takeProfit, long nowMs)
    {
        if (LinkRefusal(book) is { } link)
        {
            return new TradeOutcome { Retcode = link.Code, Message = link.Message, PositionTicket = position.Ticket };
        }

        var requestId = ++_lastStopsRequest;
        book.PendingStops[requestId] = (position.Ticket, stopLoss, takeProfit);
        var request = new Order
        {
            Ticket = requestId,
            AccountId = book.Account.AccountId,
            ClientOrderId = "",
            Symbol = position.Symbol,
            Type = position.IsBuy ? OrderType.Buy : OrderType.Sell,
            State = OrderState.Started,
            VolumeInitial = position.Volume,
            VolumeCurrent = position.Volume,
            StopLoss = stopLoss,
            TakeProfit = takeProfit,
            Filling = OrderFilling.Fok,
            TimeType = OrderTimeType.Gtc,
            TimeSetupMs = nowMs,
            Magic = position.Magic,
            RequestFingerprint = "",
        };
        _venueRequests.Add(new VenueRequest(book.Account.Mt5Login, VenueAction.Sltp, request) { Mt5PositionId = position.Mt5PositionId });
        return new TradeOutcome
        {
            Retcode = TradeRetcode.Placed,
            Message = "stops sent to MT5: the position changes when MT5 confirms",
            PositionTicket = position.Ticket,
            Bid = symbol.LastTick.Bid,
            Ask = symbol.LastTick.Ask,
        };
    }

    /// <summary>
    /// A position's SL/TP as MT5 holds them (changed in the terminal by hand, or a stops change confirmed another way):
    /// the routed position takes them. Found by MT5's position identifier; unchanged stops change nothing.
    /// </summary>
    public VenueOutcome ApplyVenuePositionStops(long login, ulong mt5PositionId, decimal? stopLoss, decimal? takeProfit, long nowMs)
    {
        if (!_routedByLogin.TryGetValue(login, out var book))
        {
            return VenueOutcome.Ignored;
        }

        if (stopLoss is { } sl && !ValueRanges.IsPrice(sl) || takeProfit is { } tp && !ValueRanges.IsPrice(tp))
        {
            throw new ArgumentOutOfRangeException(nameof(stopLoss), "an MT5 position's stop loss or take profit is out of range (docs/api.md, value ranges)");
        }

        var position = book.Positions.Values.FirstOrDefault(candidate => candidate.Mt5PositionId == mt5PositionId);
        if (position is null || (position.StopLoss == stopLoss && position.TakeProfit == takeProfit))
        {
            return VenueOutcome.Duplicate;
        }

        var modified = position with { StopLoss = stopLoss, TakeProfit = takeProfit, TimeUpdateMs = nowMs };
        StorePosition(book, modified, position);
        EmitPosition(modified, isNew: false, closed: false, nowMs);
        return VenueOutcome.Applied;
    }

    /// <summary>MT5's answer to a stops change: applied to the position (if still open), or nothing when refused.</summary>
    private VenueOutcome ApplyStopsResult(AccountBook book, (ulong Position, decimal? StopLoss, decimal? TakeProfit) change, VenueResult result, long nowMs)
    {
        if (!result.Accepted || !book.Positions.TryGetValue(change.Position, out var position))
        {
            return VenueOutcome.Applied;
        }

        var modified = position with { StopLoss = change.StopLoss, TakeProfit = change.TakeProfit, TimeUpdateMs = nowMs };
        StorePosition(book, modified, position);
        EmitPosition(modified, isNew: false, closed: false, nowMs);
        return VenueOutcome.Applied;
    }

    /// <summary>MT5's answer to a modify or cancel: the change applies, or the order goes back to PLACED as it was.</summary>
    private VenueOutcome ApplyChangeResult(AccountBook book, Order order, VenueResult result, long nowMs)
    {
        book.PendingChanges.Remove(order.Ticket, out var modified);
        var message = MessageOf(result);
        Order changed;
        if (!result.Accepted)
        {
            changed = order with { State = OrderStateMachine.Checked(order, OrderState.Placed), Retcode = result.Retcode, RetcodeMessage = message };
        }
        else if (order.State == OrderState.RequestCancel)
        {
            changed = order with { State = OrderStateMachine.Checked(order, OrderState.Canceled), Retcode = result.Retcode, RetcodeMessage = message, TimeDoneMs = nowMs };
            book.Mt5Orders.Remove(order.Mt5OrderTicket);
            RetireOrder(book, changed);
            EmitOrder(changed, isNew: false, nowMs);
            return VenueOutcome.Applied;
        }
        else
        {
            // A restart between the request and its result lost the new prices: MT5 holds them, the order keeps the old.
            changed = (modified ?? OrderStateMachine.Transition(order, OrderState.Placed)) with
            {
                State = OrderState.Placed,
                Retcode = result.Retcode,
                RetcodeMessage = modified is null ? "modified in MT5 (the new prices were requested before a restart)" : message,
                Mt5OrderTicket = order.Mt5OrderTicket,
            };
        }

        ReplaceOrder(book, changed);
        EmitOrder(changed, isNew: false, nowMs);
        return VenueOutcome.Applied;
    }

    /// <summary>
    /// An order's state on the MT5 server that no result or deal told (HISTORY_ADD / ORDER_UPDATE): placed (when its
    /// result was lost), or ended (expired, cancelled in the terminal, rejected when triggered). Found by MT5's ticket
    /// or the core's tag; an order already in that state, or gone, changes nothing.
    /// </summary>
    public VenueOutcome ApplyVenueOrderState(long login, ulong mt5OrderTicket, ulong orderTicket, OrderState state, long nowMs)
    {
        if (!_routedByLogin.TryGetValue(login, out var book))
        {
            return VenueOutcome.Ignored;
        }

        var order = book.Mt5Orders.TryGetValue(mt5OrderTicket, out var ticket) ? book.OpenOrders[ticket]
            : orderTicket != 0 ? book.OpenOrders.GetValueOrDefault(orderTicket) : null;
        if (order is null || order.IsMarket)
        {
            return VenueOutcome.Duplicate; // gone already, or a market order (its deals and result decide it)
        }

        Order changed;
        switch (state)
        {
            case OrderState.Placed when order.State is OrderState.RequestAdd or OrderState.Unknown:
                changed = order with { State = OrderStateMachine.Checked(order, OrderState.Placed), Mt5OrderTicket = mt5OrderTicket, Retcode = TradeRetcode.Placed, RetcodeMessage = "placed in MT5" };
                book.Mt5Orders[mt5OrderTicket] = order.Ticket;
                ReplaceOrder(book, changed);
                break;
            case OrderState.Canceled or OrderState.Expired or OrderState.Rejected:
                // What filled stays filled: the rest is cancelled; a change in flight ends as cancelled too.
                var ended = order.VolumeCurrent < order.VolumeInitial || !OrderStateMachine.CanTransition(order.State, state) ? OrderState.Canceled : state;
                changed = order with
                {
                    State = OrderStateMachine.Checked(order, ended),
                    RetcodeMessage = $"{ContractState(state)} in MT5",
                    TimeDoneMs = nowMs,
                    Mt5OrderTicket = order.Mt5OrderTicket != 0 ? order.Mt5OrderTicket : mt5OrderTicket,
                };
                book.PendingChanges.Remove(order.Ticket);
                book.Mt5Orders.Remove(changed.Mt5OrderTicket);
                RetireOrder(book, changed);
                break;
            default:
                return VenueOutcome.Duplicate;
        }

        EmitOrder(changed, isNew: false, nowMs);
        return VenueOutcome.Applied;
    }

    private static string ContractState(OrderState state) => state switch
    {
        OrderState.RequestAdd => "being placed",
        OrderState.RequestModify => "being modified",
        OrderState.RequestCancel => "being cancelled",
        OrderState.Unknown => "of unknown outcome",
        _ => state.ToString().ToLowerInvariant(),
    };
}
