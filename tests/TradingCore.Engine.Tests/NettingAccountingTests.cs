using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Tests;

/// <summary>
/// The worked netting example of docs/accounting.md, number for number. EURUSD, contract 100,000, USD account,
/// leverage 1:100, balance 10,000.00.
/// </summary>
public sealed class NettingAccountingTests
{
    [Fact]
    public void BuyAtAsk_OpensPositionWithMarginAndSpreadLoss()
    {
        var book = new Book();
        book.Quote("EURUSD", 1.10000m, 1.10010m);

        var outcome = book.Buy(0.10m);

        Assert.Equal(TradeRetcode.Done, outcome.Retcode);
        Assert.Equal(1.10010m, outcome.Price);
        var position = Assert.Single(book.Positions()).Position;
        Assert.Equal(PositionType.Buy, position.Type);
        Assert.Equal(0.10m, position.Volume);
        Assert.Equal(1.10010m, position.PriceOpen);
        Assert.Equal(outcome.Order!.Ticket, position.Identifier);
        var account = book.Account();
        // Margin: 0.10 lot * 100,000 / 100 = 100 EUR, at EURUSD bid 1.10000 = 110.00 USD.
        Assert.Equal(110.00m, account.Margin);
        // Valued at bid: (1.10000 - 1.10010) * 100,000 * 0.10 = -1.00 USD.
        Assert.Equal(-1.00m, account.Profit);
        Assert.Equal(9_999.00m, account.Equity);
        Assert.Equal(9_889.00m, account.FreeMargin);
        Assert.Equal(10_000.00m, account.Account.Balance);
    }

    [Fact]
    public void WorkedExample_IncreaseReduceReverse_MatchesHandNumbers()
    {
        var book = new Book();
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        var first = book.Buy(0.10m);
        book.Quote("EURUSD", 1.10090m, 1.10100m);
        book.Buy(0.20m);

        // Average: (1.10010 * 0.10 + 1.10100 * 0.20) / 0.30 = 1.10070.
        var increased = Assert.Single(book.Positions()).Position;
        Assert.Equal(0.30m, increased.Volume);
        Assert.Equal(1.10070m, increased.PriceOpen);

        book.Quote("EURUSD", 1.10200m, 1.10210m);
        var reduce = book.Sell(0.10m);
        // Realized: (1.10200 - 1.10070) * 100,000 * 0.10 = 13.00.
        var reduceDeal = book.Deals().Single(deal => deal.Ticket == reduce.DealTicket);
        Assert.Equal(DealEntry.Out, reduceDeal.Entry);
        Assert.Equal(13.00m, reduceDeal.Profit);
        Assert.Equal(10_013.00m, book.Account().Account.Balance);
        Assert.Equal(0.20m, Assert.Single(book.Positions()).Position.Volume);
        Assert.Equal(1.10070m, Assert.Single(book.Positions()).Position.PriceOpen);

        book.Quote("EURUSD", 1.10000m, 1.10010m);
        var reverse = book.Sell(0.50m);
        // Reversal: closes 0.20 at 1.10000, (1.10000 - 1.10070) * 100,000 * 0.20 = -14.00; opens 0.30 short at 1.10000.
        var reverseDeal = book.Deals().Single(deal => deal.Ticket == reverse.DealTicket);
        Assert.Equal(DealEntry.InOut, reverseDeal.Entry);
        Assert.Equal(0.50m, reverseDeal.Volume);
        Assert.Equal(-14.00m, reverseDeal.Profit);
        var reversed = Assert.Single(book.Positions()).Position;
        Assert.Equal(PositionType.Sell, reversed.Type);
        Assert.Equal(0.30m, reversed.Volume);
        Assert.Equal(1.10000m, reversed.PriceOpen);
        Assert.Equal(first.Order!.Ticket, reversed.Identifier);
        Assert.Equal(reverse.Order!.Ticket, reversed.Ticket);

        var account = book.Account();
        Assert.Equal(9_999.00m, account.Account.Balance);
        // Short valued at ask: (1.10000 - 1.10010) * 100,000 * 0.30 = -3.00.
        Assert.Equal(-3.00m, account.Profit);
        Assert.Equal(9_996.00m, account.Equity);
    }

    [Fact]
    public void CloseExactVolume_RemovesPositionAndBooksProfit()
    {
        var book = new Book();
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        book.Buy(1.00m);
        book.Quote("EURUSD", 1.10510m, 1.10520m);

        var close = book.Sell(1.00m);

        Assert.Empty(book.Positions());
        // (1.10510 - 1.10010) * 100,000 * 1.00 = 500.00.
        Assert.Equal(500.00m, book.Deals().Single(deal => deal.Ticket == close.DealTicket).Profit);
        Assert.Equal(10_500.00m, book.Account().Account.Balance);
        Assert.Equal(0m, book.Account().Margin);
        Assert.Null(book.Account().MarginLevel);
    }

    [Fact]
    public void ProfitInJpy_IsConvertedToUsdAtUsdJpyAsk()
    {
        var book = new Book();
        book.Quote("USDJPY", 150.000m, 150.010m);
        book.Buy(0.10m, "USDJPY");
        book.Quote("USDJPY", 150.510m, 150.520m);

        var close = book.Sell(0.10m, "USDJPY");

        // (150.510 - 150.010) * 100,000 * 0.10 = 5,000 JPY; 5,000 / 150.520 = 33.2182 -> 33.22 USD.
        Assert.Equal(33.22m, book.Deals().Single(deal => deal.Ticket == close.DealTicket).Profit);
    }

    [Fact]
    public void CfdMargin_IsLotsTimesContractTimesPriceWithoutLeverage()
    {
        var cfd = TestSymbols.XauUsd with { Name = "STOCK", CalcMode = SymbolCalcMode.Cfd, ContractSize = 10m, MarginRate = 0.2m, Digits = 2 };
        var book = new Book(symbols: [TestSymbols.EurUsd, TestSymbols.UsdJpy, cfd]);
        book.Quote("STOCK", 150.00m, 150.10m);

        book.Buy(1.00m, "STOCK");
        book.Quote("STOCK", 151.00m, 151.10m);

        // 1 lot * 10 * 151.10 (ask) * 0.2 = 302.20; profit (151.00 - 150.10) * 10 * 1 = 9.00.
        Assert.Equal(302.20m, book.Account().Margin);
        Assert.Equal(9.00m, book.Account().Profit);
    }

    [Fact]
    public void CfdLeverageMargin_UsesPriceContractAndLeverage()
    {
        var book = new Book();
        book.Quote("XAUUSD", 2000.00m, 2000.50m);

        book.Buy(0.10m, "XAUUSD");

        // 0.10 * 100 * 2000.50 / 100 = 200.05 USD.
        Assert.Equal(200.05m, book.Account().Margin);
    }
}
