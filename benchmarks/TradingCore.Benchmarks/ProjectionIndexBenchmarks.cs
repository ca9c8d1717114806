using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using TradingCore.Configuration;
using TradingCore.Engine.Commands;
using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Loop;
using TradingCore.Mt5Feed.Symbols;
using TradingCore.Persistence;

namespace TradingCore.Benchmarks;

/// <summary>
/// What the read store's indexes cost the projection (issue 12): one projector transaction of <see cref="Steps"/>
/// filled market orders (a hedging account: order, deal, new position, balance, events) written by the production
/// SQLite store, synchronous=NORMAL as the projector writes, into a store already holding <see cref="PriorOrders"/>
/// orders with their deals and positions; once into the shipped schema and once per variant below. The last variant
/// writes no order or deal row at all: the floor that storing orders and deals in blocks would approach.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15, invocationCount: 1)]
public class ProjectionIndexBenchmarks
{
    private const int PriorOrders = 100_000;
    private const long Now = 1_800_000_000_000;

    private string _template = "";
    private string _directory = "";
    private SqliteConnection _connection = null!;
    private IJournalStore _store = null!;
    private JournalBatch _batch = null!;
    private List<OutboxEntry> _measured = [];
    private long _lastOrder;
    private long _lastDeal;

    /// <summary>Which of the orders' and deals' indexes (or rows) the store has.</summary>
    public enum Schema
    {
        /// <summary>The schema the migrations create.</summary>
        AsShipped,

        /// <summary>Without (AccountId, TimeSetupMs) on orders and (AccountId, TimeMs) on deals.</summary>
        WithoutTimeIndexes,

        /// <summary>Without the unique (AccountId, ClientOrderId) on orders (text keys, inserted all over the B-tree).</summary>
        WithoutClientIdIndex,

        /// <summary>Orders and deals keyed by ticket only: none of their secondary indexes.</summary>
        WithoutOrderDealIndexes,

        /// <summary>No order or deal row written: positions, accounts, event blocks and counters only.</summary>
        WithoutOrderDealRows,
    }

    [Params(512)]
    public int Steps { get; set; }

    [ParamsAllValues]
    public Schema Variant { get; set; }

    [GlobalSetup]
    public void CreateTemplate()
    {
        _template = Path.Combine(Path.GetTempPath(), "projection-bench", Guid.NewGuid().ToString("N"));
        var database = new SqliteDatabase(new TradingCoreOptions { DataDirectory = _template });
        database.Initialize();
        using (var connection = database.OpenWriterConnection("NORMAL"))
        {
            DropIndexes(connection);
            using var store = new SqliteJournalStore(connection);
            var core = new EngineCore(DefaultSymbols.All, EngineSnapshot.Empty);
            core.CreateAccount(new Account { AccountId = 1001, Currency = "USD", Leverage = 100, MarginMode = MarginMode.RetailHedging, Balance = 1_000_000_000m }, Now);
            core.ApplyTick(new Tick("EURUSD", Now, 1.10000m, 1.10010m, 0, 0, 6), Now, out _);
            var first = new List<OutboxEntry> { new(core.TakeEvents(), null) };
            for (var written = 0; written < PriorOrders; written += Steps)
            {
                first.AddRange(Orders(core, Steps, written));
                store.Commit(Rows(first, ref _lastOrder, ref _lastDeal));
                first = [];
            }

            _measured = Orders(core, Steps, PriorOrders);
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            checkpoint.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
    }

    [GlobalCleanup]
    public void DeleteTemplate() => Directory.Delete(_template, recursive: true);

    [IterationSetup]
    public void Setup()
    {
        _directory = _template + "-" + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(_directory);
        foreach (var file in Directory.GetFiles(_template))
        {
            File.Copy(file, Path.Combine(_directory, Path.GetFileName(file)));
        }

        var database = new SqliteDatabase(new TradingCoreOptions { DataDirectory = _directory });
        _connection = database.OpenWriterConnection("NORMAL");
        _store = new SqliteJournalStore(_connection);
        var (lastOrder, lastDeal) = (_lastOrder, _lastDeal);
        _batch = Rows(_measured, ref lastOrder, ref lastDeal);
    }

    [IterationCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        _connection.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Description = "one projector transaction, 100,000 orders stored")]
    public void Project() => _store.Commit(_batch);

    private JournalBatch Rows(List<OutboxEntry> entries, ref long lastOrder, ref long lastDeal)
    {
        var batch = JournalBatch.From(entries, ref lastOrder, ref lastDeal);
        if (Variant == Schema.WithoutOrderDealRows)
        {
            batch.Orders.Clear();
            batch.Deals.Clear();
        }

        return batch;
    }

    private static List<OutboxEntry> Orders(EngineCore core, int count, int first)
    {
        var entries = new List<OutboxEntry>(count);
        for (var index = first; index < first + count; index++)
        {
            core.Submit(new OrderRequest { AccountId = 1001, ClientOrderId = $"bot-{index}", Symbol = "EURUSD", Type = OrderType.Buy, Volume = 0.01m }, Now + index);
            entries.Add(new OutboxEntry(core.TakeEvents(), null));
        }

        return entries;
    }

    private void DropIndexes(SqliteConnection connection)
    {
        string[] names = Variant switch
        {
            Schema.WithoutTimeIndexes => ["IX_orders_AccountId_TimeSetupMs", "IX_deals_AccountId_TimeMs"],
            Schema.WithoutClientIdIndex => ["IX_orders_AccountId_ClientOrderId"],
            Schema.WithoutOrderDealIndexes => Secondary(connection),
            _ => [],
        };
        foreach (var name in names)
        {
            using var drop = connection.CreateCommand();
            drop.CommandText = $"DROP INDEX \"{name}\"";
            drop.ExecuteNonQuery();
        }
    }

    private static string[] Secondary(SqliteConnection connection)
    {
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('orders', 'deals') AND sql IS NOT NULL";
        using var reader = query.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return [.. names];
    }
}
