using TradingCore.Engine.Commands;
using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Events;

namespace TradingCore.Engine.Tests;

/// <summary>
/// A tick checks only the accounts whose screening band it leaves. These random books (USD and EUR accounts,
/// netting and hedging, direct and cross-converted symbols, deposits and withdrawals, large and small moves,
/// accounts held close to their stop-out level) check the rule the screening must keep: after every tick, no
/// account holding the ticked symbol is left below its stop-out level, and only accounts that held it were stopped out.
/// </summary>
public sealed class StopOutScreeningPropertyTests
{
    private static readonly SymbolSpec EurJpy = TestSymbols.UsdJpy with { Name = "EURJPY", CurrencyBase = "EUR", CurrencyMargin = "EUR" };

    private static readonly SymbolSpec[] Symbols = [.. TestSymbols.All, EurJpy];

    private static readonly Dictionary<string, (decimal Mid, decimal Tick)> Markets = new()
    {
        ["EURUSD"] = (1.08000m, 0.00001m),
        ["USDJPY"] = (150.000m, 0.001m),
        ["EURJPY"] = (162.000m, 0.001m),
        ["XAUUSD"] = (2000.00m, 0.01m),
    };

    [Fact]
    public void RandomBooks_NoAccountHoldingTheTickedSymbolIsLeftBelowStopOut()
    {
        var stopOuts = 0;
        for (var seed = 1; seed <= 40; seed++)
        {
            stopOuts += Run(seed);
        }

        Assert.True(stopOuts > 100, $"the sequences should stop accounts out often ({stopOuts})");
    }

    [Fact]
    public void AConversionQuoteThatMovesTheStopOutPoint_IsNoticedOnTheHeldSymbolsNextTick()
    {
        // USD account, 1:100, holds 1 lot EURJPY: margin 100,000 / 100 = 1,000 EUR = 1,080.00 USD at EURUSD 1.08.
        // Balance 1,188 puts the margin level at 110% against a stop-out level of 100%. EURUSD rising to 1.20 makes
        // the margin 1,200.00 USD (level 99%): the next EURJPY tick, one point away, must stop the account out.
        var now = 1_767_225_600_000L;
        var core = new EngineCore(Symbols, EngineSnapshot.Empty);
        core.ApplyTick(new Tick("EURUSD", now, 1.08000m, 1.08000m, 0m, 0m, 6), now, out _);
        core.ApplyTick(new Tick("USDJPY", now, 150.000m, 150.000m, 0m, 0m, 6), now, out _);
        core.ApplyTick(new Tick("EURJPY", now, 162.000m, 162.000m, 0m, 0m, 6), now, out _);
        core.CreateAccount(new Account { AccountId = 7, Currency = "USD", Leverage = 100, MarginMode = MarginMode.RetailHedging, Balance = 1188m, StopOutLevel = 100m }, now);
        var bought = core.Submit(new OrderRequest { AccountId = 7, ClientOrderId = "b", Symbol = "EURJPY", Type = OrderType.Buy, Volume = 1m }, now);
        Assert.Equal(TradeRetcode.Done, bought.Retcode);
        core.ApplyTick(new Tick("EURJPY", now + 1, 162.000m, 162.000m, 0m, 0m, 6), now + 1, out _); // checked and screened
        Assert.Equal(110.00m, core.GetAccount(7, now + 1)!.MarginLevel);

        core.ApplyTick(new Tick("EURUSD", now + 2, 1.20000m, 1.20000m, 0m, 0m, 6), now + 2, out _);
        Assert.Single(core.ListPositions(7, null)!); // a conversion quote alone does not stop out (as before screening)
        core.TakeEvents();
        core.ApplyTick(new Tick("EURJPY", now + 3, 162.001m, 162.001m, 0m, 0m, 6), now + 3, out _);

        Assert.Contains(core.TakeEvents().OfType<DealEvent>(), e => e.Deal.Reason == TradeReason.StopOut && e.Deal.AccountId == 7);
        Assert.Empty(core.ListPositions(7, null)!);
    }

    private static int Run(int seed)
    {
        var random = new Random(seed);
        var now = 1_767_225_600_000L;
        var core = new EngineCore(Symbols, EngineSnapshot.Empty);
        var mids = Markets.ToDictionary(pair => pair.Key, pair => pair.Value.Mid);
        foreach (var symbol in Markets.Keys)
        {
            Quote(core, symbol, mids[symbol], random, ref now);
        }

        var accounts = Enumerable.Range(1, 30).Select(i => (long)i).ToArray();
        foreach (var id in accounts)
        {
            core.CreateAccount(
                new Account
                {
                    AccountId = id,
                    Currency = random.Next(3) == 0 ? "EUR" : "USD",
                    Leverage = random.Next(1, 6) * 100,
                    MarginMode = random.Next(2) == 0 ? MarginMode.RetailHedging : MarginMode.RetailNetting,
                    Balance = random.Next(500, 5000),
                    StopOutLevel = random.Next(2, 10) * 10m,
                },
                now);
        }

        var stopOuts = 0;
        var orders = 0;
        for (var step = 0; step < 400; step++)
        {
            var action = random.Next(20);
            if (action < 11)
            {
                var symbol = Markets.Keys.ElementAt(random.Next(Markets.Count));
                var kind = random.Next(10);
                var tick = Markets[symbol].Tick;
                mids[symbol] = kind < 4
                    ? mids[symbol] + random.Next(-2, 3) * tick // within most bands: the held symbol's quote barely moves
                    : Math.Max(tick * 100, Math.Round(mids[symbol] * (1m + (kind < 9 ? random.Next(-40, 41) : random.Next(-500, 501)) / 10_000m) / tick) * tick);
                var held = accounts.Where(id => core.ListPositions(id, symbol)!.Count > 0).ToHashSet();
                core.TakeEvents();
                Quote(core, symbol, mids[symbol], random, ref now);
                var stoppedOut = core.TakeEvents().OfType<DealEvent>().Where(e => e.Deal.Reason == TradeReason.StopOut).Select(e => e.Deal.AccountId).ToList();
                stopOuts += stoppedOut.Count;
                Assert.All(stoppedOut, id => Assert.True(held.Contains(id), $"seed {seed} step {step}: account {id} stopped out on {symbol} it did not hold"));
                foreach (var id in accounts.Where(id => core.ListPositions(id, symbol)!.Count > 0))
                {
                    var snapshot = core.GetAccount(id, now)!;
                    Assert.False(
                        snapshot.Pricing != PriceState.Missing && snapshot.Margin > 0m && snapshot.Equity * 100m < snapshot.Account.StopOutLevel * snapshot.Margin,
                        $"seed {seed} step {step}: account {id} left at margin level {snapshot.MarginLevel}% (stop-out {snapshot.Account.StopOutLevel}%) after a tick of {symbol}");
                }
            }
            else if (action < 18)
            {
                var symbol = Markets.Keys.ElementAt(random.Next(Markets.Count));
                var volume = random.Next(1, 80) * 0.01m;
                now += 10;
                core.Submit(
                    new OrderRequest
                    {
                        AccountId = accounts[random.Next(accounts.Length)],
                        ClientOrderId = $"o{++orders}",
                        Symbol = symbol,
                        Type = random.Next(2) == 0 ? OrderType.Buy : OrderType.Sell,
                        Volume = volume,
                    },
                    now);
            }
            else
            {
                now += 10;
                core.ChangeBalance(accounts[random.Next(accounts.Length)], random.Next(-800, 1500), "move", now);
            }

            var problems = core.InternalStateProblems();
            Assert.True(problems.Count == 0, $"seed {seed} step {step}: {string.Join("; ", problems)}");
        }

        return stopOuts;
    }

    private static void Quote(EngineCore core, string symbol, decimal mid, Random random, ref long now)
    {
        now += 1000;
        var spread = random.Next(1, 20) * Markets[symbol].Tick;
        Assert.True(core.ApplyTick(new Tick(symbol, now, mid, mid + spread, 0m, 0m, 6), now, out _));
    }
}
