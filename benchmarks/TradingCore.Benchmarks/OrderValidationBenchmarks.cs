using BenchmarkDotNet.Attributes;
using TradingCore.Engine.Commands;
using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;
using TradingCore.Mt5Feed.Symbols;

namespace TradingCore.Benchmarks;

/// <summary>
/// Order validation and the what-if margin check (EngineCore.Check: every MT5 rule a market order passes, then its
/// margin on the account) and the request's fingerprint, against building the request they check (the floor of any
/// per-order work).
/// </summary>
[MemoryDiagnoser]
public class OrderValidationBenchmarks
{
    private EngineCore _core = null!;
    private OrderRequest _request = null!;
    private readonly long _now = 1_800_000_000_000;

    [GlobalSetup]
    public void Setup()
    {
        _core = new EngineCore(DefaultSymbols.All, EngineSnapshot.Empty);
        _core.CreateAccount(new Account { AccountId = 1, Currency = "USD", Leverage = 100, MarginMode = MarginMode.RetailNetting, Balance = 100_000m }, _now);
        _core.ApplyTick(new Tick("EURUSD", _now, 1.10000m, 1.10010m, 0, 0, 6), _now, out _);
        _core.TakeEvents();
        _request = NewRequest();
    }

    [Benchmark(Baseline = true, Description = "build the OrderRequest")]
    public OrderRequest Build() => NewRequest();

    [Benchmark(Description = "OrderRequest.Fingerprint (the idempotency identity, on every submit)")]
    public string Fingerprint() => _request.Fingerprint();

    [Benchmark(Description = "EngineCore.Check (validate + margin)")]
    public object Check() => _core.Check(_request, _now);

    private static OrderRequest NewRequest() => new()
    {
        AccountId = 1,
        ClientOrderId = "bench-1",
        Symbol = "EURUSD",
        Type = OrderType.Buy,
        Volume = 0.10m,
        StopLoss = 1.09000m,
        TakeProfit = 1.11000m,
    };
}
