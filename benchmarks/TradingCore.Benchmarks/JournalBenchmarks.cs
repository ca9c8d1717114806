using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using TradingCore.Configuration;
using TradingCore.Engine.Commands;
using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Loop;
using TradingCore.Hosting;
using TradingCore.Mt5Feed.Symbols;
using TradingCore.Persistence;

namespace TradingCore.Benchmarks;

/// <summary>
/// One journal group commit of <see cref="Steps"/> engine steps (each a filled market order: order, deal, position
/// and balance rows plus its events), written by the production journal (statements prepared once, bound by position through the SQLite API; baseline) and with EF
/// Core change tracking, on the same schema, into a fresh database per iteration, synchronous=FULL.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15, invocationCount: 1)]
public class JournalBenchmarks
{
    private string _directory = "";
    private SqliteConnection _connection = null!;
    private IJournalStore _sqlite = null!;
    private IJournalStore _efcore = null!;
    private JournalBatch _batch = null!;

    [Params(1, 64, 512)]
    public int Steps { get; set; }

    [IterationSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "journal-bench", Guid.NewGuid().ToString("N"));
        var database = new SqliteDatabase(new TradingCoreOptions { DataDirectory = _directory });
        database.Initialize();
        _connection = database.OpenWriterConnection();
        _sqlite = new SqliteJournalStore(_connection);
        _efcore = new EfJournalStore(_connection);
        _batch = Batch(Steps);
        using var create = _connection.CreateCommand();
        create.CommandText = "CREATE TABLE raw_rows (id INTEGER PRIMARY KEY, a INTEGER NOT NULL, b TEXT NOT NULL, c BLOB)";
        create.ExecuteNonQuery();
        _rawRows = _batch.Events.Count + _batch.Deals.Count + _batch.Orders.Count + _batch.Positions.Count + _batch.Accounts.Count + 1;
    }

    private int _rawRows;

    [IterationCleanup]
    public void Cleanup()
    {
        _sqlite.Dispose();
        _connection.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "journal: prepared statements, SQLite API")]
    public void Sqlite() => _sqlite.Commit(_batch);

    [Benchmark(Description = "EF Core SaveChanges")]
    public void EfCore() => _efcore.Commit(_batch);

    /// <summary>
    /// The floor: as many rows as the journal writes, into one table without secondary indexes, with one prepared
    /// statement in one transaction (payloads the size of the events'). The journal's target is 70 % of its speed.
    /// </summary>
    [Benchmark(Description = "raw batched inserts, same row count")]
    public void RawInserts()
    {
        using var transaction = _connection.BeginTransaction();
        using var insert = _connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO raw_rows (a, b, c) VALUES ($a, $b, $c)";
        var a = insert.Parameters.Add("$a", SqliteType.Integer);
        var b = insert.Parameters.Add("$b", SqliteType.Text);
        var c = insert.Parameters.Add("$c", SqliteType.Blob);
        insert.Prepare();
        for (var row = 0; row < _rawRows; row++)
        {
            a.Value = row;
            b.Value = "EURUSD";
            c.Value = _batch.Events[row % _batch.Events.Count].Payload;
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>The account creation plus <paramref name="steps"/> filled market orders, as the engine emits them.</summary>
    private static JournalBatch Batch(int steps)
    {
        const long Now = 1_800_000_000_000;
        var core = new EngineCore(DefaultSymbols.All, EngineSnapshot.Empty);
        core.CreateAccount(new Account { AccountId = 1001, Currency = "USD", Leverage = 100, MarginMode = MarginMode.RetailHedging, Balance = 1_000_000m }, Now);
        core.ApplyTick(new Tick("EURUSD", Now, 1.10000m, 1.10010m, 0, 0, 6), Now, out _);
        var entries = new List<OutboxEntry> { new(core.TakeEvents(), null) };
        for (var index = 0; index < steps; index++)
        {
            core.Submit(new OrderRequest { AccountId = 1001, ClientOrderId = $"b{index}", Symbol = "EURUSD", Type = OrderType.Buy, Volume = 0.01m }, Now);
            entries.Add(new OutboxEntry(core.TakeEvents(), null));
        }

        long lastOrder = 0, lastDeal = 0;
        return JournalBatch.From(entries, ref lastOrder, ref lastDeal);
    }
}
