using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Tests;

/// <summary>
/// A holding's floating profit from its kept sums is exactly the sum of its positions' profits, each rounded to the
/// account currency as MT5 shows them, whenever the sums give an answer at all; and they do in the common case.
/// </summary>
public sealed class ProfitSumsPropertyTests
{
    private static readonly SymbolSpec[] Specs =
    [
        TestSymbols.EurUsd,
        TestSymbols.XauUsd,
        TestSymbols.EurUsd with { Name = "CFD1", CalcMode = SymbolCalcMode.Cfd, ContractSize = 1m },
        TestSymbols.EurUsd with { Name = "CFD01", CalcMode = SymbolCalcMode.Cfd, ContractSize = 0.1m },
        TestSymbols.EurUsd with { Name = "ODD", ContractSize = 3m },
        TestSymbols.EurUsd with { Name = "FUT", CalcMode = SymbolCalcMode.Futures, TickSize = 0.25m, TickValue = 12.5m },
    ];

    [Fact]
    public void SummedProfit_IsExactlyTheSumOfRoundedProfits_WheneverItAnswers()
    {
        var random = new Random(1919);
        var answered = 0;
        var checks = 0;
        var realisticAnswered = 0;
        var realisticChecks = 0;
        for (var round = 0; round < 400; round++)
        {
            // Half the rounds are what a desk trades (EURUSD at 5 decimals, XAUUSD at 2, lots in 0.01 steps, a USD
            // account with cents); the others mix odd contracts, volumes, price decimals and currency digits.
            var realistic = round % 2 == 0;
            var spec = realistic ? (random.Next(2) == 0 ? TestSymbols.EurUsd : TestSymbols.XauUsd) : Specs[random.Next(Specs.Length)];
            var digits = realistic ? 2 : random.Next(4) switch { 0 => 0, 1 => 3, _ => 2 };
            var priceDecimals = spec == TestSymbols.EurUsd ? 5 : 2;
            var holding = new Holding(spec.Name);
            var positions = new List<Position>();
            ulong ticket = 1;
            for (var step = 0; step < 60; step++)
            {
                if (positions.Count > 0 && random.Next(3) == 0)
                {
                    var leaving = positions[random.Next(positions.Count)];
                    positions.Remove(leaving);
                    holding.Remove(leaving);
                }
                else
                {
                    var position = new Position
                    {
                        Ticket = ticket,
                        Identifier = ticket++,
                        AccountId = 1,
                        Symbol = spec.Name,
                        Type = random.Next(2) == 0 ? PositionType.Buy : PositionType.Sell,
                        Volume = !realistic && random.Next(5) == 0 ? random.Next(1, 5000) / 1000m : random.Next(1, 500) / 100m,
                        PriceOpen = realistic ? Quote(random, priceDecimals) : Price(random),
                        TimeMs = 0,
                        TimeUpdateMs = 0,
                    };
                    positions.Add(position);
                    holding.Add(position);
                }

                var bid = realistic ? Quote(random, priceDecimals) : Price(random);
                var ask = bid + (realistic ? random.Next(1, 50) * (spec == TestSymbols.EurUsd ? 0.00001m : 0.01m) : random.Next(1, 50) / 100_000m);
                var summed = holding.SummedProfit(spec, bid, ask, digits);
                checks++;
                realisticChecks += realistic ? 1 : 0;
                if (summed is not { } value)
                {
                    continue;
                }

                answered++;
                realisticAnswered += realistic ? 1 : 0;
                var expected = 0m;
                foreach (var position in positions)
                {
                    var close = position.IsBuy ? bid : ask;
                    var money = DecimalMath.RoundMoney(PositionMath.Profit(spec, position.IsBuy, position.Volume, position.PriceOpen, close), digits);
                    Assert.True(ValueRanges.IsBookable(money));
                    expected += money;
                }

                Assert.Equal(expected, value);
                Assert.NotEqual(SymbolCalcMode.Futures, spec.CalcMode);
            }
        }

        Assert.Equal(realisticChecks, realisticAnswered);
        Assert.True(answered > realisticAnswered, "the odd rounds never answered: they test nothing");
    }

    /// <summary>A quote with the symbol's decimals around 1.0-3.0 (EURUSD-like) or 1,000-3,000 (gold-like).</summary>
    private static decimal Quote(Random random, int decimals) =>
        decimals == 5 ? 1m + (random.Next(0, 200_000) / 100_000m) : 1_000m + (random.Next(0, 200_000) / 100m);

    /// <summary>Prices with 1 to 5 decimals, sometimes 8 (then the sums usually cannot answer).</summary>
    private static decimal Price(Random random)
    {
        var decimals = random.Next(10) == 0 ? 8 : random.Next(1, 6);
        var scale = (decimal)Math.Pow(10, decimals);
        return Math.Round(1m + (random.Next(0, 2_000_000) / 1_000_000m), decimals) + (random.Next(0, 10) / scale);
    }
}
