using TradingCore.Engine.Domain;
using TradingCore.Engine.Events;

namespace TradingCore.Engine.Tests;

/// <summary>
/// Margin call and stop-out levels in percent and in money (MT5 ACCOUNT_MARGIN_SO_MODE), worked by hand. A USD
/// netting account with 1,000.00 buys 0.80 EURUSD at the ask 1.10010 (leverage 100: 800 EUR of margin, converted at
/// the bid). At bid 1.10000: equity 1,000 − 8.00 = 992.00, margin 880.00, level 112.7 %.
/// </summary>
public sealed class MarginCallTests
{
    private const long Account = 77;

    [Fact]
    public void PercentMode_CrossingTheMarginCallLevel_IsAnAccountEventEachWay()
    {
        var book = Opened(StopOutMode.Percent, marginCall: 100m, stopOut: 50m);

        // Bid 1.09800: profit (1.09800 − 1.10010) × 80,000 = −168.00, equity 832.00, margin 878.40: level 94.7 % < 100.
        book.Quote("EURUSD", 1.09800m, 1.09810m);
        Assert.Equal([true], MarginCallChanges(book));
        Assert.True(book.Account(Account).Account.MarginCall);

        // Back at 1.10000: 112.7 % again, the margin call ends.
        book.Events.Clear();
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        Assert.Equal([false], MarginCallChanges(book, from: true));
        Assert.False(book.Account(Account).Account.MarginCall);
    }

    [Fact]
    public void MoneyMode_ComparesEquity_AndStopsOutWhereAPercentLevelWouldNot()
    {
        // Margin call below 900.00 of equity, stop-out below 600.00.
        var book = Opened(StopOutMode.Money, marginCall: 900m, stopOut: 600m);

        book.Quote("EURUSD", 1.09800m, 1.09810m);     // equity 832.00 < 900: margin call
        Assert.Equal([true], MarginCallChanges(book));
        Assert.Single(book.Positions(Account));

        // Bid 1.09500: profit −408.00, equity 592.00 < 600: stopped out (a 50 % level would not: 592 / 876 = 67.6 %).
        // The close books −408.00: balance 592.00, no margin in use, so the margin call ends.
        book.Events.Clear();
        book.Quote("EURUSD", 1.09500m, 1.09510m);
        Assert.Empty(book.Positions(Account));
        var stopOut = Assert.Single(book.Deals(Account), deal => deal.Reason == TradeReason.StopOut);
        Assert.Equal(-408.00m, stopOut.Profit);
        Assert.Equal(592.00m, book.Account(Account).Account.Balance);
        Assert.Equal([false], MarginCallChanges(book, from: true));
    }

    [Fact]
    public void ATradeThatLowersTheLevel_EntersTheMarginCallAtOnce()
    {
        var book = Opened(StopOutMode.Percent, marginCall: 150m, stopOut: 50m);

        // The opening trade itself left the level at 112.7 % < 150 %: the account entered margin call with its fill.
        Assert.True(book.Account(Account).Account.MarginCall);
        Assert.Equal([true], MarginCallChanges(book));
    }

    private static Book Opened(StopOutMode mode, decimal marginCall, decimal stopOut)
    {
        var book = new Book();
        book.Run((core, now) => core.CreateAccount(new Account { AccountId = Account, Currency = "USD", Leverage = 100, MarginMode = MarginMode.RetailNetting, Balance = 1_000m, StopOutMode = mode, MarginCallLevel = marginCall, StopOutLevel = stopOut }, now));
        book.Quote("EURUSD", 1.10000m, 1.10010m);
        Assert.Equal(TradeRetcode.Done, book.Buy(0.80m, account: Account).Retcode);
        Assert.Equal((992.00m, 880.00m), (book.Account(Account).Equity, book.Account(Account).Margin));
        return book;
    }

    /// <summary>The margin-call flags the account's events changed to, in order, starting from <paramref name="from"/>.</summary>
    private static List<bool> MarginCallChanges(Book book, bool from = false)
    {
        var changes = new List<bool>();
        foreach (var update in book.Events.OfType<AccountEvent>().Where(e => e.AccountId == Account))
        {
            if (update.Snapshot.Account.MarginCall != from)
            {
                from = update.Snapshot.Account.MarginCall;
                changes.Add(from);
            }
        }

        return changes;
    }
}
