using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Tests;

public sealed class RiskTests
{
    [Fact]
    public void StopOut_ClosesThePositionWhenMarginLevelFallsBelowTheStopOutLevel()
    {
        var book = new Book(balance: 1_000m);
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        // 0.80 lot: margin 800 EUR = 880.00 USD; equity 992.00; level 112.7 %.
        Assert.Equal(TradeRetcode.Done, book.Buy(0.80m).Retcode);

        // Bid 1.09400: loss (1.09400 - 1.10010) * 80,000 = -488.00, equity 512.00, margin 875.20, level 58.5 %: kept.
        book.Quote("EURUSD", 1.09400m, 1.09410m);
        Assert.Single(book.Positions());

        // Bid 1.09200: loss -648.00, equity 352.00, margin 873.60, level 40.3 % < 50 %: stopped out.
        book.Quote("EURUSD", 1.09200m, 1.09210m);

        Assert.Empty(book.Positions());
        var close = book.Deals().Last();
        Assert.Equal(TradeReason.StopOut, close.Reason);
        Assert.Equal(-648.00m, close.Profit);
        Assert.Equal(352.00m, book.Account().Account.Balance);
    }

    [Fact]
    public void StopOut_ClosesTheLargestLossFirstAndStopsWhenTheLevelRecovers()
    {
        var book = new Book(balance: 1_000m);
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        book.Quote("XAUUSD", 2000.00m, 2000.50m);
        var euro = book.Buy(0.50m, account: Book.Hedging);   // margin 550.00
        var gold = book.Buy(0.10m, "XAUUSD", Book.Hedging);  // margin 200.05

        // EURUSD bid 1.09200: euro loss (1.09200 - 1.10010) * 50,000 = -405.00; gold -5.00; equity 590.00;
        // margin 546.00 + 200.05 = 746.05; level 79 %: kept.
        book.Quote("EURUSD", 1.09200m, 1.09210m);
        Assert.Equal(2, book.Positions(Book.Hedging).Count);

        // Bid 1.08600: euro -705.00, gold -5.00, equity 290.00, margin 543.00 + 200.05, level 39 %: the euro
        // position (largest loss) is closed; balance 295.00, equity 290.00, margin 200.05, level 145 %: gold stays.
        book.Quote("EURUSD", 1.08600m, 1.08610m);

        var remaining = Assert.Single(book.Positions(Book.Hedging)).Position;
        Assert.Equal(gold.PositionTicket, remaining.Ticket);
        Assert.DoesNotContain(book.Positions(Book.Hedging), view => view.Position.Ticket == euro.PositionTicket);
        Assert.Equal(295.00m, book.Account(Book.Hedging).Account.Balance);
    }

    [Fact]
    public void Limits_MaxOrderVolumeAndMaxPositionVolume_AreLimitVolume()
    {
        var book = new Book();
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        book.Run((core, now) => core.SetLimits(Book.Netting, new AccountLimits { MaxOrderVolume = 0.50m, MaxPositionVolume = 0.80m }, now));

        Assert.Equal(TradeRetcode.LimitVolume, book.Buy(0.60m).Retcode);
        Assert.Equal(TradeRetcode.Done, book.Buy(0.50m).Retcode);
        Assert.Equal(TradeRetcode.LimitVolume, book.Buy(0.40m).Retcode);
        Assert.Equal(TradeRetcode.Done, book.Buy(0.30m).Retcode);
        Assert.Equal(TradeRetcode.Done, book.Sell(0.50m).Retcode); // reducing is always allowed
    }

    [Fact]
    public void Limits_MaxOpenOrders_IsLimitOrders()
    {
        var book = new Book();
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        book.Run((core, now) => core.SetLimits(Book.Netting, new AccountLimits { MaxOpenOrders = 2 }, now));

        Assert.Equal(TradeRetcode.Placed, book.Pending(OrderType.BuyLimit, 0.1m, 1.09000m).Retcode);
        Assert.Equal(TradeRetcode.Placed, book.Pending(OrderType.BuyLimit, 0.1m, 1.08000m).Retcode);
        Assert.Equal(TradeRetcode.LimitOrders, book.Pending(OrderType.BuyLimit, 0.1m, 1.07000m).Retcode);
    }

    [Fact]
    public void Limits_MaxOrdersPerSecond_IsTooManyRequestsUntilTheNextSecond()
    {
        var book = new Book();
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        book.Run((core, now) => core.SetLimits(Book.Netting, new AccountLimits { MaxOrdersPerSecond = 3 }, now));
        book.NowMs = (book.NowMs / 1000 * 1000) + 1000; // the start of a second

        var outcomes = Enumerable.Range(0, 4).Select(_ => book.Buy(0.01m).Retcode).ToList();
        book.NowMs += 1000;
        var next = book.Buy(0.01m).Retcode;

        Assert.Equal([TradeRetcode.Done, TradeRetcode.Done, TradeRetcode.Done, TradeRetcode.TooManyRequests], outcomes);
        Assert.Equal(TradeRetcode.Done, next);
    }

    [Fact]
    public void ReducingState_AcceptsOnlyOrdersThatReduce()
    {
        var book = new Book();
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        book.Buy(0.30m);
        book.Run((core, now) => core.SetTradingState(Book.Netting, AccountTradingState.Reducing, now));

        Assert.Equal(TradeRetcode.CloseOnly, book.Buy(0.10m).Retcode);
        Assert.Equal(TradeRetcode.CloseOnly, book.Sell(0.40m).Retcode);
        Assert.Equal(TradeRetcode.Done, book.Sell(0.10m).Retcode);
        Assert.Equal(0.20m, Assert.Single(book.Positions()).Position.Volume);
    }

    [Fact]
    public void HaltedState_StillAllowsCancels()
    {
        var book = new Book();
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        var placed = book.Pending(OrderType.BuyLimit, 0.1m, 1.09000m);
        book.Run((core, now) => core.SetTradingState(Book.Netting, AccountTradingState.Halted, now));

        var cancel = book.Run((core, now) => core.Cancel(new Commands.CancelOrderRequest { AccountId = Book.Netting, OrderTicket = placed.Order!.Ticket }, now));

        Assert.Equal(TradeRetcode.Done, cancel.Retcode);
    }
}
