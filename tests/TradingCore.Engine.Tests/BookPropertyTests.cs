using TradingCore.Engine.Commands;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Tests.Reference;

namespace TradingCore.Engine.Tests;

/// <summary>
/// Thousands of random command sequences (quotes, market orders with and without SL/TP, pending limit and stop
/// orders, cancels, partial and full closes, invalid volumes; with and without a per-lot commission, and with swaps
/// charged over days) go through the engine and through
/// <see cref="ReferenceBook"/>; after every step every position with its SL/TP, every working order, the balance,
/// each floating profit and the equity must agree exactly, and the engine's own structures must agree with its
/// records (<see cref="Core.EngineCore.InternalStateProblems"/>). Seeds are fixed so a failure names a reproducible case.
/// </summary>
public sealed class BookPropertyTests
{
    private const int Sequences = 400;
    private const int Steps = 60;

    private static readonly ReferenceBook.Spec[] Specs =
    [
        new("EURUSD", 100_000m, "USD", 0.00001m, -7.2m, 1.5m),
        new("USDJPY", 100_000m, "JPY", 0.001m, 2.0m, -5.0m),
        new("XAUUSD", 100m, "USD", 0.01m, -30m, 10m),
    ];

    /// <summary>
    /// The test symbols for the day-changing variants: the reference's swaps (POINTS, triple Wednesday), and EURUSD
    /// trading only Monday to Friday 00:05-23:55 (server time = UTC).
    /// </summary>
    private static readonly SymbolSpec[] SwapSymbols =
        [.. TestSymbols.All.Select(spec => Specs.Single(reference => reference.Symbol == spec.Name) is var reference
            ? spec with
            {
                SwapMode = SwapMode.Points,
                SwapLong = reference.SwapLong,
                SwapShort = reference.SwapShort,
                TradeSessions = spec.Name == "EURUSD" ? "Mon 00:05-23:55; Tue 00:05-23:55; Wed 00:05-23:55; Thu 00:05-23:55; Fri 00:05-23:55" : "",
            }
            : spec)];

    /// <summary>The reference's own session rule for the day-changing variants: EURUSD closes at weekends and 23:55-00:05.</summary>
    private static bool Closed(bool days, string symbol, long timeMs)
    {
        if (!days || symbol != "EURUSD")
        {
            return false;
        }

        const long Day = 86_400_000;
        var weekday = (DayOfWeek)(int)((((timeMs / Day) % 7) + 4) % 7);
        var minute = timeMs % Day / 60_000;
        return weekday is DayOfWeek.Saturday or DayOfWeek.Sunday || minute < 5 || minute >= 1435;
    }

    private static readonly Dictionary<string, (decimal Mid, decimal Tick, int Spread)> Markets = new()
    {
        ["EURUSD"] = (1.10000m, 0.00001m, 10),
        ["USDJPY"] = (150.000m, 0.001m, 12),
        ["XAUUSD"] = (2000.00m, 0.01m, 30),
    };

    [Theory]
    [InlineData(false, 0, false)]
    [InlineData(true, 0, false)]
    [InlineData(false, 7, false)]
    [InlineData(true, 7, false)]
    [InlineData(false, 0, true)]
    [InlineData(true, 7, true)]
    public void RandomSequences_EngineMatchesTheReferenceAfterEveryStep(bool hedging, int commissionPerLot, bool swaps)
    {
        var (fills, stops, charges, refusals) = (0, 0, 0, 0);
        for (var seed = 1; seed <= Sequences; seed++)
        {
            var reference = RunSequence(seed, hedging, commissionPerLot, swaps);
            fills += reference.PendingFills;
            stops += reference.StopCloses;
            charges += reference.SwapCharges;
            refusals += reference.ClosedRefusals;
        }

        Assert.True(!swaps || (charges >= 300 && refusals >= 100), $"only {charges} swap charges and {refusals} market-closed refusals in {Sequences} sequences");

        // The sequences must reach what they are meant to test: quotes filling pending orders and closing by SL/TP.
        Assert.True(fills >= 300 && stops >= 300, $"{fills} pending fills and {stops} SL/TP closes in {Sequences} sequences");
    }

    private static ReferenceBook RunSequence(int seed, bool hedging, decimal commissionPerLot, bool swaps)
    {
        var random = new Random(seed);
        var book = new Book(balance: 1_000_000m, symbols: swaps ? SwapSymbols : null, commissions: commissionPerLot == 0m ? null : [new CommissionRule { Amount = commissionPerLot }]);
        var account = hedging ? Book.Hedging : Book.Netting;
        var reference = new ReferenceBook(Specs, hedging, 1_000_000m, commissionPerLot);
        var mids = Markets.ToDictionary(pair => pair.Key, pair => pair.Value.Mid);
        foreach (var symbol in Markets.Keys)
        {
            Quote(book, reference, symbol, mids[symbol], Closed(swaps, symbol, book.NowMs + 1_000));
        }

        for (var step = 0; step < Steps; step++)
        {
            var symbol = Markets.Keys.ElementAt(random.Next(Markets.Count));
            var action = random.Next(14);
            string what;
            if (action < 3)
            {
                mids[symbol] += random.Next(-200, 201) * Markets[symbol].Tick;
                Quote(book, reference, symbol, mids[symbol], Closed(swaps, symbol, book.NowMs + 1_000));
                what = $"quote {symbol} {mids[symbol]}";
            }
            else if (action < 7 || reference.Lots.Count == 0)
            {
                var buy = random.Next(2) == 0;
                var volume = random.Next(1, 40) * 0.01m;
                var (bid, ask) = reference.QuoteOf(symbol);
                var close = buy ? bid : ask;
                var stopLoss = random.Next(2) == 0 ? Away(close, !buy, random, symbol) : (decimal?)null;
                var takeProfit = random.Next(2) == 0 ? Away(close, buy, random, symbol) : (decimal?)null;
                var closed = Closed(swaps, symbol, book.NowMs + 10);
                var outcome = buy ? book.Buy(volume, symbol, account, stopLoss, takeProfit) : book.Sell(volume, symbol, account, stopLoss, takeProfit);
                Assert.True(outcome.Retcode == (closed ? TradeRetcode.MarketClosed : TradeRetcode.Done), $"seed {seed} step {step}: {outcome.Retcode} {outcome.Message}");
                if (!closed)
                {
                    reference.Market(outcome.Order!.Ticket, symbol, buy, volume, stopLoss, takeProfit);
                }
                else
                {
                    reference.ClosedRefusals++;
                }

                what = $"{(buy ? "buy" : "sell")} {volume} {symbol} sl {stopLoss} tp {takeProfit}{(closed ? " (market closed)" : "")}";
            }
            else if (action < 9)
            {
                what = PlacePending(book, reference, random, symbol, account, Closed(swaps, symbol, book.NowMs + 10), $"seed {seed} step {step}");
            }
            else if (action < 10 && reference.Pending.Count > 0)
            {
                var order = reference.Pending[random.Next(reference.Pending.Count)];
                var outcome = book.Run((core, now) => core.Cancel(new CancelOrderRequest { AccountId = account, OrderTicket = order.Ticket }, now));
                Assert.True(outcome.Retcode == TradeRetcode.Done, $"seed {seed} step {step}: cancel {outcome.Retcode} {outcome.Message}");
                reference.Cancel(order.Ticket);
                what = $"cancel {order.Ticket}";
            }
            else if (swaps && action == 12)
            {
                // The next day, 10:00 UTC (server time): one rollover, ×3 after Wednesday, none for Saturday and Sunday.
                const long Day = 86_400_000;
                var ended = (DayOfWeek)(int)((((book.NowMs / Day) % 7) + 4) % 7);
                book.NowMs = ((book.NowMs / Day) + 1) * Day + (10 * 3_600_000);
                book.Run((core, now) =>
                {
                    core.AdvanceClock(now);
                    return 0;
                });
                reference.Rollover(ended == DayOfWeek.Wednesday ? 3 : ended is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0 : 1);
                what = $"next day after {ended}";
            }
            else if (action < 13)
            {
                var lot = reference.Lots[random.Next(reference.Lots.Count)];
                var volume = random.Next(2) == 0 ? lot.Volume : Math.Max(0.01m, Math.Round(lot.Volume * random.Next(1, 100) / 100m, 2));
                var closed = Closed(swaps, lot.Symbol, book.NowMs + 10);
                var outcome = book.Run((core, now) => core.ClosePosition(new ClosePositionRequest { AccountId = account, PositionTicket = lot.Ticket, Volume = volume, ClientOrderId = book.NextId() }, now));
                Assert.True(outcome.Retcode == (closed ? TradeRetcode.MarketClosed : TradeRetcode.Done), $"seed {seed} step {step}: close {outcome.Retcode} {outcome.Message}");
                if (!closed)
                {
                    reference.Close(lot.Ticket, volume);
                }

                what = $"close {lot.Ticket} {volume}{(closed ? " (market closed)" : "")}";
            }
            else
            {
                // A session is checked before the values (MT5's order: the symbol's permissions first).
                var closed = Closed(swaps, symbol, book.NowMs + 10);
                var outcome = book.Buy(0.005m, symbol, account);
                Assert.Equal(closed ? TradeRetcode.MarketClosed : TradeRetcode.InvalidVolume, outcome.Retcode);
                what = "invalid volume";
            }

            Compare(book, reference, account, $"seed {seed} step {step} ({what})");
        }

        return reference;
    }

    /// <summary>A buy or sell limit or stop 20-200 ticks from the market on its side, with SL/TP or not.</summary>
    private static string PlacePending(Book book, ReferenceBook reference, Random random, string symbol, long account, bool closed, string where)
    {
        var buy = random.Next(2) == 0;
        var limit = random.Next(2) == 0;
        var (bid, ask) = reference.QuoteOf(symbol);
        var market = buy ? ask : bid;

        // A buy limit rests below the ask, a buy stop above it; a sell limit above the bid, a sell stop below it.
        var price = Away(market, above: buy != limit, random, symbol);
        var stopLoss = random.Next(2) == 0 ? Away(price, !buy, random, symbol) : (decimal?)null;
        var takeProfit = random.Next(2) == 0 ? Away(price, buy, random, symbol) : (decimal?)null;
        var volume = random.Next(1, 40) * 0.01m;
        var type = (buy, limit) switch
        {
            (true, true) => OrderType.BuyLimit,
            (true, false) => OrderType.BuyStop,
            (false, true) => OrderType.SellLimit,
            (false, false) => OrderType.SellStop,
        };
        var outcome = book.Submit(new OrderRequest { AccountId = account, ClientOrderId = book.NextId(), Symbol = symbol, Type = type, Volume = volume, Price = price, StopLoss = stopLoss, TakeProfit = takeProfit });
        Assert.True(outcome.Retcode == (closed ? TradeRetcode.MarketClosed : TradeRetcode.Placed), $"{where}: {type} {outcome.Retcode} {outcome.Message}");
        if (!closed)
        {
            reference.Place(new ReferenceBook.PendingOrder(outcome.Order!.Ticket, symbol, buy, limit, volume, price, stopLoss, takeProfit));
        }

        return $"{type} {volume} {symbol} at {price} sl {stopLoss} tp {takeProfit}{(closed ? " (market closed)" : "")}";
    }

    /// <summary>A price 20-200 ticks above or below <paramref name="from"/> (beyond every stops level of the test symbols).</summary>
    private static decimal Away(decimal from, bool above, Random random, string symbol)
    {
        var distance = random.Next(20, 201) * Markets[symbol].Tick;
        return above ? from + distance : from - distance;
    }

    private static void Quote(Book book, ReferenceBook reference, string symbol, decimal mid, bool closed)
    {
        var (_, tick, spread) = Markets[symbol];
        var bid = mid;
        var ask = mid + spread * tick;
        book.Quote(symbol, bid, ask);
        reference.Quote(symbol, bid, ask, trading: !closed);
    }

    private static void Compare(Book book, ReferenceBook reference, long account, string where)
    {
        var positions = book.Positions(account);
        var expected = reference.Lots.OrderBy(lot => lot.Ticket).ToList();
        Assert.True(expected.Count == positions.Count, $"{where}: {positions.Count} positions, reference {expected.Count}");
        for (var index = 0; index < expected.Count; index++)
        {
            var (lot, view) = (expected[index], positions[index]);
            var actual = (view.Position.Ticket, view.Position.Symbol, view.Position.IsBuy, view.Position.Volume, view.Position.PriceOpen, view.Profit, view.Position.StopLoss, view.Position.TakeProfit, view.Position.Swap);
            var wanted = (lot.Ticket, lot.Symbol, lot.Buy, lot.Volume, lot.Price, reference.Floating(lot), lot.StopLoss, lot.TakeProfit, lot.Swap);
            Assert.True(wanted == actual, $"{where}: position {actual} != reference {wanted}");
        }

        var working = book.Core.ListOpenOrders(account)!;
        var pending = reference.Pending.OrderBy(order => order.Ticket).ToList();
        Assert.True(pending.Count == working.Count, $"{where}: {working.Count} working orders, reference {pending.Count}");
        for (var index = 0; index < pending.Count; index++)
        {
            var (order, actual) = (pending[index], working[index]);
            Assert.True(
                (order.Ticket, order.Symbol, order.Buy, order.Volume, order.Price, order.StopLoss, order.TakeProfit) == (actual.Ticket, actual.Symbol, actual.IsBuy, actual.VolumeCurrent, actual.PriceOpen!.Value, actual.StopLoss, actual.TakeProfit),
                $"{where}: working order {actual.Ticket} {actual.Type} {actual.VolumeCurrent} at {actual.PriceOpen} != reference {order}");
        }

        var problems = book.Core.InternalStateProblems();
        Assert.True(problems.Count == 0, $"{where}: {string.Join("; ", problems)}");

        var snapshot = book.Account(account);
        Assert.True(reference.Balance == snapshot.Account.Balance, $"{where}: balance {snapshot.Account.Balance} != reference {reference.Balance}");
        Assert.True(reference.Equity == snapshot.Equity, $"{where}: equity {snapshot.Equity} != reference {reference.Equity}");
    }
}
