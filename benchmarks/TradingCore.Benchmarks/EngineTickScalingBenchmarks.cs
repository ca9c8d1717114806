using BenchmarkDotNet.Attributes;
using TradingCore.Engine.Commands;
using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;
using TradingCore.Mt5Feed.Symbols;

namespace TradingCore.Benchmarks;

/// <summary>
/// Issue 19: the cost of a tick as the accounts holding its symbol grow. Ticks walk ±50 points around 1.10000
/// (a normal market: stop-out bands far from the quote are not crossed).
/// </summary>
[MemoryDiagnoser]
public class EngineTickScalingBenchmarks
{
    private EngineCore _core = null!;
    private long _now = 1_800_000_000_000;
    private int _step;

    /// <summary>Accounts each holding one 0.01-lot EURUSD position.</summary>
    [Params(0, 10, 1_000, 10_000)]
    public int Holders { get; set; }

    [GlobalSetup]
    public void SetupHolders()
    {
        _core = new EngineCore(DefaultSymbols.All, EngineSnapshot.Empty);
        _core.ApplyTick(new Tick("EURUSD", _now, 1.10000m, 1.10010m, 0, 0, 6), _now, out _);
        for (var id = 1; id <= Holders; id++)
        {
            _core.CreateAccount(new Account { AccountId = id, Currency = "USD", Leverage = 100, MarginMode = MarginMode.RetailHedging, Balance = 10_000m }, _now);
            _core.Submit(new OrderRequest { AccountId = id, ClientOrderId = "h", Symbol = "EURUSD", Type = id % 2 == 0 ? OrderType.Buy : OrderType.Sell, Volume = 0.01m }, _now);
        }

        _core.TakeEvents();
    }

    [Benchmark(Description = "ApplyTick, N accounts holding the symbol")]
    public ulong TickWithHolders() => Tick();

    private ulong Tick()
    {
        _now++;
        var offset = ((_step++ % 100) - 50) * 0.00001m;
        _core.ApplyTick(new Tick("EURUSD", _now, 1.10000m + offset, 1.10010m + offset, 0, 0, 6), _now, out var accepted);
        _core.TakeEvents();
        return accepted.Sequence;
    }
}
