using Microsoft.Extensions.Time.Testing;
using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Loop;
using TradingCore.Mt5Feed.Symbols;

namespace TradingCore.Tests.Unit;

/// <summary>
/// A started engine without a server for the lane and command tests: one hedging account (10,000 USD, 1:100) and an
/// EURUSD quote, its replies handed to <c>outbox</c>, time from a fake clock.
/// </summary>
internal static class HedgingEngine
{
    public static TradingEngine Start(long accountId, IEngineOutbox outbox)
    {
        var core = new EngineCore(DefaultSymbols.All, EngineSnapshot.Empty);
        core.CreateAccount(new Account { AccountId = accountId, Currency = "USD", Leverage = 100, MarginMode = MarginMode.RetailHedging, Balance = 10_000m }, 0);
        core.ApplyTick(new Tick("EURUSD", 0, 1.10000m, 1.10010m, 0m, 0m, Tick.FlagBid | Tick.FlagAsk), 0, out _, out _);
        core.TakeEvents();
        var engine = new TradingEngine(core, outbox, new NoTicks(), new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000)), new EngineOptions());
        engine.Start();
        return engine;
    }

    private sealed class NoTicks : ITickSink
    {
        public void Publish(in Tick tick)
        {
        }
    }
}
