using TradingCore.Engine.Commands;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Factories;
using TradingCore.Engine.Rules;

namespace TradingCore.Engine.Core;

public sealed partial class EngineCore
{
    /// <summary>
    /// Closes a position by an opposite one of the same symbol (MT5 TRADE_ACTION_CLOSE_BY, hedging accounts).
    /// The overlapping volume is closed by two OUT_BY deals, each at the other position's open price; the combined
    /// profit is booked on the first deal. The larger position keeps its remaining volume and open price.
    /// </summary>
    public TradeOutcome ClosePositionBy(ClosePositionByRequest request, long nowMs)
    {
        if (!_accounts.TryGetValue(request.AccountId, out var book))
        {
            return TradeOutcome.NotFound($"account {request.AccountId} does not exist");
        }

        var fingerprint = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"closeby|{request.PositionTicket}|{request.OppositePositionTicket}|{request.Magic}|{request.Comment}");
        switch (Recall(book, request.ClientOrderId, request.Recall, out var existing))
        {
            case Recalled.Found:
                return Repeat(existing!, fingerprint, request.ClientOrderId);
            case Recalled.Unknown:
                return TradeOutcome.RecallNeeded(request.ClientOrderId, book.ForgottenThrough);
        }

        if (!book.Positions.TryGetValue(request.PositionTicket, out var position))
        {
            return PositionNotOpen(request.PositionTicket, request.AccountId);
        }

        if (!book.Positions.TryGetValue(request.OppositePositionTicket, out var opposite))
        {
            return PositionNotOpen(request.OppositePositionTicket, request.AccountId);
        }

        var symbol = SymbolOf(position.Symbol);
        var volume = Math.Min(position.Volume, opposite.Volume);
        var order = OrderFactory.CloseBy(NextOrderTicket(), request, position, opposite, volume, fingerprint, nowMs);

        Rejection? rejection = !book.IsHedging ? new(TradeRetcode.InvalidOrder, "close-by needs a hedging account") : null;
        rejection ??= (symbol.Spec.OrderModes & OrderModes.CloseBy) == 0 ? new(TradeRetcode.InvalidOrder, $"close-by is not allowed for {symbol.Spec.Name}") : null;
        rejection ??= !string.Equals(position.Symbol, opposite.Symbol, StringComparison.Ordinal) ? new(TradeRetcode.InvalidOrder, "close-by needs two positions of the same symbol") : null;
        rejection ??= position.IsBuy == opposite.IsBuy ? new(TradeRetcode.InvalidOrder, "close-by needs two positions of opposite directions") : null;
        rejection ??= book.Account.TradingState == AccountTradingState.Halted ? new(TradeRetcode.TradeDisabled, "account trading is halted") : null;
        rejection ??= OrderRules.Closed(symbol.Spec, nowMs);
        rejection ??= OrderRules.Frozen(symbol, position) ?? OrderRules.Frozen(symbol, opposite);
        var profit = 0m;
        if (rejection is null)
        {
            // The one figure close-by books, computed before anything changes.
            if (_valuation.RealizedProfit(book.Account, symbol.Spec, position.IsBuy, volume, position.PriceOpen, opposite.PriceOpen) is { } realized
                && ValueRanges.IsBookable(book.Account.Balance + realized))
            {
                profit = realized;
            }
            else
            {
                rejection = new(
                    _rates.Rate(symbol.Spec.CurrencyProfit, book.Account.Currency) is null ? TradeRetcode.PriceOff : TradeRetcode.Invalid,
                    $"the close-by profit cannot be computed: no quote converts {symbol.Spec.CurrencyProfit} to {book.Account.Currency}, or it is beyond the bookable range");
            }
        }

        if (book.IsRouted)
        {
            // MT5 closes them (TRADE_ACTION_CLOSE_BY); its two OUT_BY deals fill the order. The profit is MT5's.
            rejection ??= LinkRefusal(book);
        }

        if (rejection is { } refused)
        {
            return Reject(book, order, refused, symbol, nowMs);
        }

        if (book.IsRouted)
        {
            var sent = order with { State = OrderStateMachine.Checked(order, OrderState.RequestAdd), Retcode = TradeRetcode.Placed, RetcodeMessage = $"sent to MT5 (login {book.Account.Mt5Login})" };
            Remember(book, sent);
            AddWorkingOrder(book, symbol, sent);
            EmitOrder(sent, isNew: true, nowMs);
            _venueRequests.Add(new VenueRequest(book.Account.Mt5Login, VenueAction.CloseBy, sent) { Mt5PositionId = position.Mt5PositionId, Mt5PositionById = opposite.Mt5PositionId });
            return Outcome(sent, TradeRetcode.Placed, sent.RetcodeMessage, symbol);
        }

        var firstDeal = NextDealTicket();
        var secondDeal = NextDealTicket();
        var filled = order with
        {
            State = OrderStateMachine.Checked(order, OrderState.Filled),
            VolumeCurrent = 0m,
            PriceOpen = opposite.PriceOpen,
            PriceFilled = opposite.PriceOpen,
            TimeDoneMs = nowMs,
            Retcode = TradeRetcode.Done,
            RetcodeMessage = "positions closed by each other",
            DealTicket = secondDeal,
        };
        Remember(book, filled);
        EmitOrder(filled, isNew: true, nowMs);

        // Each closed part realizes its share of its position's accumulated swap on its own OUT_BY deal.
        var swap = SwapShare(book, position, volume);
        var oppositeSwap = SwapShare(book, opposite, volume);
        ReduceForCloseBy(book, position, volume, swap, nowMs);
        ReduceForCloseBy(book, opposite, volume, oppositeSwap, nowMs);
        EmitDeal(DealFactory.CloseBy(firstDeal, filled, position, volume, opposite.PriceOpen, profit, swap, nowMs));
        EmitDeal(DealFactory.CloseBy(secondDeal, filled, opposite, volume, position.PriceOpen, 0m, oppositeSwap, nowMs));
        if (profit + swap + oppositeSwap != 0m)
        {
            book.Account = book.Account with { Balance = book.Account.Balance + profit + swap + oppositeSwap };
            EmitAccount(book, isNew: false, nowMs);
        }

        UpdateMarginCall(book, nowMs);
        return Outcome(filled, TradeRetcode.Done, filled.RetcodeMessage, symbol);
    }

    /// <summary>The share of a position's accumulated swap that closing <paramref name="volume"/> of it realizes (all of it on a full close).</summary>
    private static decimal SwapShare(AccountBook book, Position position, decimal volume) =>
        volume >= position.Volume ? position.Swap : DecimalMath.RoundMoney(position.Swap * volume / position.Volume, book.Account.CurrencyDigits);

    private void ReduceForCloseBy(AccountBook book, Position position, decimal volume, decimal swap, long nowMs)
    {
        if (volume >= position.Volume)
        {
            ClosePositionRecord(book, position, nowMs);
            return;
        }

        var reduced = position with { Volume = position.Volume - volume, TimeUpdateMs = nowMs, Swap = position.Swap - swap };
        StorePosition(book, reduced, position);
        EmitPosition(reduced, isNew: false, closed: false, nowMs);
    }
}
