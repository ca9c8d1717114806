namespace TradingCore.Configuration;

/// <summary>Journal settings (TradingCore:Persistence). See docs/architecture.md "Durability".</summary>
public sealed class PersistenceOptions
{
    /// <summary>
    /// Where the core stores its journal and tables: "Sqlite" (default; trading.db and journal/ in the data
    /// directory, nothing to install) or "PostgreSql" (a PostgreSQL server named by <see cref="ConnectionString"/>;
    /// the journal is a table there, shared by every core against it). docs/operations.md.
    /// </summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>The Npgsql connection string of the PostgreSQL store (Provider = PostgreSql), e.g. "Host=db1;Database=trading;Username=core".</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// SQLite synchronous level of the journal connection: "Full" (default; a committed batch survives power loss)
    /// or "Normal" (survives a process crash; the last batches may be lost on power loss; faster).
    /// </summary>
    public string Synchronous { get; set; } = "Full";

    /// <summary>
    /// How the journal writes batches: "Sqlite" (default; statements prepared once, bound through the SQLite API),
    /// "EfCore" (EF Core change tracking; same schema, same rows; docs/benchmarks.md compares them) or "None"
    /// (stores nothing; benchmarks only).
    /// </summary>
    public string Writer { get; set; } = "Sqlite";

    /// <summary>
    /// Whether the SQLite store's journal appends into segments of zeros prepared in the background, so each sync
    /// flushes data only (true, the default; docs/architecture.md "Preallocated segments"). False grows each segment
    /// as it is written: for file systems where overwriting gains nothing (copy-on-write ones), or to compare.
    /// </summary>
    public bool PreallocateJournal { get; set; } = true;

    /// <summary>Most engine steps committed in one transaction (group commit).</summary>
    public int MaxBatchSize { get; set; } = 512;

    /// <summary>Engine steps waiting for the journal before the engine blocks.</summary>
    public int OutboxCapacity { get; set; } = 16_384;

    /// <summary>
    /// Most engine events the journal may hold that the queryable tables do not yet (the projection's lag). Beyond
    /// it the journal writer waits for the projection before it commits more, so the outbox fills, the engine waits
    /// and new orders wait at admission: a load the projection cannot follow is slowed at the door instead of
    /// piling up decided orders and batches in memory (docs/architecture.md "Projection lag"). 0: no bound.
    /// </summary>
    public int MaxProjectionLag { get; set; } = 20_000;

    /// <summary>
    /// Longest time appended journal records wait before they are projected into the queryable tables, so one
    /// transaction takes many of them (fewer page writes per order); a reader that must see its own writes (history,
    /// event replay, backup) cuts the wait short. 0 projects after every append.
    /// </summary>
    public int ProjectionIntervalMs { get; set; } = 50;
}
