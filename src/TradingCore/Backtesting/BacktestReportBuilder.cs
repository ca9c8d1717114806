using TradingCore.Engine.Domain;
using TradingCore.Mapping;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Backtesting;

/// <summary>
/// The report of a run from its deals, orders and the drawdown of its equity: the deals list with running balance and the
/// summary of MT5's Strategy Tester, by the definitions of docs/backtesting.md. Pure and exact (decimal): the same
/// inputs give the same report.
/// </summary>
internal static class BacktestReportBuilder
{
    public static Wire.BacktestReport Build(BacktestReportInput input)
    {
        var report = new Wire.BacktestReport
        {
            RunId = input.RunId,
            Name = input.Name,
            State = input.State,
            Symbol = input.Symbol,
            FromTimeMs = input.FromTimeMs,
            ToTimeMs = input.ToTimeMs,
            Steps = input.Steps,
        };
        var balance = 0m;
        var deposit = 0m;
        var balances = new List<decimal>();
        var trades = new List<(decimal Result, bool Long)>();
        var entryCharges = new Dictionary<ulong, decimal>();
        decimal commission = 0m, swap = 0m, net = 0m;
        foreach (var deal in input.Deals)
        {
            var wire = DealMapper.ToProto(deal);
            var isTrade = deal.Type is DealType.Buy or DealType.Sell;
            var money = deal.Profit + deal.Commission + deal.Swap + deal.Fee;
            balance += money;
            if (!isTrade && balances.Count == 0)
            {
                deposit += money; // the initial deposit (and whatever balance operations precede the first trade)
            }
            else
            {
                balances.Add(balance);
            }

            if (isTrade)
            {
                commission += deal.Commission + deal.Fee;
                swap += deal.Swap;
                net += money;
                if (deal.Entry == DealEntry.In)
                {
                    entryCharges[deal.PositionId] = entryCharges.GetValueOrDefault(deal.PositionId) + deal.Commission + deal.Fee;
                }
                else
                {
                    var entry = entryCharges.Remove(deal.PositionId, out var charges) ? charges : 0m;
                    trades.Add((deal.Profit + deal.Swap + deal.Commission + deal.Fee + entry, deal.Type == DealType.Sell));
                }
            }

            report.Deals.Add(new Wire.BacktestDeal
            {
                TimeMs = deal.TimeMs,
                Deal = deal.Ticket,
                Symbol = deal.Symbol,
                Type = wire.Type,
                Direction = wire.Entry,
                Volume = Wire.Decimal.FromDecimal(deal.Volume),
                Price = Wire.Decimal.FromDecimal(deal.Price),
                Order = deal.OrderTicket,
                Commission = Wire.Decimal.FromDecimal(deal.Commission),
                Fee = Wire.Decimal.FromDecimal(deal.Fee),
                Swap = Wire.Decimal.FromDecimal(deal.Swap),
                Profit = Wire.Decimal.FromDecimal(deal.Profit),
                Balance = Wire.Decimal.FromDecimal(balance),
                Comment = deal.Comment,
            });
        }

        report.Orders.AddRange(input.Orders.Select(OrderMapper.ToProto));
        report.Summary = Summary(deposit, balance, input.FinalEquity ?? balance, net, commission, swap, balances, input.EquityDrawdown, trades, input.Deals.Count);
        return report;
    }

    private static Wire.BacktestSummary Summary(
        decimal deposit,
        decimal finalBalance,
        decimal finalEquity,
        decimal net,
        decimal commission,
        decimal swap,
        IReadOnlyList<decimal> balances,
        DrawdownTracker equityDrawdown,
        IReadOnlyList<(decimal Result, bool Long)> trades,
        int deals)
    {
        var wins = trades.Where(trade => trade.Result > 0m).Select(trade => trade.Result).ToList();
        var losses = trades.Where(trade => trade.Result < 0m).Select(trade => trade.Result).ToList();
        var grossProfit = wins.Sum();
        var grossLoss = losses.Sum();
        var balanceDrawdown = new DrawdownTracker(deposit);
        foreach (var value in balances)
        {
            balanceDrawdown.Add(value);
        }

        var streaks = Streaks.Of(trades.Select(trade => trade.Result));
        var summary = new Wire.BacktestSummary
        {
            InitialDeposit = Money(deposit),
            FinalBalance = Money(finalBalance),
            FinalEquity = Money(finalEquity),
            TotalNetProfit = Money(net),
            GrossProfit = Money(grossProfit),
            GrossLoss = Money(grossLoss),
            ExpectedPayoff = Money(trades.Count == 0 ? 0m : Round(net / trades.Count)),
            TotalCommission = Money(commission),
            TotalSwap = Money(swap),
            BalanceDrawdownAbsolute = Money(balanceDrawdown.Absolute),
            BalanceDrawdownMaximal = Money(balanceDrawdown.Maximal),
            BalanceDrawdownMaximalPercent = Money(balanceDrawdown.MaximalPercent),
            BalanceDrawdownRelativePercent = Money(balanceDrawdown.RelativePercent),
            BalanceDrawdownRelative = Money(balanceDrawdown.Relative),
            EquityDrawdownAbsolute = Money(equityDrawdown.Absolute),
            EquityDrawdownMaximal = Money(equityDrawdown.Maximal),
            EquityDrawdownMaximalPercent = Money(equityDrawdown.MaximalPercent),
            EquityDrawdownRelativePercent = Money(equityDrawdown.RelativePercent),
            EquityDrawdownRelative = Money(equityDrawdown.Relative),
            TotalTrades = trades.Count,
            ShortTrades = trades.Count(trade => !trade.Long),
            ShortTradesWon = trades.Count(trade => !trade.Long && trade.Result > 0m),
            LongTrades = trades.Count(trade => trade.Long),
            LongTradesWon = trades.Count(trade => trade.Long && trade.Result > 0m),
            ProfitTrades = wins.Count,
            LossTrades = losses.Count,
            LargestProfitTrade = Money(wins.DefaultIfEmpty(0m).Max()),
            LargestLossTrade = Money(losses.DefaultIfEmpty(0m).Min()),
            AverageProfitTrade = Money(wins.Count == 0 ? 0m : Round(grossProfit / wins.Count)),
            AverageLossTrade = Money(losses.Count == 0 ? 0m : Round(grossLoss / losses.Count)),
            MaxConsecutiveWins = streaks.LongestWins.Count,
            MaxConsecutiveWinsMoney = Money(streaks.LongestWins.Money),
            MaxConsecutiveLosses = streaks.LongestLosses.Count,
            MaxConsecutiveLossesMoney = Money(streaks.LongestLosses.Money),
            MaximalConsecutiveProfit = Money(streaks.RichestWins.Money),
            MaximalConsecutiveProfitCount = streaks.RichestWins.Count,
            MaximalConsecutiveLoss = Money(streaks.PoorestLosses.Money),
            MaximalConsecutiveLossCount = streaks.PoorestLosses.Count,
            TotalDeals = deals,
        };
        if (grossLoss != 0m)
        {
            summary.ProfitFactor = Money(Round(grossProfit / -grossLoss));
        }

        return summary;
    }

    private static Wire.Decimal Money(decimal value) => Wire.Decimal.FromDecimal(value);

    /// <summary>Two decimals, half away from zero, as the tester prints ratios and averages.</summary>
    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>Runs of winning and losing trades (a trade of exactly 0 ends both).</summary>
    private readonly record struct Streaks((int Count, decimal Money) LongestWins, (int Count, decimal Money) LongestLosses, (int Count, decimal Money) RichestWins, (int Count, decimal Money) PoorestLosses)
    {
        public static Streaks Of(IEnumerable<decimal> results)
        {
            (int Count, decimal Money) longestWins = default, longestLosses = default, richestWins = default, poorestLosses = default, current = default;
            var sign = 0;
            foreach (var result in results.Append(0m))
            {
                var resultSign = Math.Sign(result);
                if (resultSign != sign || resultSign == 0)
                {
                    Close(sign, current, ref longestWins, ref longestLosses, ref richestWins, ref poorestLosses);
                    current = default;
                    sign = resultSign;
                }

                if (resultSign != 0)
                {
                    current = (current.Count + 1, current.Money + result);
                }
            }

            return new Streaks(longestWins, longestLosses, richestWins, poorestLosses);
        }

        private static void Close(int sign, (int Count, decimal Money) run, ref (int Count, decimal Money) longestWins, ref (int Count, decimal Money) longestLosses, ref (int Count, decimal Money) richestWins, ref (int Count, decimal Money) poorestLosses)
        {
            if (sign > 0)
            {
                longestWins = run.Count > longestWins.Count ? run : longestWins;
                richestWins = run.Money > richestWins.Money ? run : richestWins;
            }
            else if (sign < 0)
            {
                longestLosses = run.Count > longestLosses.Count ? run : longestLosses;
                poorestLosses = run.Money < poorestLosses.Money ? run : poorestLosses;
            }
        }
    }
}
