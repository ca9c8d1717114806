using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Tests;

/// <summary>
/// Hedged margin through the engine (docs/accounting.md "Hedged margin"): a hedging account's margin per symbol in
/// the basic mode and the largest-leg mode, as positions open and close; the numbers are worked in the comments.
/// EURUSD at 1.10000 / 1.10010, leverage 100, contract 100,000: one lot needs 1,000 EUR = 1,100.00 USD.
/// </summary>
public sealed class HedgedMarginTests
{
    [Fact]
    public void Basic_WithoutMarginHedged_ChargesTheCoveredLotOnce()
    {
        var book = Quoted(spec => spec);

        Buy(book, 1.00m);
        Assert.Equal(1_100.00m, book.Account(Book.Hedging).Margin);
        Sell(book, 1.00m);    // covered 1 lot at the contract size, once: still 1,100.00 (not 2,200.00)
        Assert.Equal(1_100.00m, book.Account(Book.Hedging).Margin);
        Sell(book, 0.50m);    // uncovered 0.50 (550.00) + covered 1.00 (1,100.00)
        Assert.Equal(1_650.00m, book.Account(Book.Hedging).Margin);
    }

    [Fact]
    public void Basic_WithMarginHedgedZero_MakesCoveredVolumeFree()
    {
        var book = Quoted(spec => spec with { MarginHedged = 0m });

        Buy(book, 2.00m);
        Assert.Equal(2_200.00m, book.Account(Book.Hedging).Margin);
        Sell(book, 1.50m);    // uncovered 0.50 = 550.00, covered 1.50 free
        Assert.Equal(550.00m, book.Account(Book.Hedging).Margin);
    }

    [Fact]
    public void LargestLeg_ChargesTheLargerSide()
    {
        var book = Quoted(spec => spec with { MarginHedgedUseLeg = true, MarginHedged = 0m });

        Buy(book, 0.40m);
        Sell(book, 1.00m);    // max(440.00, 1,100.00)
        Assert.Equal(1_100.00m, book.Account(Book.Hedging).Margin);
    }

    [Fact]
    public void ATradeThatFullyCoversAPosition_NeedsNoFreeMarginInTheBasicModeWithFreeCover()
    {
        // Balance 1,200: one lot (1,100.00) fits, a second uncovered lot would not (2,200.00 > equity). Selling one
        // lot against the long costs nothing when covered volume is free, so it is accepted.
        var book = Quoted(spec => spec with { MarginHedged = 0m }, balance: 1_200m);

        Buy(book, 1.00m);
        Assert.Equal(TradeRetcode.NoMoney, book.Buy(1.00m, account: Book.Hedging).Retcode);
        Sell(book, 1.00m);
        Assert.Equal(0.00m, book.Account(Book.Hedging).Margin);
    }

    private static Book Quoted(Func<SymbolSpec, SymbolSpec> change, decimal balance = 100_000m)
    {
        var book = new Book(balance, [change(TestSymbols.EurUsd), TestSymbols.UsdJpy, TestSymbols.XauUsd]);
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        return book;
    }

    private static void Buy(Book book, decimal volume) => Assert.Equal(TradeRetcode.Done, book.Buy(volume, account: Book.Hedging).Retcode);

    private static void Sell(Book book, decimal volume) => Assert.Equal(TradeRetcode.Done, book.Sell(volume, account: Book.Hedging).Retcode);
}
