using TradingCore.Backtesting;
using TradingCore.Engine.Domain;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Tests;

/// <summary>The Strategy Tester summary from deals, worked by hand (docs/backtesting.md has the definitions).</summary>
public sealed class BacktestReportTests
{
    [Fact]
    public void FiveTrades_WinsAndLosses_GiveTheHandWorkedSummary()
    {
        // Deposit 1,000, then five positions, each opened with a commission of -2 (charged to its trade):
        // long +50, short +30, long -20, long -40, short +10.
        List<Deal> deals = [Balance(1_000m)];
        (DealType Open, decimal Profit)[] positions = [(DealType.Buy, 52m), (DealType.Sell, 32m), (DealType.Buy, -18m), (DealType.Buy, -38m), (DealType.Sell, 12m)];
        foreach (var (open, profit) in positions)
        {
            var id = (ulong)deals.Count;
            deals.Add(Trade(open, DealEntry.In, id, commission: -2m));
            deals.Add(Trade(open == DealType.Buy ? DealType.Sell : DealType.Buy, DealEntry.Out, id, profit: profit));
        }

        var drawdown = new DrawdownTracker(1_000m);
        var summary = BacktestReportBuilder.Build(new BacktestReportInput
        {
            RunId = "r1",
            Name = "hand",
            State = Wire.BacktestState.Finished,
            Symbol = "EURUSD",
            Deals = deals,
            Orders = [],
            EquityDrawdown = drawdown,
        }).Summary;

        Assert.Equal((1_030m, 30m, 90m, -60m, 1.5m, 6m), (summary.FinalBalance.ToDecimal(), summary.TotalNetProfit.ToDecimal(), summary.GrossProfit.ToDecimal(), summary.GrossLoss.ToDecimal(), summary.ProfitFactor.ToDecimal(), summary.ExpectedPayoff.ToDecimal()));
        Assert.Equal((5, 3, 1, 2, 2, 3, 2), (summary.TotalTrades, summary.LongTrades, summary.LongTradesWon, summary.ShortTrades, summary.ShortTradesWon, summary.ProfitTrades, summary.LossTrades));
        Assert.Equal((50m, -40m, 30m, -30m), (summary.LargestProfitTrade.ToDecimal(), summary.LargestLossTrade.ToDecimal(), summary.AverageProfitTrade.ToDecimal(), summary.AverageLossTrade.ToDecimal()));
        Assert.Equal((2, 80m, 2, -60m), (summary.MaxConsecutiveWins, summary.MaxConsecutiveWinsMoney.ToDecimal(), summary.MaxConsecutiveLosses, summary.MaxConsecutiveLossesMoney.ToDecimal()));
        Assert.Equal((80m, 2, -60m, 2), (summary.MaximalConsecutiveProfit.ToDecimal(), summary.MaximalConsecutiveProfitCount, summary.MaximalConsecutiveLoss.ToDecimal(), summary.MaximalConsecutiveLossCount));
        Assert.Equal(-10m, summary.TotalCommission.ToDecimal());
        // Balances after each deal: 998, 1050, 1048, 1080, 1078, 1060, 1058, 1020, 1018, 1030. The largest fall is
        // 1080 -> 1018 = 62 (62 / 1080 = 5.74 %); the lowest below the deposit is 998 (absolute 2).
        Assert.Equal((2m, 62m, 5.74m, 5.74m, 62m), (summary.BalanceDrawdownAbsolute.ToDecimal(), summary.BalanceDrawdownMaximal.ToDecimal(), summary.BalanceDrawdownMaximalPercent.ToDecimal(), summary.BalanceDrawdownRelativePercent.ToDecimal(), summary.BalanceDrawdownRelative.ToDecimal()));
    }

    [Fact]
    public void RelativeDrawdown_CanBeASmallerFallThanTheMaximal_FromALowerPeak()
    {
        var drawdown = new DrawdownTracker(100m);
        foreach (var value in new[] { 50m, 1_000m, 900m })
        {
            drawdown.Add(value);
        }

        // 100 -> 50 is 50 % (50); 1000 -> 900 is 100 money but 10 %.
        Assert.Equal((50m, 100m, 10m, 50m, 50m), (drawdown.Absolute, drawdown.Maximal, drawdown.MaximalPercent, drawdown.RelativePercent, drawdown.Relative));
    }

    private static ulong _ticket;

    private static Deal Balance(decimal amount) => new() { Ticket = ++_ticket, AccountId = 1, Type = DealType.Balance, Profit = amount, TimeMs = 1 };

    private static Deal Trade(DealType type, DealEntry entry, ulong position, decimal profit = 0m, decimal commission = 0m) => new()
    {
        Ticket = ++_ticket,
        AccountId = 1,
        Symbol = "EURUSD",
        Type = type,
        Entry = entry,
        Volume = 1m,
        Price = 1.1m,
        Profit = profit,
        Commission = commission,
        PositionId = position,
        TimeMs = 1,
    };
}
