using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Loop;
using TradingCore.Mt5Feed.Symbols;

namespace TradingCore.Benchmarks;

/// <summary>
/// Events through the engine's single-writer loop (a producer thread publishes ticks, the engine thread applies
/// them, an outbox that keeps nothing) against a bare Channel&lt;Tick&gt; pass-through of the same event between the
/// same two threads. 10,000 events per operation; the figure is per event.
/// </summary>
[MemoryDiagnoser]
public class EngineLoopBenchmarks
{
    private const int Events = 10_000;
    private readonly Tick[] _ticks = new Tick[Events];
    private TradingEngine _engine = null!;
    private Channel<Tick> _channel = null!;
    private Thread _consumer = null!;
    private SemaphoreSlim _consumed = null!;
    private volatile bool _stop;

    [GlobalSetup]
    public void Setup()
    {
        var now = 1_800_000_000_000L;
        for (var index = 0; index < Events; index++)
        {
            _ticks[index] = new Tick("EURUSD", now, 1.10000m + ((index % 100) / 100_000m), 1.10010m + ((index % 100) / 100_000m), 0, 0, 6);
        }

        var core = new EngineCore(DefaultSymbols.All, EngineSnapshot.Empty);
        core.CreateAccount(new Account { AccountId = 1, Currency = "USD", Leverage = 100, MarginMode = MarginMode.RetailNetting, Balance = 100_000m }, now);
        core.TakeEvents();
        _engine = new TradingEngine(core, new DiscardingOutbox(), new NullTickSink(), TimeProvider.System, new EngineOptions { InputCapacity = Events * 2 });
        _engine.Start();

        _channel = Channel.CreateBounded<Tick>(new BoundedChannelOptions(Events * 2) { SingleReader = true, SingleWriter = true });
        _consumed = new SemaphoreSlim(0);
        _consumer = new Thread(Consume) { IsBackground = true };
        _consumer.Start();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop = true;
        _channel.Writer.TryComplete();
        _engine.StopAsync().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "Channel<Tick> to a consumer thread (bare)")]
    public void ChannelPassThrough()
    {
        foreach (var tick in _ticks)
        {
            _channel.Writer.TryWrite(tick);
        }

        _consumed.Wait();
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "TradingEngine loop: publish + apply tick")]
    public void EngineLoop()
    {
        foreach (var tick in _ticks)
        {
            _engine.PublishTickAsync(tick, CancellationToken.None).GetAwaiter().GetResult();
        }

        // A query is answered after every tick before it: the fence that all were applied.
        _engine.QueryAsync((core, _) => 0, CancellationToken.None).GetAwaiter().GetResult();
    }

    private void Consume()
    {
        var reader = _channel.Reader;
        var count = 0;
        while (!_stop && reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (reader.TryRead(out _))
            {
                if (++count == Events)
                {
                    count = 0;
                    _consumed.Release();
                }
            }
        }
    }

    private sealed class DiscardingOutbox : IEngineOutbox
    {
        public void Enqueue(OutboxEntry entry) => entry.Reply?.Release();
    }

    private sealed class NullTickSink : ITickSink
    {
        public void Publish(in Tick tick)
        {
        }
    }
}
