using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using TradingCore.Engine.Commands;
using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;
using TradingCore.Mt5Feed.Symbols;

namespace TradingCore.Benchmarks;

/// <summary>
/// Tick application in the engine (sequence stamp, pending-order and SL/TP trigger checks with 100 resting
/// orders and 10 positions on the symbol) against the bare primitive: one tick through a Channel&lt;Tick&gt;.
/// </summary>
[MemoryDiagnoser]
public class EngineTickBenchmarks
{
    private readonly Channel<Tick> _channel = Channel.CreateBounded<Tick>(new BoundedChannelOptions(1024) { SingleReader = true, SingleWriter = true });
    private EngineCore _core = null!;
    private Tick _up;
    private Tick _down;
    private long _now = 1_800_000_000_000;

    [GlobalSetup]
    public void Setup()
    {
        _core = new EngineCore(DefaultSymbols.All, EngineSnapshot.Empty);
        _core.CreateAccount(new Account { AccountId = 1, Currency = "USD", Leverage = 100, MarginMode = MarginMode.RetailHedging, Balance = 10_000_000m }, _now);
        _core.ApplyTick(new Tick("EURUSD", _now, 1.10000m, 1.10010m, 0, 0, 6), _now, out _);
        for (var index = 0; index < 100; index++)
        {
            _core.Submit(new OrderRequest { AccountId = 1, ClientOrderId = $"l{index}", Symbol = "EURUSD", Type = OrderType.BuyLimit, Volume = 0.01m, Price = 1.05000m - index * 0.00010m }, _now);
        }

        for (var index = 0; index < 10; index++)
        {
            _core.Submit(new OrderRequest { AccountId = 1, ClientOrderId = $"m{index}", Symbol = "EURUSD", Type = OrderType.Buy, Volume = 0.01m, StopLoss = 1.00000m, TakeProfit = 1.20000m }, _now);
        }

        _core.TakeEvents();
        _up = new Tick("EURUSD", _now, 1.10001m, 1.10011m, 0, 0, 6);
        _down = new Tick("EURUSD", _now, 1.10000m, 1.10010m, 0, 0, 6);
    }

    [Benchmark(Baseline = true, Description = "Channel<Tick> write+read (bare primitive)")]
    public decimal ChannelPassThrough()
    {
        _channel.Writer.TryWrite(_up);
        _channel.Reader.TryRead(out var tick);
        return tick.Bid;
    }

    [Benchmark(Description = "EngineCore.ApplyTick (100 pendings, 10 positions)")]
    public ulong EngineApplyTick()
    {
        _now++;
        _core.ApplyTick((_now & 1) == 0 ? _up : _down, _now, out var accepted);
        return accepted.Sequence;
    }
}
