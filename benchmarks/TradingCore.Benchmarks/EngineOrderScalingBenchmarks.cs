using BenchmarkDotNet.Attributes;
using TradingCore.Engine.Commands;
using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;
using TradingCore.Mt5Feed.Symbols;

namespace TradingCore.Benchmarks;

/// <summary>Issue 19: the cost of an order (open and close a position) as the account's open positions grow.</summary>
[MemoryDiagnoser]
public class EngineOrderScalingBenchmarks
{
    private EngineCore _core = null!;
    private long _now = 1_800_000_000_000;
    private int _orders;

    /// <summary>Open positions on the ordering account.</summary>
    public static IEnumerable<int> OpenPositionCounts => [0, 50_000];

    [ParamsSource(nameof(OpenPositionCounts))]
    public int OpenPositions { get; set; }

    [GlobalSetup]
    public void SetupOpenPositions()
    {
        _core = new EngineCore(DefaultSymbols.All, EngineSnapshot.Empty);
        _core.ApplyTick(new Tick("EURUSD", _now, 1.10000m, 1.10010m, 0, 0, 6), _now, out _);
        _core.CreateAccount(new Account { AccountId = 1, Currency = "USD", Leverage = 100, MarginMode = MarginMode.RetailHedging, Balance = 100_000_000m }, _now);
        for (var index = 0; index < OpenPositions; index++)
        {
            _core.Submit(new OrderRequest { AccountId = 1, ClientOrderId = $"p{index}", Symbol = "EURUSD", Type = index % 2 == 0 ? OrderType.Buy : OrderType.Sell, Volume = 0.01m }, _now);
        }

        _core.TakeEvents();
    }

    [Benchmark(Description = "Submit a market order + close its position, account with N open positions")]
    public TradeRetcode OpenAndCloseWithPositions()
    {
        _now++;
        var opened = _core.Submit(new OrderRequest { AccountId = 1, ClientOrderId = $"o{++_orders}", Symbol = "EURUSD", Type = OrderType.Buy, Volume = 0.01m }, _now);
        var closed = _core.ClosePosition(new ClosePositionRequest { AccountId = 1, PositionTicket = opened.PositionTicket, Volume = 0.01m, ClientOrderId = $"c{_orders}" }, _now);
        _core.TakeEvents();
        return closed.Retcode;
    }
}
