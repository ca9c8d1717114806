using TradingCore.Engine.Commands;
using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Tests;

public sealed class StopsAndHedgingTests
{
    [Fact]
    public void StopLoss_LongClosesAtBidWithReasonSl()
    {
        var book = new Book();
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        book.Buy(0.10m, sl: 1.09900m);

        book.Quote("EURUSD", 1.09895m, 1.09905m);

        Assert.Empty(book.Positions());
        var close = book.Deals().Last();
        Assert.Equal(TradeReason.StopLoss, close.Reason);
        Assert.Equal(DealEntry.Out, close.Entry);
        Assert.Equal(1.09895m, close.Price);
        // (1.09895 - 1.10010) * 100,000 * 0.10 = -11.50.
        Assert.Equal(-11.50m, close.Profit);
    }

    [Fact]
    public void TakeProfit_ShortClosesAtAskWithReasonTp()
    {
        var book = new Book();
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        book.Sell(0.10m, tp: 1.09800m);

        book.Quote("EURUSD", 1.09790m, 1.09800m);

        Assert.Empty(book.Positions());
        var close = book.Deals().Last();
        Assert.Equal(TradeReason.TakeProfit, close.Reason);
        Assert.Equal(1.09800m, close.Price);
        Assert.Equal(20.00m, close.Profit);
    }

    [Fact]
    public void ModifyPosition_SetsStopsThatThenTrigger()
    {
        var book = new Book();
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        var open = book.Buy(0.10m);

        var modified = book.Run((core, now) => core.ModifyPosition(new ModifyPositionRequest { AccountId = Book.Netting, PositionTicket = open.PositionTicket, TakeProfit = 1.10100m }, now));
        book.Quote("EURUSD", 1.10100m, 1.10110m);

        Assert.Equal(TradeRetcode.Done, modified.Retcode);
        Assert.Empty(book.Positions());
        Assert.Equal(TradeReason.TakeProfit, book.Deals().Last().Reason);
    }

    [Fact]
    public void Hedging_TwoBuys_AreTwoPositionsAndCloseNamesOne()
    {
        var book = new Book();
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        var first = book.Buy(0.10m, account: Book.Hedging);
        book.Buy(0.20m, account: Book.Hedging);
        Assert.Equal(2, book.Positions(Book.Hedging).Count);

        book.Quote("EURUSD", 1.10110m, 1.10120m);
        var close = book.Run((core, now) => core.ClosePosition(new ClosePositionRequest { AccountId = Book.Hedging, PositionTicket = first.PositionTicket, ClientOrderId = "close-1" }, now));

        Assert.Equal(TradeRetcode.Done, close.Retcode);
        var remaining = Assert.Single(book.Positions(Book.Hedging)).Position;
        Assert.Equal(0.20m, remaining.Volume);
        // (1.10110 - 1.10010) * 100,000 * 0.10 = 10.00.
        Assert.Equal(10.00m, book.Deals(Book.Hedging).Single(deal => deal.Ticket == close.DealTicket).Profit);
    }

    [Fact]
    public void ClosePosition_VolumeAbovePosition_IsInvalidCloseVolume()
    {
        var book = new Book();
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        var open = book.Buy(0.10m);

        var close = book.Run((core, now) => core.ClosePosition(new ClosePositionRequest { AccountId = Book.Netting, PositionTicket = open.PositionTicket, Volume = 0.20m, ClientOrderId = "c" }, now));

        Assert.Equal(TradeRetcode.InvalidCloseVolume, close.Retcode);
        Assert.Single(book.Positions());
    }

    [Fact]
    public void CloseBy_OppositeHedgingPositions_BooksCombinedProfitOnOneDeal()
    {
        var book = new Book();
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        var buy = book.Buy(0.30m, account: Book.Hedging);
        book.Quote("EURUSD", 1.10200m, 1.10210m);
        var sell = book.Sell(0.10m, account: Book.Hedging);

        var closeBy = book.Run((core, now) => core.ClosePositionBy(new ClosePositionByRequest { AccountId = Book.Hedging, PositionTicket = buy.PositionTicket, OppositePositionTicket = sell.PositionTicket, ClientOrderId = "cb" }, now));

        Assert.Equal(TradeRetcode.Done, closeBy.Retcode);
        var remaining = Assert.Single(book.Positions(Book.Hedging)).Position;
        Assert.Equal(buy.PositionTicket, remaining.Ticket);
        Assert.Equal(0.20m, remaining.Volume);
        Assert.Equal(1.10010m, remaining.PriceOpen);
        var outBy = book.Deals(Book.Hedging).Where(deal => deal.Entry == DealEntry.OutBy).ToList();
        Assert.Equal(2, outBy.Count);
        // Buy 0.10 opened at 1.10010 closed by the sell opened at 1.10200: (1.10200 - 1.10010) * 100,000 * 0.10 = 19.00.
        Assert.Equal(19.00m, outBy.Sum(deal => deal.Profit));
        Assert.Equal(10_019.00m, book.Account(Book.Hedging).Account.Balance);
    }

    [Fact]
    public void CloseBy_OnNettingAccount_IsInvalidOrder()
    {
        var book = new Book();
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        var open = book.Buy(0.10m);

        var closeBy = book.Run((core, now) => core.ClosePositionBy(new ClosePositionByRequest { AccountId = Book.Netting, PositionTicket = open.PositionTicket, OppositePositionTicket = open.PositionTicket + 1, ClientOrderId = "cb" }, now));

        Assert.NotEqual(TradeRetcode.Done, closeBy.Retcode);
    }
}
