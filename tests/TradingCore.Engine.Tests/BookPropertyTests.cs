using TradingCore.Engine.Commands;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Tests.Reference;

namespace TradingCore.Engine.Tests;

/// <summary>
/// Thousands of random command sequences (quotes, market orders, partial and full closes, invalid volumes) go
/// through the engine and through <see cref="ReferenceBook"/>; after every step every position, the balance,
/// each floating profit and the equity must agree exactly. Seeds are fixed so a failure names a reproducible case.
/// </summary>
public sealed class BookPropertyTests
{
    private const int Sequences = 400;
    private const int Steps = 40;

    private static readonly ReferenceBook.Spec[] Specs =
    [
        new("EURUSD", 100_000m, "USD"),
        new("USDJPY", 100_000m, "JPY"),
        new("XAUUSD", 100m, "USD"),
    ];

    private static readonly Dictionary<string, (decimal Mid, decimal Tick, int Spread)> Markets = new()
    {
        ["EURUSD"] = (1.10000m, 0.00001m, 10),
        ["USDJPY"] = (150.000m, 0.001m, 12),
        ["XAUUSD"] = (2000.00m, 0.01m, 30),
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RandomSequences_EngineMatchesTheReferenceAfterEveryStep(bool hedging)
    {
        for (var seed = 1; seed <= Sequences; seed++)
        {
            RunSequence(seed, hedging);
        }
    }

    private static void RunSequence(int seed, bool hedging)
    {
        var random = new Random(seed);
        var book = new Book(balance: 1_000_000m);
        var account = hedging ? Book.Hedging : Book.Netting;
        var reference = new ReferenceBook(Specs, hedging, 1_000_000m);
        var mids = Markets.ToDictionary(pair => pair.Key, pair => pair.Value.Mid);
        foreach (var symbol in Markets.Keys)
        {
            Quote(book, reference, symbol, mids[symbol]);
        }

        for (var step = 0; step < Steps; step++)
        {
            var symbol = Markets.Keys.ElementAt(random.Next(Markets.Count));
            var action = random.Next(10);
            string what;
            if (action < 3)
            {
                mids[symbol] += random.Next(-200, 201) * Markets[symbol].Tick;
                Quote(book, reference, symbol, mids[symbol]);
                what = $"quote {symbol} {mids[symbol]}";
            }
            else if (action < 8 || reference.Lots.Count == 0)
            {
                var buy = random.Next(2) == 0;
                var volume = random.Next(1, 40) * 0.01m;
                var outcome = buy ? book.Buy(volume, symbol, account) : book.Sell(volume, symbol, account);
                Assert.True(outcome.Retcode == TradeRetcode.Done, $"seed {seed} step {step}: {outcome.Retcode} {outcome.Message}");
                reference.Market(outcome.Order!.Ticket, symbol, buy, volume);
                what = $"{(buy ? "buy" : "sell")} {volume} {symbol}";
            }
            else if (action < 9)
            {
                var lot = reference.Lots[random.Next(reference.Lots.Count)];
                var volume = random.Next(2) == 0 ? lot.Volume : Math.Max(0.01m, Math.Round(lot.Volume * random.Next(1, 100) / 100m, 2));
                var outcome = book.Run((core, now) => core.ClosePosition(new ClosePositionRequest { AccountId = account, PositionTicket = lot.Ticket, Volume = volume, ClientOrderId = book.NextId() }, now));
                Assert.True(outcome.Retcode == TradeRetcode.Done, $"seed {seed} step {step}: close {outcome.Retcode} {outcome.Message}");
                reference.Close(lot.Ticket, volume);
                what = $"close {lot.Ticket} {volume}";
            }
            else
            {
                var outcome = book.Buy(0.005m, symbol, account);
                Assert.Equal(TradeRetcode.InvalidVolume, outcome.Retcode);
                what = "invalid volume";
            }

            Compare(book, reference, account, $"seed {seed} step {step} ({what})");
        }
    }

    private static void Quote(Book book, ReferenceBook reference, string symbol, decimal mid)
    {
        var (_, tick, spread) = Markets[symbol];
        var bid = mid;
        var ask = mid + spread * tick;
        book.Quote(symbol, bid, ask);
        reference.Quote(symbol, bid, ask);
    }

    private static void Compare(Book book, ReferenceBook reference, long account, string where)
    {
        var positions = book.Positions(account);
        var expected = reference.Lots.OrderBy(lot => lot.Ticket).ToList();
        Assert.True(expected.Count == positions.Count, $"{where}: {positions.Count} positions, reference {expected.Count}");
        for (var index = 0; index < expected.Count; index++)
        {
            var (lot, view) = (expected[index], positions[index]);
            var actual = (view.Position.Ticket, view.Position.Symbol, view.Position.IsBuy, view.Position.Volume, view.Position.PriceOpen, view.Profit);
            var wanted = (lot.Ticket, lot.Symbol, lot.Buy, lot.Volume, lot.Price, reference.Floating(lot));
            Assert.True(wanted == actual, $"{where}: position {actual} != reference {wanted}");
        }

        var snapshot = book.Account(account);
        Assert.True(reference.Balance == snapshot.Account.Balance, $"{where}: balance {snapshot.Account.Balance} != reference {reference.Balance}");
        Assert.True(reference.Equity == snapshot.Equity, $"{where}: equity {snapshot.Equity} != reference {reference.Equity}");
    }
}
