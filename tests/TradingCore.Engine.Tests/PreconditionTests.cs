using TradingCore.Engine.Commands;
using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Tests;

/// <summary>MT5 preconditions of modify, cancel and close, symbol limits, and the FUTURES calc mode.</summary>
public sealed class PreconditionTests
{
    private static readonly SymbolSpec Frozen = TestSymbols.EurUsd with { Name = "EURUSD", FreezeLevel = 20, VolumeLimit = 1.00m };

    private static readonly SymbolSpec Future = new()
    {
        Name = "ES",
        Digits = 2,
        TickSize = 0.25m,
        TickValue = 12.50m,
        ContractSize = 50m,
        VolumeMin = 1m,
        VolumeMax = 100m,
        VolumeStep = 1m,
        CalcMode = SymbolCalcMode.Futures,
        MarginInitial = 500m,
        CurrencyBase = "USD",
        CurrencyProfit = "USD",
        CurrencyMargin = "USD",
    };

    private static Book FrozenBook()
    {
        var book = new Book(symbols: [Frozen, TestSymbols.UsdJpy, Future]);
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        return book;
    }

    [Fact]
    public void ModifyAndCancel_PendingWithinFreezeLevel_AreFrozen()
    {
        var book = FrozenBook();
        var placed = book.Pending(OrderType.BuyLimit, 0.10m, 1.09950m);
        Assert.Equal(TradeRetcode.Placed, placed.Retcode);
        book.Quote("EURUSD", 1.09960m, 1.09970m); // ask 20 points above the order price: inside the freeze level

        var modify = book.Run((core, now) => core.Modify(new ModifyOrderRequest { AccountId = Book.Netting, OrderTicket = placed.Order!.Ticket, Price = 1.09900m }, now));
        var cancel = book.Run((core, now) => core.Cancel(new CancelOrderRequest { AccountId = Book.Netting, OrderTicket = placed.Order!.Ticket }, now));

        Assert.Equal(TradeRetcode.Frozen, modify.Retcode);
        Assert.Equal(TradeRetcode.Frozen, cancel.Retcode);
        Assert.Single(book.Core.ListOpenOrders(Book.Netting)!);
    }

    [Fact]
    public void ClosePosition_WithStopWithinFreezeLevel_IsFrozen()
    {
        var book = FrozenBook();
        var open = book.Buy(0.10m, sl: 1.09900m);
        book.Quote("EURUSD", 1.09915m, 1.09925m); // bid 15 points above the SL

        var close = book.Run((core, now) => core.ClosePosition(new ClosePositionRequest { AccountId = Book.Netting, PositionTicket = open.PositionTicket, ClientOrderId = "c" }, now));

        Assert.Equal(TradeRetcode.Frozen, close.Retcode);
        Assert.Single(book.Positions());
    }

    [Fact]
    public void ClosePosition_AlreadyClosed_IsPositionClosed()
    {
        var book = FrozenBook();
        var open = book.Buy(0.10m);
        book.Sell(0.10m);

        var close = book.Run((core, now) => core.ClosePosition(new ClosePositionRequest { AccountId = Book.Netting, PositionTicket = open.PositionTicket, ClientOrderId = "late" }, now));
        var modify = book.Run((core, now) => core.ModifyPosition(new ModifyPositionRequest { AccountId = Book.Netting, PositionTicket = open.PositionTicket, StopLoss = 1.09m }, now));

        Assert.Equal(TradeRetcode.PositionClosed, close.Retcode);
        Assert.Equal(TradeRetcode.PositionClosed, modify.Retcode);
    }

    [Fact]
    public void SymbolVolumeLimit_CountsPositionAndPendingOrdersInOneDirection()
    {
        var book = FrozenBook();
        Assert.Equal(TradeRetcode.Done, book.Buy(0.60m).Retcode);
        Assert.Equal(TradeRetcode.Placed, book.Pending(OrderType.BuyLimit, 0.30m, 1.09000m).Retcode);

        Assert.Equal(TradeRetcode.LimitVolume, book.Buy(0.20m).Retcode);
        Assert.Equal(TradeRetcode.Done, book.Buy(0.10m).Retcode);
        Assert.Equal(TradeRetcode.Done, book.Sell(0.50m).Retcode); // reducing is not limited
    }

    [Fact]
    public void Futures_ProfitCountsTicksTimesTickValueAndMarginIsInitialMargin()
    {
        var book = FrozenBook();
        book.Quote("ES", 5000.00m, 5000.25m);
        Assert.Equal(TradeRetcode.Done, book.Buy(1m, "ES").Retcode);
        Assert.Equal(500m, book.Account().Margin);

        book.Quote("ES", 5010.00m, 5010.25m);
        var close = book.Sell(1m, "ES");

        // (5010.00 - 5000.25) / 0.25 = 39 ticks * 12.50 = 487.50.
        Assert.Equal(487.50m, book.Deals().Single(deal => deal.Ticket == close.DealTicket).Profit);
    }

    [Fact]
    public void MarketOrderNamingAnotherSymbolsPosition_IsPositionClosed()
    {
        var book = FrozenBook();
        book.Quote("USDJPY", 150.000m, 150.010m);
        var euro = book.Buy(0.10m);

        var wrong = book.Submit(new OrderRequest { AccountId = Book.Netting, ClientOrderId = "x", Symbol = "USDJPY", Type = OrderType.Sell, Volume = 0.10m, PositionTicket = euro.PositionTicket });

        Assert.Equal(TradeRetcode.PositionClosed, wrong.Retcode);
    }

    [Fact]
    public void StaleQuotes_RefuseMarketOrdersUntilTheNextTick()
    {
        var book = FrozenBook();
        book.Core.SetQuoteStale("EURUSD", stale: true);

        var refused = book.Buy(0.10m);
        var pending = book.Pending(OrderType.BuyLimit, 0.10m, 1.09000m);
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        var accepted = book.Buy(0.10m);

        Assert.Equal(TradeRetcode.PriceOff, refused.Retcode);
        Assert.Contains("stale", refused.Message, StringComparison.Ordinal);
        Assert.Equal(TradeRetcode.Placed, pending.Retcode);
        Assert.Equal(TradeRetcode.Done, accepted.Retcode);
    }
}
