using System.Globalization;
using TradingCore.Engine.Accounting;
using TradingCore.Engine.Commands;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Rules;

namespace TradingCore.Engine.Core;

public sealed partial class EngineCore
{
    /// <summary>
    /// Fills a validated market order at the price the venue gives for the current quote, after the deviation,
    /// close target and margin checks. The venue fills whole volumes or nothing.
    /// </summary>
    private TradeOutcome ExecuteMarket(AccountBook book, SymbolBook symbol, Order order, decimal? expectedPrice, uint deviationPoints, long nowMs)
    {
        var spec = symbol.Spec;
        var isBuy = order.Type == OrderType.Buy;
        if (!_venue.TryFillMarket(symbol.LastTick, isBuy, order.VolumeInitial, order.Filling, out var price))
        {
            return Reject(book, order, new(TradeRetcode.Reject, $"the {_venue.Name} venue did not fill the order"), symbol, nowMs);
        }

        if (expectedPrice is { } expected && deviationPoints > 0 && Math.Abs(price - expected) > deviationPoints * spec.Point)
        {
            return Reject(book, order, new(TradeRetcode.Requote, $"price moved to {Format(price)}, more than {deviationPoints} points from {Format(expected)}"), symbol, nowMs);
        }

        var money = default(DealMoney);
        var rejection = OrderRules.CloseTarget(book, order, isBuy) ?? PlanDeal(book, symbol, DealTarget(book, order), isBuy, order.VolumeInitial, price, out money);
        rejection ??= CheckMoney(book, symbol, order, isBuy, price, money, nowMs);
        if (rejection is not null)
        {
            return Reject(book, order, rejection.Value, symbol, nowMs);
        }

        var filled = FillOrder(book, symbol, order, isBuy, price, order.Reason, money, nowMs);
        return Outcome(filled, TradeRetcode.Done, "order filled", symbol);
    }

    /// <summary>
    /// Computes what a fill of <paramref name="volume"/> at <paramref name="price"/> books, before anything changes:
    /// the realized profit of the part that closes <paramref name="target"/> (the position the fill changes, null
    /// when it opens one), and the commission and fee of the deal. Refuses (and changes nothing) when a figure needs
    /// a conversion quote the core does not have, or it or the balance after it would leave the bookable range.
    /// </summary>
    private Rejection? PlanDeal(AccountBook book, SymbolBook symbol, Position? target, bool isBuy, decimal volume, decimal price, out DealMoney money)
    {
        money = default;
        var spec = symbol.Spec;
        var closing = target is not null && target.IsBuy != isBuy ? Math.Min(volume, target.Volume) : 0m;
        var profit = 0m;
        if (closing > 0m)
        {
            if (_rates.Rate(spec.CurrencyProfit, book.Account.Currency) is null)
            {
                return new(TradeRetcode.PriceOff, $"no quote converts {spec.CurrencyProfit} profit of {spec.Name} to {book.Account.Currency}");
            }

            if (_valuation.RealizedProfit(book.Account, spec, target!.IsBuy, closing, target.PriceOpen, price) is not { } realized)
            {
                return new(TradeRetcode.Invalid, "the deal's profit or the balance after it would be beyond the bookable range (docs/api.md, value ranges)");
            }

            profit = realized;
        }

        if (_valuation.Charges(book.Account, spec, volume - closing, closing, price) is not { } charges)
        {
            return new(TradeRetcode.PriceOff, $"no quote converts the commission of {spec.Name} to {book.Account.Currency}, or it is beyond the bookable range");
        }

        // The closed part takes its share of the position's accumulated swap (all of it on a full close).
        var swap = closing == 0m ? 0m : closing == target!.Volume ? target.Swap : DecimalMath.RoundMoney(target.Swap * closing / target.Volume, book.Account.CurrencyDigits);
        money = new DealMoney(profit, charges.Commission, charges.Fee, swap);
        return ValueRanges.IsBookable(book.Account.Balance + money.Total)
            ? null
            : new(TradeRetcode.Invalid, "the deal's profit or the balance after it would be beyond the bookable range (docs/api.md, value ranges)");
    }

    /// <summary>The position an execution of <paramref name="order"/> changes, or null when it opens a new one.</summary>
    private static Position? DealTarget(AccountBook book, Order order) => book.IsHedging
        ? (order.PositionTicketRequested != 0 ? book.Positions.GetValueOrDefault(order.PositionTicketRequested) : null)
        : book.NettingPosition(order.Symbol);

    /// <summary>
    /// Records the order as filled and executes its deal with the money <see cref="PlanDeal"/> computed. The
    /// order event comes first, then the deal, position and balance events (and a margin-call change last), so a
    /// stream reader meets the order before what it caused. Nothing here can fail: every figure was computed before
    /// the first change.
    /// </summary>
    private Order FillOrder(AccountBook book, SymbolBook symbol, Order order, bool isBuy, decimal price, TradeReason reason, DealMoney money, long nowMs)
    {
        var dealTicket = NextDealTicket();
        var filled = order with
        {
            State = OrderStateMachine.Checked(order, OrderState.Filled),
            VolumeCurrent = 0m,
            PriceOpen = order.IsMarket ? price : order.PriceOpen,
            PriceFilled = price,
            TimeDoneMs = nowMs,
            Retcode = order.IsMarket ? TradeRetcode.Done : order.Retcode,
            RetcodeMessage = order.IsMarket ? "order filled" : order.RetcodeMessage,
            DealTicket = dealTicket,
            PositionId = PositionIdFor(book, order, isBuy),
        };
        if (book.OpenOrders.ContainsKey(order.Ticket))
        {
            RetireOrder(book, filled);
        }
        else
        {
            Remember(book, filled);
        }

        EmitOrder(filled, isNew: order.State == OrderState.Started, nowMs);
        ApplyDeal(book, filled, isBuy, filled.VolumeInitial, price, reason, dealTicket, money, nowMs);
        UpdateMarginCall(book, nowMs);
        return filled;
    }

    /// <summary>The identifier of the position an order will open or change.</summary>
    private static ulong PositionIdFor(AccountBook book, Order order, bool isBuy)
    {
        if (book.IsHedging)
        {
            return order.PositionTicketRequested != 0 ? book.Positions[order.PositionTicketRequested].Identifier : order.Ticket;
        }

        return book.NettingPosition(order.Symbol)?.Identifier ?? order.Ticket;
    }

    /// <summary>
    /// Free margin after the trade (its commission and fee taken) must not be negative, unless the trade lowers the
    /// margin in use. Also refuses when the profit or margin currency cannot be converted to the account currency.
    /// </summary>
    private Rejection? CheckMoney(AccountBook book, SymbolBook symbol, Order order, bool isBuy, decimal price, DealMoney money, long nowMs)
    {
        var spec = symbol.Spec;
        var account = book.Account;
        if (_rates.Rate(spec.CurrencyProfit, account.Currency) is null || _rates.Rate(spec.CurrencyMargin, account.Currency) is null)
        {
            return new(TradeRetcode.PriceOff, $"no quote converts {spec.CurrencyProfit}/{spec.CurrencyMargin} of {spec.Name} to {account.Currency}");
        }

        var before = _valuation.Snapshot(book, nowMs);
        if (before.Pricing == PriceState.Missing)
        {
            // A close needs no money; anything else is not decided on figures the core cannot compute.
            if (DealTarget(book, order) is { } target && target.IsBuy != isBuy && order.VolumeInitial <= target.Volume)
            {
                return null;
            }

            return new(TradeRetcode.PriceOff, $"account {account.AccountId} cannot be valued now: a position's symbol or its conversion to {account.Currency} has no quote (or a figure is beyond range)");
        }

        var legs = book.LegsAfter(spec.Name, isBuy, order.VolumeInitial, price, order.PositionTicketRequested);
        if (_valuation.AccountMargin(book, spec.Name, legs) is not { } marginAfter)
        {
            return new(TradeRetcode.Invalid, $"the margin of {Format(order.VolumeInitial)} lots of {spec.Name} cannot be computed: beyond the bookable range (docs/api.md, value ranges)");
        }

        // The deal's commission and fee come off the equity first (MT5: (equity − C) against the new margin).
        var equity = before.Equity + money.Commission + money.Fee;
        return marginAfter > before.Margin && equity - marginAfter < 0m
            ? new(TradeRetcode.NoMoney, NoMoneyMessage(equity, marginAfter, account))
            : null;
    }

    private static string NoMoneyMessage(decimal equity, decimal marginAfter, Account account) =>
        string.Create(CultureInfo.InvariantCulture, $"not enough money: margin after the trade {Format(marginAfter)} {account.Currency} exceeds equity {Format(equity)} {account.Currency}");
}
