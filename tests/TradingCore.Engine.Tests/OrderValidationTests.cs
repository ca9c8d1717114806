using TradingCore.Engine.Commands;
using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Tests;

public sealed class OrderValidationTests
{
    private static Book Quoted(decimal balance = 10_000m, Func<SymbolSpec, SymbolSpec>? change = null)
    {
        var eurusd = change is null ? TestSymbols.EurUsd : change(TestSymbols.EurUsd);
        var book = new Book(balance, [eurusd, TestSymbols.UsdJpy, TestSymbols.XauUsd]);
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        return book;
    }

    [Theory]
    [InlineData("0.001")]
    [InlineData("100.01")]
    [InlineData("0.015")]
    public void Submit_VolumeOutsideSpec_IsInvalidVolume(string volume)
    {
        var book = Quoted();

        var outcome = book.Buy(decimal.Parse(volume, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(TradeRetcode.InvalidVolume, outcome.Retcode);
        Assert.Equal(OrderState.Rejected, outcome.Order!.State);
        Assert.Empty(book.Positions());
    }

    [Fact]
    public void Submit_BeforeFirstTick_IsPriceOff()
    {
        var book = new Book();

        Assert.Equal(TradeRetcode.PriceOff, book.Buy(0.10m).Retcode);
    }

    [Theory]
    [InlineData(SymbolTradeMode.Disabled, TradeRetcode.TradeDisabled)]
    [InlineData(SymbolTradeMode.ShortOnly, TradeRetcode.ShortOnly)]
    [InlineData(SymbolTradeMode.CloseOnly, TradeRetcode.CloseOnly)]
    public void Submit_BuyWhenTradeModeForbids_IsRefusedWithModeRetcode(SymbolTradeMode mode, TradeRetcode expected)
    {
        var book = Quoted(change: spec => spec with { TradeMode = mode });

        Assert.Equal(expected, book.Buy(0.10m).Retcode);
    }

    [Fact]
    public void Submit_SellOnLongOnlySymbol_IsLongOnly()
    {
        var book = Quoted(change: spec => spec with { TradeMode = SymbolTradeMode.LongOnly });

        Assert.Equal(TradeRetcode.LongOnly, book.Sell(0.10m).Retcode);
    }

    [Fact]
    public void Submit_CloseOnlySymbol_AllowsReducingAPosition()
    {
        var book = Quoted();
        book.Buy(0.20m);
        var closeOnly = new Book(10_000m, [TestSymbols.EurUsd with { TradeMode = SymbolTradeMode.CloseOnly }], SnapshotOf(book));
        closeOnly.Quote("EURUSD", 1.10000m, 1.10010m);

        Assert.Equal(TradeRetcode.Done, closeOnly.Sell(0.10m, id: "reduce").Retcode);
        Assert.Equal(TradeRetcode.CloseOnly, closeOnly.Sell(0.20m, id: "reverse").Retcode);
    }

    [Fact]
    public void Submit_FillPolicyNotAllowed_IsInvalidFill()
    {
        var book = Quoted(change: spec => spec with { FillingModes = FillingModes.Ioc });

        var outcome = book.Submit(new OrderRequest { AccountId = Book.Netting, ClientOrderId = "fok", Symbol = "EURUSD", Type = OrderType.Buy, Volume = 0.1m, Filling = OrderFilling.Fok });

        Assert.Equal(TradeRetcode.InvalidFill, outcome.Retcode);
    }

    [Fact]
    public void Submit_OrderTypeNotAllowed_IsInvalidOrder()
    {
        var book = Quoted(change: spec => spec with { OrderModes = OrderModes.Market });

        Assert.Equal(TradeRetcode.InvalidOrder, book.Pending(OrderType.BuyLimit, 0.1m, 1.09000m).Retcode);
    }

    [Theory]
    [InlineData("1.10100", null)] // SL above the bid of a buy
    [InlineData("1.09995", null)] // SL closer than 10 points to the bid
    [InlineData(null, "1.09900")] // TP below the bid of a buy
    [InlineData("1.099995", null)] // SL off the tick grid
    public void Submit_BadStops_IsInvalidStops(string? sl, string? tp)
    {
        var book = Quoted();

        var outcome = book.Buy(0.10m, sl: Parse(sl), tp: Parse(tp));

        Assert.Equal(TradeRetcode.InvalidStops, outcome.Retcode);
    }

    [Fact]
    public void Submit_StopsAtLeastStopsLevelAway_AreAccepted()
    {
        var book = Quoted();

        var outcome = book.Buy(0.10m, sl: 1.09990m, tp: 1.10010m);

        Assert.Equal(TradeRetcode.Done, outcome.Retcode);
        Assert.Equal(1.09990m, Assert.Single(book.Positions()).Position.StopLoss);
    }

    [Fact]
    public void Submit_MarginAboveEquity_IsNoMoney()
    {
        var book = Quoted(balance: 100m);

        // 1 lot needs 1,000 EUR = 1,100.00 USD of margin; equity is 100.00.
        var outcome = book.Buy(1.00m);

        Assert.Equal(TradeRetcode.NoMoney, outcome.Retcode);
        Assert.Contains("1100", outcome.Message, StringComparison.Ordinal);
        Assert.Empty(book.Positions());
    }

    [Fact]
    public void Submit_ReducingOrderWithoutFreeMargin_IsAccepted()
    {
        var book = Quoted(balance: 120m);
        Assert.Equal(TradeRetcode.Done, book.Buy(0.10m).Retcode);
        book.Quote("EURUSD", 1.09900m, 1.09910m);

        Assert.Equal(TradeRetcode.Done, book.Sell(0.10m).Retcode);
    }

    [Fact]
    public void Submit_MarketOrderBeyondDeviation_IsRequote()
    {
        var book = Quoted();

        var outcome = book.Submit(new OrderRequest
        {
            AccountId = Book.Netting, ClientOrderId = "dev", Symbol = "EURUSD", Type = OrderType.Buy, Volume = 0.1m,
            Price = 1.10000m, DeviationPoints = 5,
        });

        Assert.Equal(TradeRetcode.Requote, outcome.Retcode);
        Assert.Equal(1.10010m, outcome.Ask);
    }

    [Fact]
    public void Submit_HaltedAccount_IsTradeDisabled()
    {
        var book = Quoted();
        book.Run((core, now) => core.SetTradingState(Book.Netting, AccountTradingState.Halted, now));

        Assert.Equal(TradeRetcode.TradeDisabled, book.Buy(0.10m).Retcode);
    }

    [Fact]
    public void Submit_UnknownAccount_IsNotFound()
    {
        var book = Quoted();

        Assert.Equal(OutcomeKind.NotFound, book.Buy(0.10m, account: 9999).Kind);
    }

    [Fact]
    public void Submit_PendingOnWrongSideOfMarket_IsInvalidPrice()
    {
        var book = Quoted();

        Assert.Equal(TradeRetcode.InvalidPrice, book.Pending(OrderType.BuyLimit, 0.1m, 1.10020m).Retcode);
        Assert.Equal(TradeRetcode.InvalidPrice, book.Pending(OrderType.BuyStop, 0.1m, 1.10000m).Retcode);
        Assert.Equal(TradeRetcode.InvalidPrice, book.Pending(OrderType.SellLimit, 0.1m, 1.09990m).Retcode);
        Assert.Equal(TradeRetcode.InvalidPrice, book.Pending(OrderType.SellStop, 0.1m, 1.10005m).Retcode);
        Assert.Equal(TradeRetcode.InvalidPrice, book.Pending(OrderType.BuyLimit, 0.1m, 1.099995m).Retcode);
    }

    [Fact]
    public void Submit_PendingCountLimit_IsLimitOrders()
    {
        var book = new Book(10_000m, TestSymbols.All, null);
        var limited = new Engine.Core.EngineCore(TestSymbols.All, SnapshotOf(book), new Engine.Core.EngineOptions { MaxPendingOrdersPerAccount = 1 });
        var now = book.NowMs + 1000;
        limited.ApplyTick(new Tick("EURUSD", now, 1.10000m, 1.10010m, 0, 0, 6), now, out _);

        var first = limited.Submit(new OrderRequest { AccountId = Book.Netting, ClientOrderId = "p1", Symbol = "EURUSD", Type = OrderType.BuyLimit, Volume = 0.1m, Price = 1.09000m }, now);
        var second = limited.Submit(new OrderRequest { AccountId = Book.Netting, ClientOrderId = "p2", Symbol = "EURUSD", Type = OrderType.BuyLimit, Volume = 0.1m, Price = 1.09000m }, now);

        Assert.Equal(TradeRetcode.Placed, first.Retcode);
        Assert.Equal(TradeRetcode.LimitOrders, second.Retcode);
    }

    private static decimal? Parse(string? text) => text is null ? null : decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static Engine.Core.EngineSnapshot SnapshotOf(Book book) => Snapshots.FromEvents(book.Events);
}
