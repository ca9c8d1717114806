using TradingCore.Engine.Commands;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Events;

namespace TradingCore.Engine.Tests;

/// <summary>
/// Instant commissions and fees from an account's schedule (docs/accounting.md "Commissions and fees"), worked by
/// hand. A USD netting account of 10,000.00; EURUSD at 1.10000 / 1.10010 (contract 100,000, EUR converts at the bid).
/// </summary>
public sealed class CommissionTests
{
    private const long Account = 55;

    [Fact]
    public void PerLotOnBothSides_IsBookedOnEachDealAndInTheBalance()
    {
        var book = Opened(new CommissionRule { Amount = 7m });      // 7 USD per lot, in and out

        Assert.Equal(TradeRetcode.Done, book.Buy(0.50m, account: Account).Retcode);       // −3.50
        book.Quote("EURUSD", 1.10200m, 1.10210m);
        Assert.Equal(TradeRetcode.Done, book.Sell(0.50m, account: Account).Retcode);      // profit (1.10200 − 1.10010) × 50,000 = 95.00, −3.50

        var deals = book.Deals(Account).Where(deal => deal.Type != DealType.Balance).ToList();
        Assert.Equal([(0m, -3.50m), (95.00m, -3.50m)], deals.Select(deal => (deal.Profit, deal.Commission)));
        Assert.Equal(10_088.00m, book.Account(Account).Account.Balance);                  // 10,000 − 3.50 + 95.00 − 3.50
    }

    [Fact]
    public void PerDealFeeOnEntryInTheBaseCurrency_IsConvertedAtTheQuote()
    {
        // 2 EUR per entering deal, as a fee: 2 × 1.10000 = 2.20 USD; the exit pays nothing.
        var book = Opened(new CommissionRule { Kind = CommissionKind.Fee, Basis = CommissionBasis.PerDeal, Amount = 2m, Currency = CommissionCurrency.Base, Entry = CommissionEntry.In });

        book.Buy(0.30m, account: Account);
        book.Sell(0.30m, account: Account);

        var deals = book.Deals(Account).Where(deal => deal.Type != DealType.Balance).ToList();
        Assert.Equal([(-2.20m, 0m), (0m, 0m)], deals.Select(deal => (deal.Fee, deal.Commission)));
        // The round trip also loses the spread: (1.10000 − 1.10010) × 30,000 = −3.00.
        Assert.Equal(10_000m - 2.20m - 3.00m, book.Account(Account).Account.Balance);
    }

    [Fact]
    public void PercentOfTurnover_IsTheDealsValueInTheProfitCurrency()
    {
        // 0.002 % of 1 × 100,000 × 1.10010 = 110,010 USD: 2.2002 → 2.20.
        var book = Opened(new CommissionRule { Basis = CommissionBasis.Percent, Amount = 0.002m });

        book.Buy(1.00m, account: Account);

        Assert.Equal(-2.20m, book.Deals(Account).Single(deal => deal.Type == DealType.Buy).Commission);
    }

    [Fact]
    public void AReversal_PaysEntryChargesOnItsOpeningPartOnly()
    {
        // Entering deals pay 7 USD per lot. Long 0.50, then sell 0.80: 0.50 closes, 0.30 opens: 7 × 0.30 = 2.10.
        var book = Opened(new CommissionRule { Amount = 7m, Entry = CommissionEntry.In });

        book.Buy(0.50m, account: Account);
        book.Sell(0.80m, account: Account);

        var reversal = book.Deals(Account).Single(deal => deal.Entry == DealEntry.InOut);
        Assert.Equal(-2.10m, reversal.Commission);
    }

    [Fact]
    public void RulesApplyToTheSymbolsTheirMaskMatches_TheFirstPerKind()
    {
        var book = Opened(
            new CommissionRule { Symbols = "EUR*", Amount = 10m },
            new CommissionRule { Symbols = "*", Amount = 4m },
            new CommissionRule { Symbols = "*", Kind = CommissionKind.Fee, Basis = CommissionBasis.PerDeal, Amount = 1m });
        book.Quote("USDJPY", 150.000m, 150.020m);

        book.Buy(0.10m, account: Account);                        // EURUSD: the EUR* rule, 10 × 0.10 = 1.00; fee 1.00
        book.Buy(0.10m, "USDJPY", Account);                       // USDJPY: the * rule, 4 × 0.10 = 0.40; fee 1.00

        Assert.Equal([(-1.00m, -1.00m), (-0.40m, -1.00m)], book.Deals(Account).Where(deal => deal.Type == DealType.Buy).Select(deal => (deal.Commission, deal.Fee)));
    }

    [Fact]
    public void TheCommission_CountsInTheFreeMarginCheck_AndInCheckOrder()
    {
        // Balance 1,150.00, one lot needs 1,100.00 of margin. 60 USD per lot: (1,150 − 60) − 1,100 < 0: NO_MONEY,
        // although 1,150 − 1,100 alone would pass.
        var book = Opened(1_150m, new CommissionRule { Amount = 60m });
        var check = book.Run((core, now) => core.Check(new OrderRequest { AccountId = Account, ClientOrderId = "c", Symbol = "EURUSD", Type = OrderType.Buy, Volume = 1.00m }, now));

        Assert.Equal(TradeRetcode.NoMoney, check.Retcode);
        Assert.Equal((1_090.00m, 1_100.00m, -10.00m), (check.Balance, check.Margin, check.FreeMargin));
        Assert.Equal(TradeRetcode.NoMoney, book.Buy(1.00m, account: Account).Retcode);
        Assert.Equal(TradeRetcode.Done, book.Buy(0.50m, account: Account).Retcode);     // 1,150 − 30 − 550 ≥ 0
    }

    private static Book Opened(params CommissionRule[] rules) => Opened(10_000m, rules);

    private static Book Opened(decimal balance, params CommissionRule[] rules)
    {
        var book = new Book();
        book.Run((core, now) => core.CreateAccount(new Account { AccountId = Account, Currency = "USD", Leverage = 100, MarginMode = MarginMode.RetailNetting, Balance = balance, Commissions = rules }, now));
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        return book;
    }
}
