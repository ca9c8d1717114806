using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using TradingCore.Engine.Commands;
using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Loop;

namespace TradingCore.Engine.Tests;

public sealed class TradingEngineLoopTests
{
    private sealed class HeldOutbox : IEngineOutbox
    {
        public BlockingCollection<OutboxEntry> Entries { get; } = [];

        public void Enqueue(OutboxEntry entry) => Entries.Add(entry);
    }

    private sealed class RecordingSink : ITickSink
    {
        public ConcurrentQueue<Tick> Ticks { get; } = new();

        public void Publish(in Tick tick) => Ticks.Enqueue(tick);
    }

    private static (TradingEngine Engine, HeldOutbox Outbox, RecordingSink Sink) Start()
    {
        var core = new EngineCore(TestSymbols.All, EngineSnapshot.Empty);
        core.CreateAccount(Book.Account(Book.Netting, MarginMode.RetailNetting, 10_000m), 0);
        core.TakeEvents();
        var outbox = new HeldOutbox();
        var sink = new RecordingSink();
        var engine = new TradingEngine(core, outbox, sink, new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000)), new EngineOptions());
        engine.Start();
        return (engine, outbox, sink);
    }

    [Fact]
    public async Task ExecuteAsync_ReplyWaitsUntilTheOutboxReleasesIt()
    {
        var (engine, outbox, _) = Start();
        await engine.PublishTickAsync(new Tick("EURUSD", 0, 1.10000m, 1.10010m, 0, 0, 6), CancellationToken.None);
        var request = new OrderRequest { AccountId = Book.Netting, ClientOrderId = "a", Symbol = "EURUSD", Type = OrderType.Buy, Volume = 0.1m };

        var reply = engine.ExecuteAsync((core, now) => core.Submit(request, now), CancellationToken.None);
        Assert.True(outbox.Entries.TryTake(out var entry, TimeSpan.FromSeconds(10)));
        Assert.NotEmpty(entry.Events);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(reply.IsCompleted);

        entry.Reply!.Release();

        Assert.Equal(TradeRetcode.Done, (await reply.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).Retcode);
        await engine.StopAsync();
    }

    [Fact]
    public async Task TheEngineClock_NeverRunsBackwards_NorEarlierThanWhatWasStored()
    {
        var clock = new WallClock { Now = DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000) };
        var core = new EngineCore(TestSymbols.All, EngineSnapshot.Empty with { LastTimeMs = 1_767_225_700_000 });
        var engine = new TradingEngine(core, new ReleasingOutbox(), new RecordingSink(), clock, new EngineOptions());
        engine.Start();

        // Stored history is newer than the wall clock (it was stepped back while the core was down).
        var first = await engine.QueryAsync((_, now) => now, CancellationToken.None);
        clock.Now += TimeSpan.FromSeconds(200);
        var later = await engine.QueryAsync((_, now) => now, CancellationToken.None);
        clock.Now = DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_650_000);
        var afterStepBack = await engine.QueryAsync((_, now) => now, CancellationToken.None);

        Assert.Equal(1_767_225_700_000, first);
        Assert.Equal(1_767_225_800_000, later);
        Assert.Equal(1_767_225_800_000, afterStepBack);
        await engine.StopAsync();
    }

    /// <summary>A wall clock that can be stepped back, as NTP may do.</summary>
    private sealed class WallClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class ReleasingOutbox : IEngineOutbox
    {
        public void Enqueue(OutboxEntry entry) => entry.Reply?.Release();
    }

    [Fact]
    public async Task QueryAsync_RepliesWithoutTheOutbox()
    {
        var (engine, _, _) = Start();

        var account = await engine.QueryAsync((core, now) => core.GetAccount(Book.Netting, now), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(10_000m, account!.Account.Balance);
        await engine.StopAsync();
    }

    [Fact]
    public async Task Ticks_ArePublishedWithPerSymbolSequence()
    {
        var (engine, _, sink) = Start();
        await engine.PublishTickAsync(new Tick("EURUSD", 0, 1.1m, 1.1001m, 0, 0, 6), CancellationToken.None);
        await engine.PublishTickAsync(new Tick("USDJPY", 0, 150m, 150.01m, 0, 0, 6), CancellationToken.None);
        await engine.PublishTickAsync(new Tick("EURUSD", 0, 1.1001m, 1.1002m, 0, 0, 6), CancellationToken.None);
        await engine.PublishTickAsync(new Tick("NOPE", 0, 1m, 1m, 0, 0, 6), CancellationToken.None);

        await engine.StopAsync();

        // Per symbol in arrival order; ticks of different symbols published back to back may be applied grouped by symbol.
        Assert.Equal(["EURUSD:1:1.1", "EURUSD:2:1.1001"], sink.Ticks.Where(tick => tick.Symbol == "EURUSD").Select(tick => $"{tick.Symbol}:{tick.Sequence}:{tick.Bid}"));
        Assert.Equal(["USDJPY:1"], sink.Ticks.Where(tick => tick.Symbol == "USDJPY").Select(tick => $"{tick.Symbol}:{tick.Sequence}"));
    }

    [Fact]
    public async Task TickFlood_ConflatesYetFiresWhatTheFloodReachedAndCommandsDoNotWaitBehindIt()
    {
        var (engine, outbox, sink) = Start();
        _ = Task.Run(() => ReleaseDurableReplies(outbox), TestContext.Current.CancellationToken);
        await engine.PublishTickAsync(new Tick("EURUSD", 0, 1.10000m, 1.10010m, 0, 0, 6), CancellationToken.None);
        var limit = await engine.ExecuteAsync(
            (core, now) => core.Submit(new OrderRequest { AccountId = Book.Netting, ClientOrderId = "limit", Symbol = "EURUSD", Type = OrderType.BuyLimit, Volume = 0.1m, Price = 1.09500m }, now),
            CancellationToken.None);
        Assert.Equal(TradeRetcode.Placed, limit.Retcode);

        // The engine thread is held while 100,000 ticks arrive; one of them, in the middle, reaches the limit.
        using var gate = new ManualResetEventSlim();
        var held = engine.QueryAsync((_, _) => gate.Wait(TimeSpan.FromSeconds(30)), CancellationToken.None);
        for (var i = 0; i < 100_000; i++)
        {
            var bid = i == 50_000 ? 1.09480m : 1.10000m + (i % 7) * 0.00001m;
            var publish = engine.PublishTickAsync(new Tick("EURUSD", i, bid, bid + 0.00010m, 0, 0, 6), CancellationToken.None);
            Assert.True(publish.IsCompletedSuccessfully); // a flood never blocks the feed
        }

        Assert.True(engine.QueueDepth <= 2, $"queue depth {engine.QueueDepth}: the flood must not queue");
        var market = engine.ExecuteAsync(
            (core, now) => core.Submit(new OrderRequest { AccountId = Book.Netting, ClientOrderId = "market", Symbol = "EURUSD", Type = OrderType.Sell, Volume = 0.1m }, now),
            CancellationToken.None);
        gate.Set();
        Assert.True(await held.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        var sold = await market.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var filled = await engine.QueryAsync((core, _) => core.FindOrder(Book.Netting, 0, "limit"), CancellationToken.None);
        Assert.Equal(OrderState.Filled, filled!.State);
        Assert.Equal(1.09490m, filled.PriceFilled); // the ask of the one tick that reached it
        Assert.Equal(1.10000m + (99_999 % 7) * 0.00001m, sold.Price); // the command ran after the whole flood: at the newest bid
        Assert.True(sink.Ticks.Count <= 1 + TickRun.ExactCapacity + 5, $"{sink.Ticks.Count} ticks applied: the run's first {TickRun.ExactCapacity}, then its highs, lows and newest");
        Assert.Equal(100_001 - sink.Ticks.Count, engine.ConflatedTicks);
        await engine.StopAsync();
        outbox.Entries.CompleteAdding();
    }

    private static void ReleaseDurableReplies(HeldOutbox outbox)
    {
        foreach (var entry in outbox.Entries.GetConsumingEnumerable())
        {
            entry.Reply?.Release();
        }
    }

    [Fact]
    public async Task Halt_RefusesFurtherCommands()
    {
        var (engine, _, _) = Start();

        engine.Halt(new InvalidOperationException("disk gone"));

        await Assert.ThrowsAsync<EngineUnavailableException>(() => engine.QueryAsync((core, _) => core.LastSequence, CancellationToken.None));
        await engine.StopAsync();
        Assert.False(engine.IsRunning);
    }

    [Fact]
    public async Task StopAsync_DrainsCommandsAlreadyQueued()
    {
        var (engine, outbox, _) = Start();
        var replies = Enumerable.Range(0, 100)
            .Select(index => engine.QueryAsync((core, _) => index, CancellationToken.None))
            .ToList();

        await engine.StopAsync();

        var results = await Task.WhenAll(replies).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(Enumerable.Range(0, 100), results);
        Assert.Empty(outbox.Entries);
    }
}
