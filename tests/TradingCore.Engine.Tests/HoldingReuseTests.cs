using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Tests;

/// <summary>
/// The engine keeps emptied holdings for the next opening (<see cref="Holding.Reset"/>). A reset holding must be
/// indistinguishable from a new one: same sums, same cached-profit state, same bound terms, same order of positions.
/// </summary>
public sealed class HoldingReuseTests
{
    [Fact]
    public void AResetHolding_BehavesAsANewOne_ThroughARandomHistory()
    {
        var random = new Random(4242);
        for (var round = 0; round < 200; round++)
        {
            // A used holding: positions of one symbol joined and left (several entries freed in its table), a cached
            // profit and bound terms computed, then emptied.
            var used = new Holding(TestSymbols.XauUsd.Name);
            var history = RandomPositions(random, TestSymbols.XauUsd, 2, 12);
            foreach (var position in history)
            {
                used.Add(position);
            }

            Assert.NotNull(used.SummedProfit(TestSymbols.XauUsd, 2_000.10m, 2_000.40m, 2));
            used.BoundTerms(TestSymbols.XauUsd);
            (used.Profit, used.ProfitVersion, used.ProfitRate) = (12.34m, 7, 1.1m);
            foreach (var position in history.OrderBy(_ => random.Next()))
            {
                used.Remove(position);
            }

            used.Reset(TestSymbols.EurUsd.Name);
            var fresh = new Holding(TestSymbols.EurUsd.Name);
            Assert.Equal(Describe(fresh, TestSymbols.EurUsd), Describe(used, TestSymbols.EurUsd));

            // The same later history in both: every step reads the same.
            var open = new List<Position>();
            foreach (var position in RandomPositions(random, TestSymbols.EurUsd, 1_000, 1 + random.Next(15)))
            {
                if (open.Count > 0 && random.Next(3) == 0)
                {
                    var leaving = open[random.Next(open.Count)];
                    open.Remove(leaving);
                    used.Remove(leaving);
                    fresh.Remove(leaving);
                }

                open.Add(position);
                used.Add(position);
                fresh.Add(position);
                Assert.Equal(Describe(fresh, TestSymbols.EurUsd), Describe(used, TestSymbols.EurUsd));
            }
        }
    }

    [Fact]
    public void AHoldingWithPositions_IsNotReset()
    {
        var holding = new Holding(TestSymbols.EurUsd.Name);
        holding.Add(RandomPositions(new Random(1), TestSymbols.EurUsd, 1, 1)[0]);

        Assert.Throws<InvalidOperationException>(() => holding.Reset(TestSymbols.XauUsd.Name));
    }

    private static string Describe(Holding holding, SymbolSpec spec) => string.Join(
        " | ",
        holding.Symbol,
        string.Join(",", holding.Positions.Keys),
        holding.Buys, holding.Sells, holding.BuyValue, holding.SellValue, holding.Swap,
        holding.Profit, holding.ProfitState, holding.ProfitVersion, holding.ProfitRate,
        holding.SummedProfit(spec, 1.08512m, 1.08527m, 2)?.ToString() ?? "none",
        holding.BoundTerms(spec));

    private static List<Position> RandomPositions(Random random, SymbolSpec spec, ulong firstTicket, int count)
    {
        var positions = new List<Position>();
        for (var i = 0; i < count; i++)
        {
            var ticket = firstTicket + (ulong)i;
            positions.Add(new Position
            {
                Ticket = ticket,
                Identifier = ticket,
                AccountId = 1,
                Symbol = spec.Name,
                Type = random.Next(2) == 0 ? PositionType.Buy : PositionType.Sell,
                Volume = random.Next(1, 500) / 100m,
                PriceOpen = spec == TestSymbols.EurUsd ? 1m + (random.Next(0, 200_000) / 100_000m) : 1_000m + (random.Next(0, 200_000) / 100m),
                Swap = random.Next(-500, 500) / 100m,
                TimeMs = 0,
                TimeUpdateMs = 0,
            });
        }

        return positions;
    }
}
