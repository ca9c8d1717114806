using TradingCore.Engine.Commands;
using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Events;

namespace TradingCore.Engine.Tests;

public sealed class RecoveryAndDeterminismTests
{
    /// <summary>A session touching every kind of change: fills, increases, partial closes, reversals, pendings, stops.</summary>
    private static void Session(Book book)
    {
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        book.Quote("USDJPY", 150.000m, 150.010m);
        book.Buy(0.30m);
        book.Sell(0.50m, "USDJPY", tp: 149.000m);
        book.Pending(OrderType.BuyLimit, 0.10m, 1.09500m);
        book.Pending(OrderType.SellStop, 0.20m, 1.09000m, account: Book.Hedging);
        book.Buy(0.10m, account: Book.Hedging, sl: 1.09000m);
        book.Quote("EURUSD", 1.10200m, 1.10210m);
        book.Sell(0.50m);
        book.Quote("EURUSD", 1.09490m, 1.09500m);
        book.Quote("USDJPY", 148.990m, 149.000m);
        book.Quote("EURUSD", 1.08990m, 1.09000m);
    }

    [Fact]
    public void SameInputs_ProduceTheSameEvents()
    {
        var first = new Book();
        var second = new Book();

        Session(first);
        Session(second);

        Assert.Equal(first.Events.Count, second.Events.Count);
        Assert.Equal(first.Events.Select(Describe), second.Events.Select(Describe));
    }

    [Fact]
    public void RestoreFromCommittedEvents_RebuildsTheSameStateAndContinuesIdentically()
    {
        var original = new Book();
        Session(original);
        var restored = new Book(snapshot: Snapshots.FromEvents(original.Events)) { NowMs = original.NowMs };
        restored.Quote("EURUSD", original.Core.LastTick("EURUSD")!.Value.Bid, original.Core.LastTick("EURUSD")!.Value.Ask);
        restored.Quote("USDJPY", original.Core.LastTick("USDJPY")!.Value.Bid, original.Core.LastTick("USDJPY")!.Value.Ask);
        original.Quote("EURUSD", original.Core.LastTick("EURUSD")!.Value.Bid, original.Core.LastTick("EURUSD")!.Value.Ask);
        original.Quote("USDJPY", original.Core.LastTick("USDJPY")!.Value.Bid, original.Core.LastTick("USDJPY")!.Value.Ask);

        foreach (var account in new[] { Book.Netting, Book.Hedging })
        {
            Assert.Equal(original.Account(account) with { TimeMs = 0 }, restored.Account(account) with { TimeMs = 0 });
            Assert.Equal(original.Positions(account), restored.Positions(account));
            Assert.Equal(original.Core.ListOpenOrders(account), restored.Core.ListOpenOrders(account));
        }

        Assert.Equal(original.Core.LastOrderTicket, restored.Core.LastOrderTicket);
        Assert.Equal(original.Core.LastDealTicket, restored.Core.LastDealTicket);
        Assert.Equal(original.Core.LastSequence, restored.Core.LastSequence);

        var before = original.Events.Count;
        var restoredBefore = restored.Events.Count;
        original.Sell(0.10m, id: "after");
        restored.Sell(0.10m, id: "after");
        Assert.Equal(original.Events.Skip(before).Select(Describe), restored.Events.Skip(restoredBefore).Select(Describe));
    }

    [Fact]
    public void Events_HaveStrictlyIncreasingSequences()
    {
        var book = new Book();
        Session(book);

        var sequences = book.Events.Select(engineEvent => engineEvent.Sequence).ToList();
        Assert.Equal(sequences.OrderBy(sequence => sequence), sequences);
        Assert.Equal(sequences.Count, sequences.Distinct().Count());
        Assert.Equal(1UL, sequences[0]);
    }

    private static string Describe(EngineEvent engineEvent) => engineEvent switch
    {
        OrderEvent order => $"{order.Sequence} order {order.Order}",
        DealEvent deal => $"{deal.Sequence} deal {deal.Deal}",
        PositionEvent position => $"{position.Sequence} position {position.Position} {position.Closed}",
        AccountEvent account => $"{account.Sequence} account {account.Snapshot.Account} {account.Snapshot.Equity}",
        _ => engineEvent.ToString(),
    };
}
