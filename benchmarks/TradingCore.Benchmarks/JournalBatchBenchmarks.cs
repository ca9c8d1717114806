using BenchmarkDotNet.Attributes;
using TradingCore.Engine.Commands;
using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Loop;
using TradingCore.Mt5Feed.Symbols;
using TradingCore.Persistence;

namespace TradingCore.Benchmarks;

/// <summary>
/// Building one group commit's rows from the engine's events (<see cref="JournalBatch.From"/>, on the journal thread
/// for every batch): <see cref="Steps"/> filled market orders spread over <see cref="Accounts"/> accounts. What it
/// allocates lives until the projection wrote it, tens of milliseconds and more: the young collections promote it.
/// </summary>
[MemoryDiagnoser]
public class JournalBatchBenchmarks
{
    private List<OutboxEntry> _entries = null!;
    private JournalBatch _batch = null!;
    private readonly MemoryStream _encoded = new();

    [Params(64)]
    public int Steps { get; set; }

    [Params(1, 8)]
    public int Accounts { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        const long Now = 1_800_000_000_000;
        var core = new EngineCore(DefaultSymbols.All, EngineSnapshot.Empty);
        for (var account = 1; account <= Accounts; account++)
        {
            core.CreateAccount(new Account { AccountId = 1000 + account, Currency = "USD", Leverage = 100, MarginMode = MarginMode.RetailNetting, Balance = 1_000_000m }, Now);
        }

        core.ApplyTick(new Tick("EURUSD", Now, 1.10000m, 1.10010m, 0, 0, 6), Now, out _);
        core.TakeEvents();
        _entries = [];
        for (var index = 0; index < Steps; index++)
        {
            var request = new OrderRequest { AccountId = 1001 + (index % Accounts), ClientOrderId = $"b{index}", Symbol = "EURUSD", Type = OrderType.Buy, Volume = 0.01m };
            core.Submit(request, Now);
            _entries.Add(new OutboxEntry(core.TakeEvents(), null));
        }

        long order = 0, deal = 0;
        _batch = JournalBatch.From(_entries, ref order, ref deal);
    }

    [Benchmark(Description = "JournalBatch.From (rows and wire events of one group commit)")]
    public object From()
    {
        long lastOrder = 0, lastDeal = 0;
        return JournalBatch.From(_entries, ref lastOrder, ref lastDeal);
    }

    [Benchmark(Description = "JournalCodec.Encode (the journal record of one group commit, into the reused buffer)")]
    public long Encode()
    {
        TradingCore.Persistence.Journal.JournalCodec.Encode(_batch, _encoded);
        return _encoded.Length;
    }
}
