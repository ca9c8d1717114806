using System.Globalization;
using TradingCore.Engine.Accounting;
using TradingCore.Engine.Commands;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Rules;

namespace TradingCore.Engine.Core;

/// <summary>
/// Routed accounts (docs/mt5-routing.md): orders checked here go to an MT5 terminal as <see cref="VenueRequest"/>s;
/// the terminal's link, MT5's results and MT5's deals come back as engine inputs and are applied once each.
/// </summary>
public sealed partial class EngineCore
{
    private readonly Dictionary<long, AccountBook> _routedByLogin = [];
    private readonly Dictionary<long, VenueLink> _links = [];
    private readonly List<VenueRequest> _venueRequests = [];

    /// <summary>Whether any request for a terminal is waiting in <see cref="TakeVenueRequests"/>.</summary>
    public bool HasVenueRequests => _venueRequests.Count > 0;

    /// <summary>Returns and clears the requests for terminals decided since the last call (sent after their commit).</summary>
    public VenueRequest[] TakeVenueRequests()
    {
        if (_venueRequests.Count == 0)
        {
            return [];
        }

        var taken = _venueRequests.ToArray();
        _venueRequests.Clear();
        return taken;
    }

    /// <summary>The account routed to an MT5 login, or null.</summary>
    public long? AccountRoutedTo(long login) => _routedByLogin.TryGetValue(login, out var book) ? book.Account.AccountId : null;

    /// <summary>
    /// Why an account may not take this venue, or null when it may: MT5 needs a positive login that no other open
    /// account routes to; the internal venue has no login; an existing account changes venue or login only with no
    /// open position and no working order.
    /// </summary>
    public string? VenueRefusal(long accountId, AccountVenue venue, long mt5Login)
    {
        if (venue == AccountVenue.Mt5 && mt5Login <= 0)
        {
            return "mt5_login: a positive MT5 login is required for venue MT5";
        }

        if (venue == AccountVenue.Internal && mt5Login != 0)
        {
            return "mt5_login: only an account with venue MT5 has an MT5 login";
        }

        if (venue == AccountVenue.Mt5 && _routedByLogin.TryGetValue(mt5Login, out var other) && other.Account.AccountId != accountId)
        {
            return $"mt5_login: MT5 login {mt5Login} is already routed from account {other.Account.AccountId}";
        }

        if (_accounts.TryGetValue(accountId, out var book) && (book.Account.Venue != venue || book.Account.Mt5Login != mt5Login)
            && (book.Positions.Count > 0 || book.OpenOrders.Count > 0))
        {
            return $"venue: account {accountId} changes venue only with no open position and no working order";
        }

        return null;
    }

    /// <summary>
    /// A terminal's bridge session reports its link. Every account routed to the login takes the state it implies
    /// (connected, AutoTrading off, or an account that does not match) and, when it changed, an account event.
    /// </summary>
    public void SetVenueLink(long login, VenueLink link, long nowMs)
    {
        _links[login] = link;
        if (_routedByLogin.TryGetValue(login, out var book))
        {
            if (!link.Connected)
            {
                MarkInFlightUnknown(book, nowMs);
            }

            UpdateVenueState(book, nowMs);
        }
    }

    /// <summary>
    /// MT5's answer to a routed request. An accepted request records MT5's order ticket (its deals fill the order);
    /// a refused one rejects the order with MT5's retcode. A result for an order no longer waiting changes nothing.
    /// </summary>
    public VenueOutcome ApplyVenueResult(VenueResult result, long nowMs)
    {
        if (!_routedByLogin.TryGetValue(result.Login, out var book))
        {
            return VenueOutcome.Ignored;
        }

        if (book.PendingStops.Remove(result.OrderTicket, out var stops))
        {
            return ApplyStopsResult(book, stops, result, nowMs);
        }

        if (!book.OpenOrders.TryGetValue(result.OrderTicket, out var order))
        {
            return VenueOutcome.Duplicate;
        }

        if (order.State is OrderState.RequestModify or OrderState.RequestCancel)
        {
            return ApplyChangeResult(book, order, result, nowMs);
        }

        // A market order MT5 confirmed only in part (IOC, or a FOK MT5 still filled partly): the rest never fills.
        if (result.Accepted && order.IsMarket && result.Volume is { } confirmed && confirmed < order.VolumeInitial && order.Filling != OrderFilling.Return)
        {
            book.ConfirmedVolumes[order.Ticket] = confirmed;
            if (order.VolumeInitial - order.VolumeCurrent >= confirmed && order.VolumeCurrent < order.VolumeInitial)
            {
                return CancelUnconfirmedRest(book, order, result.Retcode, nowMs);
            }
        }

        if (order.Mt5OrderTicket != 0 && (result.Accepted || order.State is OrderState.Placed or OrderState.Partial))
        {
            return VenueOutcome.Duplicate;
        }

        var message = MessageOf(result);
        if (result.Accepted)
        {
            // A pending order is placed (MT5 triggers it; its deals fill it); a market order waits for its deals.
            var accepted = (!order.IsMarket && order.State is OrderState.RequestAdd or OrderState.Unknown ? OrderStateMachine.Transition(order, OrderState.Placed) : order)
                with { Mt5OrderTicket = result.Mt5OrderTicket, Retcode = result.Retcode, RetcodeMessage = message };
            if (result.Mt5OrderTicket != 0)
            {
                book.Mt5Orders[result.Mt5OrderTicket] = order.Ticket;
            }

            ReplaceOrder(book, accepted);
            EmitOrder(accepted, isNew: false, nowMs);
            return VenueOutcome.Applied;
        }

        // MT5 refused: nothing more of the order executes (what filled before stays filled).
        var filled = order.VolumeCurrent < order.VolumeInitial;
        var ended = order with
        {
            State = OrderStateMachine.Checked(order, filled ? OrderState.Canceled : OrderState.Rejected),
            Retcode = result.Retcode,
            RetcodeMessage = message,
            TimeDoneMs = nowMs,
            Mt5OrderTicket = order.Mt5OrderTicket != 0 ? order.Mt5OrderTicket : result.Mt5OrderTicket,
        };
        book.Mt5Orders.Remove(ended.Mt5OrderTicket);
        RetireOrder(book, ended);
        EmitOrder(ended, isNew: false, nowMs);
        return VenueOutcome.Applied;
    }

    /// <summary>
    /// A deal on the MT5 trade server, applied once per MT5 deal ticket: it fills the core order it belongs to (found
    /// by MT5's order ticket or the deal's tag) and moves the position it names (by MT5's position identifier) and
    /// the balance by MT5's figures. A deal of no core order (a manual trade, a stop-out, a server SL/TP) is applied
    /// the same way and reported as <see cref="VenueOutcome.External"/>.
    /// </summary>
    public VenueOutcome ApplyVenueDeal(VenueDeal deal, long nowMs)
    {
        if (!_routedByLogin.TryGetValue(deal.Login, out var book) || !_symbols.ContainsKey(deal.Symbol))
        {
            return VenueOutcome.Ignored;
        }

        if (book.Mt5Deals.Contains(deal.Mt5DealTicket))
        {
            return VenueOutcome.Duplicate;
        }

        // Check every figure before the first change (nothing below may fail half-way).
        var money = new DealMoney(deal.Profit, deal.Commission, deal.Fee, deal.Swap);
        if (!ValueRanges.IsVolume(deal.Volume) || !ValueRanges.IsPrice(deal.Price)
            || !ValueRanges.IsMoney(deal.Profit) || !ValueRanges.IsMoney(deal.Commission) || !ValueRanges.IsMoney(deal.Fee) || !ValueRanges.IsMoney(deal.Swap)
            || !ValueRanges.IsBookable(book.Account.Balance + money.Total))
        {
            // Refused before any change (the engine goes on; the report is logged and the next sweep brings it again).
            throw new ArgumentOutOfRangeException(nameof(deal), "an MT5 deal's volume, price or money is out of range (docs/api.md, value ranges)");
        }

        var target = book.IsHedging
            ? book.Positions.Values.FirstOrDefault(position => position.Mt5PositionId == deal.Mt5PositionId && position.Symbol == deal.Symbol)
            : book.NettingPosition(deal.Symbol);
        if (target is not null && target.IsBuy == deal.IsBuy && !ValueRanges.IsVolume(target.Volume + deal.Volume))
        {
            throw new ArgumentOutOfRangeException(nameof(deal), "an MT5 deal would grow a position beyond the largest volume (docs/api.md, value ranges)");
        }

        // MT5 rewrites a close-by's comments (the tag is lost): its OUT_BY deals find it by the positions it names.
        var order = FindRoutedOrder(book, deal) ?? (deal.Entry == DealEntry.OutBy && target is not null
            ? book.OpenOrders.Values.FirstOrDefault(open => open.Type == OrderType.CloseBy && (open.PositionId == target.Identifier || open.PositionById == target.Identifier))
            : null);
        var external = order is null;
        var source = order ?? ExternalOrder(book, deal, nowMs);
        source = source with { PositionTicketRequested = book.IsHedging ? target?.Ticket ?? 0 : source.PositionTicketRequested };

        var dealTicket = NextDealTicket();
        if (order is not null)
        {
            // A close-by fills with two OUT_BY deals of its volume, one per position: each fills half of it.
            var remaining = Math.Max(0m, order.VolumeCurrent - (order.Type == OrderType.CloseBy ? deal.Volume / 2 : deal.Volume));
            var filledBefore = order.VolumeInitial - order.VolumeCurrent;
            var filledAfter = order.VolumeInitial - remaining;
            var progressed = order with
            {
                State = OrderStateMachine.Checked(order, remaining == 0m ? OrderState.Filled : OrderState.Partial),
                VolumeCurrent = remaining,
                PriceFilled = filledBefore == 0m || order.PriceFilled is not { } average
                    ? deal.Price
                    : PositionMath.AveragePrice(filledBefore, average, filledAfter - filledBefore, deal.Price),
                PriceOpen = order.IsMarket ? deal.Price : order.PriceOpen,
                DealTicket = dealTicket,
                PositionId = target?.Identifier ?? order.Ticket,
                Mt5OrderTicket = order.Mt5OrderTicket != 0 ? order.Mt5OrderTicket : deal.Mt5OrderTicket,
                Retcode = remaining == 0m ? TradeRetcode.Done : TradeRetcode.DonePartial,
                RetcodeMessage = remaining == 0m ? "filled by MT5" : "partly filled by MT5",
                TimeDoneMs = remaining == 0m ? nowMs : 0,
            };
            if (remaining == 0m)
            {
                book.Mt5Orders.Remove(progressed.Mt5OrderTicket);
                RetireOrder(book, progressed);
            }
            else
            {
                book.Mt5Orders[progressed.Mt5OrderTicket] = progressed.Ticket;
                ReplaceOrder(book, progressed);
            }

            EmitOrder(progressed, isNew: false, nowMs);
            source = progressed with { PositionTicketRequested = source.PositionTicketRequested };
            if (remaining > 0m && book.ConfirmedVolumes.TryGetValue(order.Ticket, out var confirmed) && filledAfter >= confirmed)
            {
                CancelUnconfirmedRest(book, progressed, progressed.Retcode, nowMs);
            }
        }

        book.Mt5Deals.Add(deal.Mt5DealTicket);
        book.LastMt5DealMs = Math.Max(book.LastMt5DealMs, nowMs);
        ApplyDeal(book, source, deal.IsBuy, deal.Volume, deal.Price, external ? deal.Reason : source.Reason, dealTicket, money, nowMs, deal);
        UpdateMarginCall(book, nowMs);
        return external ? VenueOutcome.External : VenueOutcome.Applied;
    }

    /// <summary>
    /// A routed account's order, checked like an internal one (a market order also for money at the current quote),
    /// then sent to its terminal: TRADE_ACTION_DEAL for a market order, TRADE_ACTION_PENDING for a pending one.
    /// </summary>
    private TradeOutcome Route(AccountBook book, SymbolBook symbol, Order order, OrderRequest request, long nowMs)
    {
        var login = book.Account.Mt5Login;
        var rejection = LinkRefusal(book);
        if (order.IsMarket)
        {
            var isBuy = order.Type == OrderType.Buy;
            var price = isBuy ? symbol.LastTick.Ask : symbol.LastTick.Bid;
            var money = default(DealMoney);
            rejection ??= OrderRules.CloseTarget(book, order, isBuy) ?? PlanDeal(book, symbol, DealTarget(book, order), isBuy, order.VolumeInitial, price, out money);
            rejection ??= CheckMoney(book, symbol, order, isBuy, price, money, nowMs);
        }

        if (rejection is not null)
        {
            return Reject(book, order, rejection.Value, symbol, nowMs);
        }

        var sent = order with
        {
            State = OrderStateMachine.Checked(order, OrderState.RequestAdd),
            Retcode = TradeRetcode.Placed,
            RetcodeMessage = $"sent to MT5 (login {login})",
        };
        Remember(book, sent);
        AddWorkingOrder(book, symbol, sent);
        EmitOrder(sent, isNew: true, nowMs);
        var mt5Position = sent.PositionTicketRequested != 0 ? book.Positions[sent.PositionTicketRequested].Mt5PositionId : 0;
        _venueRequests.Add(sent.IsMarket
            ? new VenueRequest(login, VenueAction.Deal, sent) { Mt5PositionId = mt5Position, Price = request.Price, DeviationPoints = request.DeviationPoints }
            : new VenueRequest(login, VenueAction.Pending, sent));
        return Outcome(sent, TradeRetcode.Placed, sent.RetcodeMessage, symbol);
    }

    /// <summary>A market order filled as far as MT5 confirmed it: the rest is cancelled (what filled stays filled).</summary>
    private VenueOutcome CancelUnconfirmedRest(AccountBook book, Order order, TradeRetcode retcode, long nowMs)
    {
        book.ConfirmedVolumes.Remove(order.Ticket);
        var ended = order with
        {
            State = OrderStateMachine.Checked(order, OrderState.Canceled),
            Retcode = retcode,
            RetcodeMessage = $"MT5 filled {DecimalMath.Format(order.VolumeInitial - order.VolumeCurrent)} of {DecimalMath.Format(order.VolumeInitial)} lots: the rest is cancelled",
            TimeDoneMs = nowMs,
        };
        book.Mt5Orders.Remove(ended.Mt5OrderTicket);
        RetireOrder(book, ended);
        EmitOrder(ended, isNew: false, nowMs);
        return VenueOutcome.Applied;
    }

    /// <summary>Why a routed account's terminal cannot take an order now (MT5's retcodes), or null when its link is up.</summary>
    private Rejection? LinkRefusal(AccountBook book) => book.VenueState switch
    {
        VenueLinkState.Connected => null,
        VenueLinkState.TradingDisabled => new(TradeRetcode.ClientDisablesAutoTrading, $"AutoTrading is off in the MT5 terminal of login {book.Account.Mt5Login}"),
        VenueLinkState.Mismatch => new(TradeRetcode.TradeDisabled, MismatchMessage(book)),
        _ => new(TradeRetcode.Connection, $"the MT5 terminal of login {book.Account.Mt5Login} is not connected"),
    };

    private static Order? FindRoutedOrder(AccountBook book, VenueDeal deal)
    {
        if (deal.Mt5OrderTicket != 0 && book.Mt5Orders.TryGetValue(deal.Mt5OrderTicket, out var ticket))
        {
            return book.OpenOrders[ticket];
        }

        return deal.OrderTicket != 0 && book.OpenOrders.TryGetValue(deal.OrderTicket, out var tagged) ? tagged : null;
    }

    /// <summary>What an external deal is booked under: an order of MT5's reason, never stored (its deal is).</summary>
    private Order ExternalOrder(AccountBook book, VenueDeal deal, long nowMs) => new()
    {
        Ticket = NextOrderTicket(),
        AccountId = book.Account.AccountId,
        ClientOrderId = "",
        Symbol = deal.Symbol,
        Type = deal.IsBuy ? OrderType.Buy : OrderType.Sell,
        State = OrderState.Filled,
        VolumeInitial = deal.Volume,
        VolumeCurrent = 0m,
        Filling = OrderFilling.Fok,
        TimeType = OrderTimeType.Gtc,
        TimeSetupMs = nowMs,
        Magic = deal.Magic,
        Comment = deal.Comment,
        Reason = deal.Reason,
        Mt5OrderTicket = deal.Mt5OrderTicket,
        RequestFingerprint = "",
    };

    private void UpdateVenueState(AccountBook book, long nowMs)
    {
        var link = _links.GetValueOrDefault(book.Account.Mt5Login) ?? VenueLink.Down;
        var state = !link.Connected ? VenueLinkState.Disconnected
            : link.Currency != book.Account.Currency || link.MarginMode != book.Account.MarginMode ? VenueLinkState.Mismatch
            : link.TradeAllowed ? VenueLinkState.Connected
            : VenueLinkState.TradingDisabled;
        if (state != book.VenueState)
        {
            book.VenueState = state;
            EmitAccount(book, isNew: false, nowMs);
        }
    }

    /// <summary>Keeps the login index true after an account's venue or login changed (or it was created or restored).</summary>
    private void IndexVenue(AccountBook book, Account? before, long nowMs)
    {
        if (before is { IsRouted: true } && _routedByLogin.TryGetValue(before.Mt5Login, out var indexed) && ReferenceEquals(indexed, book))
        {
            _routedByLogin.Remove(before.Mt5Login);
        }

        if (book.IsRouted && !book.Account.Closed)
        {
            _routedByLogin[book.Account.Mt5Login] = book;
            UpdateVenueState(book, nowMs);
        }
    }

    private string MismatchMessage(AccountBook book)
    {
        var link = _links.GetValueOrDefault(book.Account.Mt5Login) ?? VenueLink.Down;
        return string.Create(CultureInfo.InvariantCulture,
            $"the MT5 terminal of login {book.Account.Mt5Login} has a {link.Currency} {link.MarginMode} account; account {book.Account.AccountId} is {book.Account.Currency} {book.Account.MarginMode}");
    }

    private static string MessageOf(VenueResult result)
    {
        var text = result.Comment.Length > 0 ? $"MT5: {result.Comment}" : $"MT5 answered {(int)result.Retcode}";
        return result.Bid is { } bid && result.Ask is { } ask
            ? string.Create(CultureInfo.InvariantCulture, $"{text} (bid {DecimalMath.Format(bid)}, ask {DecimalMath.Format(ask)})")
            : text;
    }
}
