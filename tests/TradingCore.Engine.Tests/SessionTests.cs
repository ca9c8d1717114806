using TradingCore.Engine.Domain;
using TradingCore.Engine.Rules;

namespace TradingCore.Engine.Tests;

/// <summary>
/// Trading sessions (docs/accounting.md "Trading sessions"), worked by hand. EURUSD trades Monday to Thursday
/// 00:05-23:55 and Friday 00:05-23:50 in server time, the server at UTC+2. 2026-12-04 is a Friday.
/// </summary>
public sealed class SessionTests
{
    private const string Week = "Mon 00:05-23:55; Tue 00:05-23:55; Wed 00:05-23:55; Thu 00:05-23:55; Fri 00:05-23:50";
    private static readonly SymbolSpec EurUsd = TestSymbols.EurUsd with { TradeSessions = Week, ServerUtcOffsetMinutes = 120 };

    [Theory]
    [InlineData(1_796_420_940_000L, true)]   // Fri 21:49 UTC = 23:49 server: open
    [InlineData(1_796_421_000_000L, false)]  // Fri 21:50 UTC = 23:50 server: the session has ended
    [InlineData(1_796_464_800_000L, false)]  // Sat 10:00 UTC: no session on Saturday
    [InlineData(1_796_680_980_000L, false)]  // Mon 22:03 UTC = Tue 00:03 server: before 00:05
    [InlineData(1_796_681_100_000L, true)]   // Mon 22:05 UTC = Tue 00:05 server: open
    public void IsOpen_ReadsTheSessionsInServerTime(long utcMs, bool open) => Assert.Equal(open, TradingHours.IsOpen(EurUsd, utcMs));

    [Fact]
    public void ADayOrder_ExpiresAtTheEndOfTheServersLastSessionOfTheDay()
    {
        // Placed Thu 10:00 UTC (12:00 server): the day's session ends at 23:55 server = 21:55 UTC.
        Assert.Equal(1_796_334_900_000L, OrderExpiry.Of(EurUsd, OrderTimeType.Day, 0, 1_796_292_000_000L));
    }

    [Fact]
    public void ASpecifiedDayOrder_ExpiresAtTheServersMidnightAfterThatDay()
    {
        // Expiration Fri 10:00 UTC (12:00 server): the server's next midnight, Sat 00:00 server = Fri 22:00 UTC.
        Assert.Equal(1_796_421_600_000L, OrderExpiry.Of(EurUsd, OrderTimeType.SpecifiedDay, 1_796_378_400_000L, 1_796_292_000_000L));
    }

    [Fact]
    public void OrdersOutsideASession_AreMarketClosed_AndTriggersWaitForTheNextSession()
    {
        var book = new Book(balance: 100_000m, symbols: [EurUsd, TestSymbols.UsdJpy, TestSymbols.XauUsd]) { NowMs = 1_796_378_400_000L - 1_000 };
        book.Quote("EURUSD", 1.10000m, 1.10010m);                                    // Fri 10:00 UTC: open
        Assert.Equal(TradeRetcode.Placed, book.Pending(OrderType.BuyLimit, 0.10m, 1.09500m, account: Book.Hedging).Retcode);
        var position = book.Buy(0.20m, account: Book.Hedging, sl: 1.09000m);
        Assert.Equal(TradeRetcode.Done, position.Retcode);

        book.NowMs = 1_796_464_800_000L - 1_000;                                     // Saturday: closed
        book.Quote("EURUSD", 1.08900m, 1.08910m);                                    // reaches the limit and the stop loss
        Assert.Equal(TradeRetcode.MarketClosed, book.Buy(0.10m, account: Book.Hedging).Retcode);
        Assert.Single(book.Core.ListOpenOrders(Book.Hedging)!);                       // the limit still waits
        Assert.Equal(0.20m, Assert.Single(book.Positions(Book.Hedging)).Position.Volume); // the stop loss too

        book.NowMs = 1_796_681_100_000L - 1_000;                                     // Mon 22:05 UTC = Tue 00:05 server
        book.Quote("EURUSD", 1.08900m, 1.08910m);
        Assert.Empty(book.Core.ListOpenOrders(Book.Hedging)!);                        // the limit filled at the ask...
        var left = Assert.Single(book.Positions(Book.Hedging)).Position;              // ...and the stop loss closed the 0.20
        Assert.Equal((0.10m, 1.08910m), (left.Volume, left.PriceOpen));
    }

    [Theory]
    [InlineData("Mon 00:05-23:55", true)]
    [InlineData("", true)]
    [InlineData("Mon 00:00-24:00; Sun 22:00-24:00", true)]
    [InlineData("Mon 23:00-22:00", false)]
    [InlineData("Monday 00:05-23:55", false)]
    [InlineData("Mon 00:05-24:01", false)]
    public void Sessions_AreReadOnlyInTheirWrittenForm(string text, bool valid) => Assert.Equal(valid, TradeSession.ParseList(text) is not null);
}
