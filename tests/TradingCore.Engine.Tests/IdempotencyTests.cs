using TradingCore.Engine.Commands;
using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Tests;

public sealed class IdempotencyTests
{
    [Fact]
    public void Resubmit_SameIdSameParameters_ReturnsOriginalOutcomeWithoutSecondDeal()
    {
        var book = new Book();
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        var first = book.Buy(0.10m, id: "order-1");
        book.Quote("EURUSD", 1.10100m, 1.10110m);

        var again = book.Buy(0.10m, id: "order-1");

        Assert.True(again.Duplicate);
        Assert.Equal(first.Order!.Ticket, again.Order!.Ticket);
        Assert.Equal(first.DealTicket, again.DealTicket);
        Assert.Equal(1.10010m, again.Price);
        Assert.Single(book.Deals(), deal => deal.Type == DealType.Buy);
        Assert.Equal(0.10m, Assert.Single(book.Positions()).Position.Volume);
    }

    [Fact]
    public void Resubmit_SameIdDifferentParameters_IsConflict()
    {
        var book = new Book();
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        book.Buy(0.10m, id: "order-1");

        var conflict = book.Buy(0.20m, id: "order-1");

        Assert.Equal(OutcomeKind.Conflict, conflict.Kind);
        Assert.Equal(0.10m, Assert.Single(book.Positions()).Position.Volume);
    }

    [Fact]
    public void Resubmit_RejectedOrder_ReturnsTheSameRejection()
    {
        var book = new Book();
        var first = book.Buy(0.10m, id: "early"); // no quote yet: PRICE_OFF
        book.Quote("EURUSD", 1.10000m, 1.10010m);

        var again = book.Buy(0.10m, id: "early");

        Assert.Equal(TradeRetcode.PriceOff, first.Retcode);
        Assert.Equal(TradeRetcode.PriceOff, again.Retcode);
        Assert.True(again.Duplicate);
        Assert.Empty(book.Positions());
    }

    [Fact]
    public void Resubmit_AfterRestartFromSnapshot_IsStillADuplicate()
    {
        var book = new Book();
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        var first = book.Buy(0.10m, id: "order-1");

        var restarted = new EngineCore(TestSymbols.All, Snapshots.FromEvents(book.Events));
        restarted.ApplyTick(new Tick("EURUSD", book.NowMs + 1, 1.10000m, 1.10010m, 0, 0, 6), book.NowMs + 1, out _);
        var again = restarted.Submit(new OrderRequest { AccountId = Book.Netting, ClientOrderId = "order-1", Symbol = "EURUSD", Type = OrderType.Buy, Volume = 0.10m }, book.NowMs + 2);

        Assert.True(again.Duplicate);
        Assert.Equal(first.Order!.Ticket, again.Order!.Ticket);
        Assert.Single(restarted.ListPositions(Book.Netting, null)!);
    }

    [Fact]
    public void Fingerprint_EqualDecimalsWithDifferentScale_AreTheSameRequest()
    {
        var a = new OrderRequest { AccountId = 1, ClientOrderId = "x", Symbol = "EURUSD", Type = OrderType.Buy, Volume = 0.1m };
        var b = a with { Volume = 0.100m };

        Assert.Equal(a.Fingerprint(), b.Fingerprint());
        Assert.NotEqual(a.Fingerprint(), (a with { Volume = 0.2m }).Fingerprint());
    }
}
