using TradingCore.Engine.Accounting;
using TradingCore.Engine.Commands;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Execution;
using TradingCore.Engine.Factories;
using TradingCore.Engine.Rules;

namespace TradingCore.Engine.Core;

public sealed partial class EngineCore
{
    /// <summary>
    /// Applies one execution to the account's positions and balance and emits the deal, position and account
    /// events; <paramref name="money"/> is what <see cref="PlanDeal"/> computed before any change (profit, commission, fee).
    /// Netting: opens, increases (volume-weighted average price), reduces, closes or reverses (one INOUT deal) the
    /// symbol's single position. Hedging: opens a new position, or reduces/closes the named one.
    /// </summary>
    private void ApplyDeal(AccountBook book, Order order, bool isBuy, decimal volume, decimal price, TradeReason reason, ulong dealTicket, DealMoney money, long nowMs, VenueDeal? mt5 = null)
    {
        var target = DealTarget(book, order);
        DealEntry entry;
        if (target is null || target.IsBuy == isBuy)
        {
            entry = DealEntry.In;
            if (target is null)
            {
                OpenPosition(book, order, isBuy, volume, price, order.Ticket, order.Ticket, nowMs, mt5PositionId: mt5?.Mt5PositionId ?? 0);
            }
            else
            {
                var increased = target with
                {
                    Volume = target.Volume + volume,
                    PriceOpen = PositionMath.AveragePrice(target.Volume, target.PriceOpen, volume, price),
                    StopLoss = order.StopLoss,
                    TakeProfit = order.TakeProfit,
                    TimeUpdateMs = nowMs,
                };
                StorePosition(book, increased, target);
                EmitPosition(increased, isNew: false, closed: false, nowMs);
            }
        }
        else
        {
            entry = volume > target.Volume ? DealEntry.InOut : mt5?.Entry == DealEntry.OutBy ? DealEntry.OutBy : DealEntry.Out;
            if (volume < target.Volume)
            {
                // A routed position accrues no swap in the core (MT5 books it on the closing deal).
                var reduced = target with { Volume = target.Volume - volume, TimeUpdateMs = nowMs, Swap = book.IsRouted ? target.Swap : target.Swap - money.Swap };
                StorePosition(book, reduced, target);
                EmitPosition(reduced, isNew: false, closed: false, nowMs);
            }
            else
            {
                ClosePositionRecord(book, target, nowMs);
                if (volume > target.Volume)
                {
                    // Netting reversal: the identifier survives, the ticket becomes the reversing order's.
                    OpenPosition(book, order, isBuy, volume - target.Volume, price, order.Ticket, target.Identifier, nowMs, reopened: true, mt5PositionId: mt5?.Mt5PositionId ?? 0);
                }
            }
        }

        var deal = DealFactory.Execution(dealTicket, order, isBuy, entry, volume, price, money, target, reason, nowMs);
        if (mt5 is not null)
        {
            deal = deal with { Mt5DealTicket = mt5.Mt5DealTicket, Magic = mt5.Magic, Comment = mt5.Comment };
        }

        EmitDeal(deal);
        if (money.Total != 0m)
        {
            book.Account = book.Account with { Balance = book.Account.Balance + money.Total };
            EmitAccount(book, isNew: false, nowMs);
        }
    }

    private void OpenPosition(AccountBook book, Order order, bool isBuy, decimal volume, decimal price, ulong ticket, ulong identifier, long nowMs, bool reopened = false, ulong mt5PositionId = 0)
    {
        var position = new Position
        {
            Ticket = ticket,
            Identifier = identifier,
            AccountId = book.Account.AccountId,
            Symbol = order.Symbol,
            Type = isBuy ? PositionType.Buy : PositionType.Sell,
            Volume = volume,
            PriceOpen = price,
            StopLoss = order.StopLoss,
            TakeProfit = order.TakeProfit,
            TimeMs = nowMs,
            TimeUpdateMs = nowMs,
            SwapThroughMs = nowMs,
            Magic = order.Magic,
            Comment = order.Comment,
            Mt5PositionId = mt5PositionId,
        };
        StorePosition(book, position, previous: null);
        EmitPosition(position, isNew: !reopened, closed: false, nowMs);
    }

    private void ClosePositionRecord(AccountBook book, Position position, long nowMs)
    {
        RemovePosition(book, position);
        EmitPosition(position with { Volume = 0m, TimeUpdateMs = nowMs }, isNew: false, closed: true, nowMs);
    }

    /// <summary>Stores a new or changed position in every index (a changed ticket replaces the old entry).</summary>
    private void StorePosition(AccountBook book, Position position, Position? previous)
    {
        if (previous is not null && previous.Ticket != position.Ticket)
        {
            RemovePosition(book, previous);
        }

        if (book.Positions.TryGetValue(position.Ticket, out var replaced))
        {
            Release(book, replaced);
        }

        book.Positions[position.Ticket] = position;
        Hold(book, position);
        if (!book.IsHedging)
        {
            book.NettingTickets[position.Symbol] = position.Ticket;
        }

        var symbol = SymbolOf(position.Symbol);
        symbol.OpenPositions[position.Ticket] = position.AccountId;
        // A routed position's SL and TP are executed by the MT5 server; only the core's own positions trigger here.
        symbol.StopTriggers.Set(
            position.Ticket,
            position.StopLoss is { } sl && !book.IsRouted ? PriceTrigger.StopLossOf(position.IsBuy, sl) : null,
            position.TakeProfit is { } tp && !book.IsRouted ? PriceTrigger.TakeProfitOf(position.IsBuy, tp) : null);
    }

    private void RemovePosition(AccountBook book, Position position)
    {
        if (book.Positions.Remove(position.Ticket, out var removed))
        {
            Release(book, removed);
        }

        if (!book.IsHedging)
        {
            book.NettingTickets.Remove(position.Symbol);
        }

        var symbol = SymbolOf(position.Symbol);
        symbol.OpenPositions.Remove(position.Ticket);
        symbol.StopTriggers.Remove(position.Ticket);
    }

    private void Hold(AccountBook book, Position position)
    {
        if (!book.Holdings.TryGetValue(position.Symbol, out var holding))
        {
            holding = TakeSpareHolding(position.Symbol);
            book.Holdings.Add(position.Symbol, holding);
        }

        holding.Add(position);
        _valuation.AdjustHoldingProfit(book.Account, holding, position, joins: true);
        Unscreen(book);
    }

    /// <summary>An emptied holding made new for <paramref name="symbol"/>, or a new one.</summary>
    private Holding TakeSpareHolding(string symbol)
    {
        if (!_spareHoldings.TryPop(out var holding))
        {
            return new Holding(symbol);
        }

        holding.Reset(symbol);
        return holding;
    }

    private void Release(AccountBook book, Position position)
    {
        var holding = book.Holdings[position.Symbol];
        holding.Remove(position);
        if (holding.Positions.Count == 0)
        {
            book.Holdings.Remove(position.Symbol);
            if (_spareHoldings.Count < MaxSpareHoldings)
            {
                _spareHoldings.Push(holding);
            }
        }
        else
        {
            _valuation.AdjustHoldingProfit(book.Account, holding, position, joins: false);
        }

        Unscreen(book);
    }

    /// <summary>Closes all or part of a position with an opposite market order (recorded and idempotent like any order).</summary>
    public TradeOutcome ClosePosition(ClosePositionRequest request, long nowMs)
    {
        if (!_accounts.TryGetValue(request.AccountId, out var book))
        {
            return TradeOutcome.NotFound($"account {request.AccountId} does not exist");
        }

        var recalled = Recall(book, request.ClientOrderId, request.Recall, out var earlier);
        if (recalled == Recalled.Unknown)
        {
            return TradeOutcome.RecallNeeded(request.ClientOrderId, book.ForgottenThrough);
        }

        if (!book.Positions.TryGetValue(request.PositionTicket, out var position))
        {
            // A replay of an earlier close of this (now closed) position returns the stored outcome.
            if (earlier is not null && earlier.PositionTicketRequested == request.PositionTicket)
            {
                return Replay(earlier);
            }

            return PositionNotOpen(request.PositionTicket, request.AccountId);
        }

        var symbol = SymbolOf(position.Symbol);
        if (OrderRules.Frozen(symbol, position) is { } frozen && recalled == Recalled.Absent)
        {
            return new TradeOutcome { Retcode = frozen.Code, Message = frozen.Message, ClientOrderId = request.ClientOrderId, PositionTicket = position.Ticket };
        }

        return Submit(
            new OrderRequest
            {
                AccountId = request.AccountId,
                ClientOrderId = request.ClientOrderId,
                Symbol = position.Symbol,
                Type = position.IsBuy ? OrderType.Sell : OrderType.Buy,
                Volume = request.Volume ?? position.Volume,
                Price = request.Price,
                DeviationPoints = request.DeviationPoints,
                Magic = request.Magic,
                Comment = request.Comment,
                PositionTicket = position.Ticket,
                Recall = request.Recall,
            },
            nowMs);
    }

    /// <summary>Sets a position's SL/TP (MT5 TRADE_ACTION_SLTP).</summary>
    public TradeOutcome ModifyPosition(ModifyPositionRequest request, long nowMs)
    {
        if (!_accounts.TryGetValue(request.AccountId, out var book))
        {
            return TradeOutcome.NotFound($"account {request.AccountId} does not exist");
        }

        if (!book.Positions.TryGetValue(request.PositionTicket, out var position))
        {
            return PositionNotOpen(request.PositionTicket, request.AccountId);
        }

        var symbol = SymbolOf(position.Symbol);
        var reference = position.IsBuy ? symbol.LastTick.Bid : symbol.LastTick.Ask;
        Rejection? rejection = book.Account.TradingState == AccountTradingState.Halted
            ? new(TradeRetcode.TradeDisabled, "account trading is halted")
            : null;
        rejection ??= OrderRules.Closed(symbol.Spec, nowMs);
        rejection ??= !symbol.HasTick ? new(TradeRetcode.PriceOff, $"no quotes for {position.Symbol} yet") : null;
        rejection ??= OrderRules.Frozen(symbol, position);
        rejection ??= OrderRules.Stops(symbol, position.IsBuy, reference, request.StopLoss, request.TakeProfit, againstMarket: true);
        if (rejection is null && position.StopLoss == request.StopLoss && position.TakeProfit == request.TakeProfit)
        {
            rejection = new(TradeRetcode.NoChanges, "the request changes nothing");
        }

        if (rejection is { } refused)
        {
            return new TradeOutcome { Retcode = refused.Code, Message = refused.Message, PositionTicket = position.Ticket, Bid = symbol.LastTick.Bid, Ask = symbol.LastTick.Ask };
        }

        if (book.IsRouted)
        {
            return RouteStops(book, symbol, position, request.StopLoss, request.TakeProfit, nowMs);
        }

        var modified = position with { StopLoss = request.StopLoss, TakeProfit = request.TakeProfit, TimeUpdateMs = nowMs };
        StorePosition(book, modified, position);
        EmitPosition(modified, isNew: false, closed: false, nowMs);
        return new TradeOutcome
        {
            Retcode = TradeRetcode.Done,
            Message = "position modified",
            PositionTicket = modified.Ticket,
            Bid = symbol.LastTick.Bid,
            Ask = symbol.LastTick.Ask,
            Sequence = _lastSequence,
            FirstSequence = _events.Count > 0 ? _events[0].Sequence : _lastSequence,
        };
    }

    /// <summary>
    /// MT5 answers a request on a position that is not open (closed, or never opened) with POSITION_CLOSED 10036;
    /// nothing is recorded.
    /// </summary>
    private static TradeOutcome PositionNotOpen(ulong ticket, long accountId) => new()
    {
        Retcode = TradeRetcode.PositionClosed,
        Message = $"position {ticket} is not open on account {accountId}",
        PositionTicket = ticket,
    };
}
