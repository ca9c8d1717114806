using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Tests;

/// <summary>
/// Swaps and rollover (docs/accounting.md "Swaps and rollover"), worked by hand from MT5's example
/// (../shared/mt5-accounting-and-routing.md §9): EURUSD in POINTS mode, swap long −7.2 and short +1.5 points, triple
/// swap on Wednesday, server time = UTC. One lot long: −7.2 × 0.00001 × 100,000 × 1 = −7.20 USD a night.
/// 2026-11-30 is a Monday.
/// </summary>
public sealed class SwapTests
{
    private const long MondayTen = 1_796_032_800_000;      // Mon 2026-11-30 10:00
    private const long TuesdayMidnight = 1_796_083_200_000;
    private const long WednesdayMidnight = 1_796_169_600_000;
    private const long ThursdayMidnight = 1_796_256_000_000;
    private const long FridayMidnight = 1_796_342_400_000;
    private const long FridayTen = 1_796_378_400_000;
    private const long ThursdayTen = 1_796_292_000_000;

    private static readonly SymbolSpec EurUsd = TestSymbols.EurUsd with { SwapMode = SwapMode.Points, SwapLong = -7.2m, SwapShort = 1.5m };

    [Fact]
    public void ALongHeldMondayToFriday_AccruesSixNights_AndTheExitDealRealizesThem()
    {
        var book = Opened(MondayTen);
        Assert.Equal(TradeRetcode.Done, book.Buy(1.00m).Retcode);          // at 1.10010

        // After each rollover: Mon→Tue ×1, Tue→Wed ×1, Wed→Thu ×3 (the triple day), Thu→Fri ×1.
        Assert.Equal(-7.20m, SwapAt(book, TuesdayMidnight + 1));
        Assert.Equal(-14.40m, SwapAt(book, WednesdayMidnight + 1));
        Assert.Equal(-36.00m, SwapAt(book, ThursdayMidnight + 1));
        Assert.Equal(-43.20m, SwapAt(book, FridayMidnight + 1));

        // The swap is in equity, not in the balance: equity = 10,000 + (1.10000 − 1.10010) × 100,000 − 43.20.
        Assert.Equal((10_000.00m, 9_946.80m), (book.Account().Account.Balance, book.Account().Equity));

        book.NowMs = FridayTen;
        book.Quote("EURUSD", 1.10200m, 1.10210m);
        Assert.Equal(TradeRetcode.Done, book.Sell(1.00m).Retcode);
        var exit = book.Deals().Single(deal => deal.Entry == DealEntry.Out);
        Assert.Equal((190.00m, -43.20m), (exit.Profit, exit.Swap));        // (1.10200 − 1.10010) × 100,000
        Assert.Equal(10_146.80m, book.Account().Account.Balance);         // 10,000 + 190.00 − 43.20
    }

    [Fact]
    public void ACoreThatMissedMidnights_ChargesEachOnceWhenItsClockPassesThem()
    {
        var book = Opened(MondayTen);
        book.Buy(1.00m);

        // Straight from Monday 10:00 to Thursday 10:00: three rollovers, charged once each (−7.20 − 7.20 − 21.60).
        Assert.Equal(-36.00m, SwapAt(book, ThursdayTen));
        Assert.Equal(-36.00m, SwapAt(book, ThursdayTen + 60_000));          // nothing twice
    }

    [Fact]
    public void ARestartedEngine_DoesNotChargeARolloverAgain()
    {
        var book = Opened(MondayTen);
        book.Buy(1.00m);
        Assert.Equal(-7.20m, SwapAt(book, TuesdayMidnight + 1));

        var snapshot = new EngineSnapshot
        {
            Accounts = [book.Account(Book.Netting).Account, book.Account(Book.Hedging).Account],
            Positions = [.. book.Positions().Select(view => view.Position)],
            LastOrderTicket = book.Core.LastOrderTicket,
            LastDealTicket = book.Core.LastDealTicket,
            LastSequence = book.Core.LastSequence,
        };
        var restarted = new EngineCore([EurUsd, TestSymbols.UsdJpy, TestSymbols.XauUsd], snapshot);
        restarted.ApplyTick(new Tick("EURUSD", TuesdayMidnight + 2, 1.10000m, 1.10010m, 0m, 0m, 6), TuesdayMidnight + 2, out _);

        Assert.Equal(-7.20m, restarted.ListPositions(Book.Netting, null)!.Single().Position.Swap);
    }

    [Fact]
    public void APositionOpenedFridayNight_PaysTheWeekendOnce()
    {
        // Opened Friday 23:30: Fri→Sat ×1, Sat→Sun ×0, Sun→Mon ×0; by Monday 10:00 one night, −7.20.
        var book = Opened(1_796_427_000_000);
        book.Buy(1.00m);

        Assert.Equal(-7.20m, SwapAt(book, 1_796_637_600_000));
    }

    [Fact]
    public void APartialClose_RealizesTheClosedVolumesShare()
    {
        // −43.20 on 1.00 lot; closing 0.25 realizes −43.20 × 0.25 = −10.80, −32.40 stays on the 0.75 left.
        var book = Opened(MondayTen);
        book.Buy(1.00m);
        SwapAt(book, FridayMidnight + 1);
        var ticket = book.Positions().Single().Position.Ticket;

        var closed = book.Run((core, now) => core.ClosePosition(new() { AccountId = Book.Netting, PositionTicket = ticket, Volume = 0.25m, ClientOrderId = "part" }, now));

        Assert.Equal(TradeRetcode.Done, closed.Retcode);
        Assert.Equal(-10.80m, book.Deals().Single(deal => deal.Entry == DealEntry.Out).Swap);
        Assert.Equal((0.75m, -32.40m), (book.Positions().Single().Position.Volume, book.Positions().Single().Position.Swap));
    }

    [Fact]
    public void ReopenCurrent_ClosesAtTheDaysPrice_AndReopensThereMovedBySwapPoints()
    {
        // Long 1.00 at 1.10010, swap long −7 points. At Monday's end the bid is 1.10100: an OUT deal realizes
        // (1.10100 − 1.10010) × 100,000 = 90.00 and the position reopens at 1.10100 + 7 points = 1.10107 (the
        // night's cost is now in its price: at the bid it shows −7.00).
        var book = Opened(MondayTen, EurUsd with { SwapMode = SwapMode.ReopenCurrent, SwapLong = -7m });
        book.Buy(1.00m);
        book.NowMs = TuesdayMidnight - 5_000;
        book.Quote("EURUSD", 1.10100m, 1.10110m);

        SwapAt(book, TuesdayMidnight + 1);

        var rollover = book.Deals().Where(deal => deal.Reason == TradeReason.Rollover).Select(deal => (deal.Entry, deal.Price, deal.Profit)).ToList();
        Assert.Equal([(DealEntry.Out, 1.10100m, 90.00m), (DealEntry.In, 1.10107m, 0m)], rollover);
        var position = book.Positions().Single();
        Assert.Equal((1.10107m, -7.00m, 0m), (position.Position.PriceOpen, position.Profit, position.Position.Swap));
        Assert.Equal(10_090.00m, book.Account().Account.Balance);
    }

    [Fact]
    public void ReopenBid_ReopensAShortAtTheBid()
    {
        // Short 1.00 at the bid 1.10000, swap short −3 points. At the rollover (1.10100 / 1.10110) it closes at the ask:
        // (1.10000 − 1.10110) × 100,000 = −110.00, and reopens at the bid 1.10100 − 3 points = 1.10097.
        var book = Opened(MondayTen, EurUsd with { SwapMode = SwapMode.ReopenBid, SwapShort = -3m });
        book.Sell(1.00m);
        book.NowMs = TuesdayMidnight - 5_000;
        book.Quote("EURUSD", 1.10100m, 1.10110m);

        SwapAt(book, TuesdayMidnight + 1);

        Assert.Equal(1.10097m, book.Positions().Single().Position.PriceOpen);
        Assert.Equal(-110.00m, book.Deals().Single(deal => deal.Reason == TradeReason.Rollover && deal.Entry == DealEntry.Out).Profit);
    }

    [Theory]
    [InlineData(SwapMode.CurrencyDeposit, "-3", "-3.00")]          // 3 USD per lot
    [InlineData(SwapMode.CurrencySymbol, "-3", "-3.30")]           // 3 EUR per lot at the bid 1.10000
    [InlineData(SwapMode.CurrencyMargin, "-3", "-3.30")]           // the margin currency is EUR too
    [InlineData(SwapMode.CurrencyProfit, "-3", "-3.00")]           // USD
    [InlineData(SwapMode.Points, "2.5", "2.50")]                   // a credit: 2.5 × 0.00001 × 100,000
    [InlineData(SwapMode.InterestOpen, "-3.6", "-11.00")]          // 100,000 × 1.10010 × 3.6 % / 360 = 11.001
    [InlineData(SwapMode.InterestCurrent, "-3.6", "-11.00")]       // at the bid 1.10000: 11.000
    public void EachMode_OneNight(SwapMode mode, string longValue, string expected)
    {
        var spec = EurUsd with { SwapMode = mode, SwapLong = decimal.Parse(longValue, System.Globalization.CultureInfo.InvariantCulture) };
        var book = Opened(MondayTen, spec);
        book.Buy(1.00m);

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), SwapAt(book, TuesdayMidnight + 1));
    }

    private static Book Opened(long nowMs, SymbolSpec? spec = null)
    {
        var book = new Book(symbols: [spec ?? EurUsd, TestSymbols.UsdJpy, TestSymbols.XauUsd]) { NowMs = nowMs - 1_000 };
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        return book;
    }

    private static decimal SwapAt(Book book, long nowMs)
    {
        book.NowMs = nowMs - 10;
        book.Run((core, now) =>
        {
            core.AdvanceClock(now);
            return 0;
        });
        return book.Positions().Single().Position.Swap;
    }
}
