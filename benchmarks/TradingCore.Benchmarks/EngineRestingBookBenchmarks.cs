using BenchmarkDotNet.Attributes;
using TradingCore.Engine.Commands;
using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;
using TradingCore.Mt5Feed.Symbols;

namespace TradingCore.Benchmarks;

/// <summary>
/// Issue 19: the cost of a tick with 50,000 pending orders and 50,000 hedged positions with SL/TP resting on its
/// symbol (100 accounts). Ticks walk ±50 points around 1.10000 and reach none of them.
/// </summary>
[MemoryDiagnoser]
public class EngineRestingBookBenchmarks
{
    private EngineCore _core = null!;
    private long _now = 1_800_000_000_000;
    private int _step;

    [GlobalSetup]
    public void SetupRestingBook()
    {
        // 100 accounts x (500 buy limits + 500 hedged positions with SL and TP): 50,000 + 50,000 on EURUSD.
        _core = new EngineCore(DefaultSymbols.All, EngineSnapshot.Empty);
        _core.ApplyTick(new Tick("EURUSD", _now, 1.10000m, 1.10010m, 0, 0, 6), _now, out _);
        for (var id = 1; id <= 100; id++)
        {
            _core.CreateAccount(new Account { AccountId = id, Currency = "USD", Leverage = 100, MarginMode = MarginMode.RetailHedging, Balance = 10_000_000m }, _now);
            for (var index = 0; index < 500; index++)
            {
                _core.Submit(new OrderRequest { AccountId = id, ClientOrderId = $"l{index}", Symbol = "EURUSD", Type = OrderType.BuyLimit, Volume = 0.01m, Price = 1.09000m - index * 0.00001m }, _now);
                _core.Submit(new OrderRequest { AccountId = id, ClientOrderId = $"p{index}", Symbol = "EURUSD", Type = index % 2 == 0 ? OrderType.Buy : OrderType.Sell, Volume = 0.01m, StopLoss = index % 2 == 0 ? 1.05000m - index * 0.00001m : 1.15000m + index * 0.00001m, TakeProfit = index % 2 == 0 ? 1.15000m + index * 0.00001m : 1.05000m - index * 0.00001m }, _now);
            }
        }

        _core.TakeEvents();
    }

    [Benchmark(Description = "ApplyTick, 50,000 pending orders + 50,000 hedged positions (SL/TP) on the symbol")]
    public ulong TickWithRestingBook() => Tick();

    private ulong Tick()
    {
        _now++;
        var offset = ((_step++ % 100) - 50) * 0.00001m;
        _core.ApplyTick(new Tick("EURUSD", _now, 1.10000m + offset, 1.10010m + offset, 0, 0, 6), _now, out var accepted);
        _core.TakeEvents();
        return accepted.Sequence;
    }
}
