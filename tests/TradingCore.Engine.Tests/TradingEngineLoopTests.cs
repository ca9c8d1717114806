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

        Assert.Equal(["EURUSD:1", "USDJPY:1", "EURUSD:2"], sink.Ticks.Select(tick => $"{tick.Symbol}:{tick.Sequence}"));
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
