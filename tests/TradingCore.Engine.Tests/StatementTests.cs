using TradingCore.Engine.Commands;
using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Tests;

/// <summary>
/// A multi-day statement of a hedging account with commissions, swaps and hedged margin, computed by hand from
/// MT5's rules (docs/accounting.md) and matched to the cent: what a bot reads from the core.
/// EURUSD: swap long −7.2, short +1.5 points (triple Wednesday), basic hedged margin with MARGIN_HEDGED 50,000;
/// the account (USD 10,000, 1:100) pays 5 USD per lot on every deal. 2026-11-30 is a Monday; server time = UTC.
/// </summary>
public sealed class StatementTests
{
    private const long MondayTen = 1_796_032_800_000;
    private const long TuesdayTen = MondayTen + 86_400_000;
    private const long ThursdayTen = MondayTen + (3 * 86_400_000);
    private const long Account = 88;

    [Fact]
    public void MondayToThursday_DealsBalanceEquityAndMargin_MatchTheHandComputedStatement()
    {
        var spec = TestSymbols.EurUsd with { SwapMode = SwapMode.Points, SwapLong = -7.2m, SwapShort = 1.5m, MarginHedged = 50_000m };
        var book = new Book(symbols: [spec, TestSymbols.UsdJpy, TestSymbols.XauUsd]) { NowMs = MondayTen - 1_000 };
        book.Run((core, now) => core.CreateAccount(new Account { AccountId = Account, Currency = "USD", Leverage = 100, MarginMode = MarginMode.RetailHedging, Balance = 10_000m, Commissions = [new CommissionRule { Amount = 5m }] }, now));

        // Monday 10:00: buy 1.00 at the ask 1.10010, commission −5.00.
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        var buy = book.Buy(1.00m, account: Account);
        Assert.Equal(9_995.00m, book.Account(Account).Account.Balance);

        // Tuesday 10:00 (the long paid Monday's night, −7.20): sell 0.50 at the bid 1.10100, commission −2.50.
        book.NowMs = TuesdayTen - 1_000;
        book.Quote("EURUSD", 1.10100m, 1.10110m);
        var sell = book.Sell(0.50m, account: Account);
        var tuesday = book.Account(Account);
        // Margin: uncovered 0.50 (500 EUR) + covered 0.50 at 50,000 (250 EUR), at the larger side's average open
        // price, = 750 EUR × 1.10100 = 825.75. Equity: 9,992.50 + (1.10100 − 1.10010) × 100,000 + (1.10100 −
        // 1.10110) × 50,000 − 7.20 = 9,992.50 + 90.00 − 5.00 − 7.20 = 10,070.30.
        Assert.Equal((9_992.50m, 825.75m, 10_070.30m), (tuesday.Account.Balance, tuesday.Margin, tuesday.Equity));

        // Tue→Wed ×1: long −7.20 (−14.40), short +0.75. Wed→Thu ×3: long −21.60 (−36.00), short +2.25 (+3.00).
        book.NowMs = ThursdayTen - 1_000;
        book.Quote("EURUSD", 1.10300m, 1.10310m);
        Assert.Equal([-36.00m, 3.00m], book.Positions(Account).Select(view => view.Position.Swap));

        // Thursday 10:00: close the long at the bid 1.10300 and the short at the ask 1.10310.
        Close(book, buy.Order!.Ticket, 1.00m);
        Close(book, sell.Order!.Ticket, 0.50m);

        var deals = book.Deals(Account).Where(deal => deal.Type != DealType.Balance).Select(deal => (deal.Entry, deal.Volume, deal.Price, deal.Profit, deal.Commission, deal.Swap)).ToList();
        Assert.Equal(
            [
                (DealEntry.In, 1.00m, 1.10010m, 0m, -5.00m, 0m),
                (DealEntry.In, 0.50m, 1.10100m, 0m, -2.50m, 0m),
                (DealEntry.Out, 1.00m, 1.10300m, 290.00m, -5.00m, -36.00m),   // (1.10300 − 1.10010) × 100,000
                (DealEntry.Out, 0.50m, 1.10310m, -105.00m, -2.50m, 3.00m),   // (1.10100 − 1.10310) × 50,000
            ],
            deals);

        // 10,000 − 5.00 − 2.50 + 290.00 − 5.00 − 36.00 − 105.00 − 2.50 + 3.00 = 10,137.00; nothing open.
        var end = book.Account(Account);
        Assert.Equal((10_137.00m, 10_137.00m, 0m), (end.Account.Balance, end.Equity, end.Margin));
    }

    private static void Close(Book book, ulong ticket, decimal volume) =>
        Assert.Equal(TradeRetcode.Done, book.Run((core, now) => core.ClosePosition(new ClosePositionRequest { AccountId = Account, PositionTicket = ticket, Volume = volume, ClientOrderId = book.NextId() }, now)).Retcode);
}

/// <summary>A request tells which of the account's events it produced: first_sequence..sequence.</summary>
public sealed class RequestSequenceTests
{
    [Fact]
    public void AFill_ReportsTheFirstAndLastSequenceOfItsEvents()
    {
        var book = new Book();
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        var before = book.Events.Count;

        var outcome = book.Buy(0.10m);

        var produced = book.Events.Skip(before).Select(engineEvent => engineEvent.Sequence).ToList();
        Assert.True(produced.Count >= 3, "an order, a deal and a position event at least");
        Assert.Equal((produced[0], produced[^1]), (outcome.FirstSequence, outcome.Sequence));
    }

    [Fact]
    public void ARepeatedRequest_ProducesNoEvents_AndSaysSo()
    {
        var book = new Book();
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        book.Buy(0.10m, id: "once");

        var again = book.Buy(0.10m, id: "once");

        Assert.True(again.Duplicate);
        Assert.Equal(0ul, again.FirstSequence);
    }
}
