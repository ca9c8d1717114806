using TradingCore.Engine.Domain;
using TradingCore.Engine.Execution;

namespace TradingCore.Engine.Core;

public sealed partial class EngineCore
{
    /// <summary>
    /// Checks that every structure the engine keeps beside its records agrees with them (exchange-core's
    /// validateInternalState): holdings and their volumes, netting tickets, the idempotency index, each symbol's
    /// pending orders, open positions and trigger indexes, cached floating profits, counters. Returns what is wrong
    /// (empty: consistent). For tests after every step; it walks everything.
    /// </summary>
    internal IReadOnlyList<string> InternalStateProblems()
    {
        var problems = new List<string>();
        var pending = new Dictionary<ulong, Order>();
        var open = new Dictionary<ulong, Position>();
        foreach (var book in _accounts.Values)
        {
            CheckAccount(book, problems, pending, open);
        }

        foreach (var symbol in _symbols.Values)
        {
            CheckSymbol(symbol, pending, open, problems);
        }

        return problems;
    }

    private void CheckAccount(AccountBook book, List<string> problems, Dictionary<ulong, Order> pending, Dictionary<ulong, Position> open)
    {
        var id = book.Account.AccountId;
        foreach (var position in book.Positions.Values)
        {
            open[position.Ticket] = position;
            if (position.AccountId != id || position.Volume <= 0m || position.Ticket > _lastOrderTicket)
            {
                problems.Add($"account {id}: position {position.Ticket} has account {position.AccountId}, volume {position.Volume}, ticket beyond {_lastOrderTicket}?");
            }

            if (!book.Holdings.TryGetValue(position.Symbol, out var holding) || !holding.Positions.ContainsKey(position.Ticket))
            {
                problems.Add($"account {id}: position {position.Ticket} is not in its holding of {position.Symbol}");
            }
        }

        foreach (var holding in book.Holdings.Values)
        {
            var buys = holding.Positions.Values.Where(position => position.IsBuy).Sum(position => position.Volume);
            var sells = holding.Positions.Values.Where(position => !position.IsBuy).Sum(position => position.Volume);
            if (holding.Positions.Count == 0 || holding.Buys != buys || holding.Sells != sells
                || holding.Positions.Values.Any(position => !book.Positions.TryGetValue(position.Ticket, out var same) || !ReferenceEquals(same, position)))
            {
                problems.Add($"account {id}: holding {holding.Symbol} keeps {holding.Buys}/{holding.Sells} lots of {holding.Positions.Count} positions; they hold {buys}/{sells}");
            }

            CheckCachedProfit(book, holding, problems);
        }

        var nettingExpected = book.IsHedging ? 0 : book.Holdings.Count;
        if (book.NettingTickets.Count != nettingExpected
            || book.NettingTickets.Any(pair => !book.Positions.TryGetValue(pair.Value, out var position) || position.Symbol != pair.Key)
            || (!book.IsHedging && book.Holdings.Values.Any(holding => holding.Positions.Count != 1)))
        {
            problems.Add($"account {id}: netting tickets {book.NettingTickets.Count} do not name one position per held symbol");
        }

        foreach (var order in book.OpenOrders.Values)
        {
            pending[order.Ticket] = order;
            if (!order.IsWorking || order.AccountId != id || !book.OrdersByClientId.TryGetValue(order.ClientOrderId, out var indexed) || !ReferenceEquals(indexed, order))
            {
                problems.Add($"account {id}: working order {order.Ticket} is not working, of another account, or not in the idempotency index");
            }
        }

        foreach (var order in book.OrdersByClientId.Values)
        {
            if (order.IsWorking != book.OpenOrders.ContainsKey(order.Ticket) || order.Ticket > _lastOrderTicket)
            {
                problems.Add($"account {id}: indexed order {order.Ticket} ({order.State}) disagrees with the working orders");
            }
        }

        if (!ValueRanges.IsBookable(book.Account.Balance))
        {
            problems.Add($"account {id}: balance {book.Account.Balance} beyond the bookable range");
        }
    }

    /// <summary>A holding's cached floating profit, when it claims to be current, equals the sum of its positions' profits.</summary>
    private void CheckCachedProfit(AccountBook book, Holding holding, List<string> problems)
    {
        var symbol = SymbolOf(holding.Symbol);
        if (!symbol.HasTick || _rates.Rate(symbol.Spec.CurrencyProfit, book.Account.Currency) is not { } rate || !holding.IsProfitCurrent(symbol.PriceVersion, rate))
        {
            return;
        }

        var walked = 0m;
        foreach (var position in holding.Positions.Values)
        {
            walked += _valuation.FloatingProfit(book.Account, position).Profit;
        }

        if (holding.ProfitState != PriceState.Missing && walked != holding.Profit)
        {
            problems.Add($"account {book.Account.AccountId}: holding {holding.Symbol} caches profit {holding.Profit}, its positions sum to {walked}");
        }
    }

    private void CheckSymbol(SymbolBook symbol, Dictionary<ulong, Order> pending, Dictionary<ulong, Position> open, List<string> problems)
    {
        var name = symbol.Spec.Name;
        var ordersHere = pending.Values.Where(order => order.Symbol == name).ToList();
        var positionsHere = open.Values.Where(position => position.Symbol == name).ToList();
        if (symbol.PendingOrders.Count != ordersHere.Count || ordersHere.Any(order => !symbol.PendingOrders.TryGetValue(order.Ticket, out var account) || account != order.AccountId))
        {
            problems.Add($"{name}: {symbol.PendingOrders.Count} pending orders kept, {ordersHere.Count} working");
        }

        if (symbol.OpenPositions.Count != positionsHere.Count || positionsHere.Any(position => !symbol.OpenPositions.TryGetValue(position.Ticket, out var account) || account != position.AccountId))
        {
            problems.Add($"{name}: {symbol.OpenPositions.Count} open positions kept, {positionsHere.Count} open");
        }

        var pendingTriggers = 0;
        foreach (var order in ordersHere)
        {
            var trigger = _venue.TriggerOf(order);
            pendingTriggers += trigger is null ? 0 : 1;
            if (!symbol.PendingTriggers.Holds(order.Ticket, trigger, null))
            {
                problems.Add($"{name}: pending order {order.Ticket}'s trigger is not indexed as {trigger}");
            }
        }

        var stopTriggers = 0;
        foreach (var position in positionsHere)
        {
            PriceTrigger? stopLoss = position.StopLoss is { } sl ? PriceTrigger.StopLossOf(position.IsBuy, sl) : null;
            PriceTrigger? takeProfit = position.TakeProfit is { } tp ? PriceTrigger.TakeProfitOf(position.IsBuy, tp) : null;
            stopTriggers += (stopLoss is null ? 0 : 1) + (takeProfit is null ? 0 : 1);
            if (!symbol.StopTriggers.Holds(position.Ticket, stopLoss, takeProfit))
            {
                problems.Add($"{name}: position {position.Ticket}'s SL/TP are not indexed as {stopLoss}/{takeProfit}");
            }
        }

        if (symbol.PendingTriggers.Entries != pendingTriggers || symbol.StopTriggers.Entries != stopTriggers)
        {
            problems.Add($"{name}: trigger indexes hold {symbol.PendingTriggers.Entries} pending and {symbol.StopTriggers.Entries} stop entries, the book {pendingTriggers} and {stopTriggers}");
        }
    }
}
