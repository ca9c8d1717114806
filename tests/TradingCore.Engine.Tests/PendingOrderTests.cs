using TradingCore.Engine.Commands;
using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Tests;

public sealed class PendingOrderTests
{
    private static Book Quoted()
    {
        var book = new Book();
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        return book;
    }

    [Fact]
    public void BuyLimit_PlacedThenFilledAtAskWhenAskReachesPrice()
    {
        var book = Quoted();
        var placed = book.Pending(OrderType.BuyLimit, 0.10m, 1.09900m);
        Assert.Equal(TradeRetcode.Placed, placed.Retcode);
        Assert.Equal(OrderState.Placed, placed.Order!.State);

        book.Quote("EURUSD", 1.09895m, 1.09905m);
        Assert.Empty(book.Positions());

        book.Quote("EURUSD", 1.09880m, 1.09890m);

        var position = Assert.Single(book.Positions()).Position;
        Assert.Equal(1.09890m, position.PriceOpen);
        Assert.Equal(placed.Order.Ticket, position.Identifier);
        var order = book.Core.FindOrder(Book.Netting, 0, placed.Order.ClientOrderId)!;
        Assert.Equal(OrderState.Filled, order.State);
        Assert.Equal(1.09890m, order.PriceFilled);
        Assert.Empty(book.Core.ListOpenOrders(Book.Netting)!);
    }

    [Fact]
    public void SellStop_FillsAtBidWhenBidFallsToPrice()
    {
        var book = Quoted();
        book.Pending(OrderType.SellStop, 0.10m, 1.09950m);

        book.Quote("EURUSD", 1.09940m, 1.09950m);

        var position = Assert.Single(book.Positions()).Position;
        Assert.Equal(PositionType.Sell, position.Type);
        Assert.Equal(1.09940m, position.PriceOpen);
    }

    [Fact]
    public void BuyStopLimit_BecomesBuyLimitAtTriggerThenFillsAtLimit()
    {
        var book = Quoted();
        var placed = book.Pending(OrderType.BuyStopLimit, 0.10m, 1.10100m, stopLimit: 1.10050m);
        Assert.Equal(TradeRetcode.Placed, placed.Retcode);

        book.Quote("EURUSD", 1.10095m, 1.10105m);
        var activated = Assert.Single(book.Core.ListOpenOrders(Book.Netting)!);
        Assert.Equal(OrderType.BuyLimit, activated.Type);
        Assert.Equal(1.10050m, activated.PriceOpen);
        Assert.Equal(placed.Order!.Ticket, activated.Ticket);
        Assert.Empty(book.Positions());

        book.Quote("EURUSD", 1.10040m, 1.10050m);

        Assert.Equal(1.10050m, Assert.Single(book.Positions()).Position.PriceOpen);
    }

    [Fact]
    public void Cancel_PendingOrder_IsCanceledAndSecondCancelIsNotFound()
    {
        var book = Quoted();
        var placed = book.Pending(OrderType.BuyLimit, 0.10m, 1.09000m);

        var canceled = book.Run((core, now) => core.Cancel(new CancelOrderRequest { AccountId = Book.Netting, OrderTicket = placed.Order!.Ticket }, now));
        var again = book.Run((core, now) => core.Cancel(new CancelOrderRequest { AccountId = Book.Netting, OrderTicket = placed.Order!.Ticket }, now));

        Assert.Equal(TradeRetcode.Done, canceled.Retcode);
        Assert.Equal(OrderState.Canceled, canceled.Order!.State);
        Assert.Equal(OutcomeKind.NotFound, again.Kind);
        book.Quote("EURUSD", 1.08000m, 1.08010m);
        Assert.Empty(book.Positions());
    }

    [Fact]
    public void Modify_PendingPrice_MovesTheTrigger()
    {
        var book = Quoted();
        var placed = book.Pending(OrderType.BuyLimit, 0.10m, 1.09000m);

        var modified = book.Run((core, now) => core.Modify(new ModifyOrderRequest { AccountId = Book.Netting, OrderTicket = placed.Order!.Ticket, Price = 1.09950m }, now));
        book.Quote("EURUSD", 1.09940m, 1.09950m);

        Assert.Equal(TradeRetcode.Done, modified.Retcode);
        Assert.Equal(1.09950m, Assert.Single(book.Positions()).Position.PriceOpen);
    }

    [Fact]
    public void Modify_SameValues_IsNoChanges()
    {
        var book = Quoted();
        var placed = book.Pending(OrderType.BuyLimit, 0.10m, 1.09000m);

        var modified = book.Run((core, now) => core.Modify(new ModifyOrderRequest { AccountId = Book.Netting, OrderTicket = placed.Order!.Ticket, Price = 1.09000m }, now));

        Assert.Equal(TradeRetcode.NoChanges, modified.Retcode);
    }

    [Fact]
    public void SpecifiedExpiry_ExpiresWhenTheClockPassesIt()
    {
        var book = Quoted();
        var expiry = book.NowMs + 60_000;
        var placed = book.Pending(OrderType.BuyLimit, 0.10m, 1.09000m, timeType: OrderTimeType.Specified, expirationMs: expiry);

        book.Run((core, _) => { core.AdvanceClock(expiry - 1); return 0; });
        Assert.Single(book.Core.ListOpenOrders(Book.Netting)!);
        book.Run((core, _) => { core.AdvanceClock(expiry); return 0; });

        Assert.Empty(book.Core.ListOpenOrders(Book.Netting)!);
        Assert.Equal(OrderState.Expired, book.Core.FindOrder(Book.Netting, 0, placed.Order!.ClientOrderId)!.State);
    }

    [Fact]
    public void DayOrder_ExpiresAtNextUtcMidnight()
    {
        var book = Quoted();
        var placed = book.Pending(OrderType.BuyLimit, 0.10m, 1.09000m, timeType: OrderTimeType.Day);

        Assert.Equal(1_767_312_000_000, placed.Order!.ExpirationTimeMs); // 2026-01-02T00:00:00Z
    }

    [Fact]
    public void Activation_WithoutMargin_IsRejectCancel()
    {
        var book = new Book(balance: 100m);
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        var placed = book.Pending(OrderType.BuyLimit, 1.00m, 1.09900m);
        Assert.Equal(TradeRetcode.Placed, placed.Retcode);

        book.Quote("EURUSD", 1.09880m, 1.09890m);

        Assert.Empty(book.Positions());
        var order = book.Core.FindOrder(Book.Netting, 0, placed.Order!.ClientOrderId)!;
        Assert.Equal(OrderState.Rejected, order.State);
        Assert.Equal(TradeRetcode.RejectCancel, order.Retcode);
    }
}
