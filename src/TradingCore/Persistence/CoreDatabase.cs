using System.Data.Common;

namespace TradingCore.Persistence;

/// <summary>
/// The core's store, whichever engine holds it: SQLite in the data directory (<see cref="SqliteDatabase"/>, the
/// embedded default) or a PostgreSQL server (<see cref="PostgresDatabase"/>, chosen by
/// TradingCore:Persistence:Provider). Everything above it (readers, the projector, bars, quotes, keys) asks it for
/// contexts, connections, the journal and the projection's target, never for a provider by name.
/// </summary>
internal abstract class CoreDatabase
{
    /// <summary>"sqlite" or "postgresql" (logs, metrics, benchmarks).</summary>
    public abstract string Provider { get; }

    /// <summary>Creates what is missing (file, schema) and applies pending migrations.</summary>
    public abstract void Initialize();

    /// <summary>
    /// Makes this process the only core on the store's files, before <see cref="Initialize"/> reads or migrates them;
    /// the caller disposes the result when the core stops. SQLite: the data directory's <see cref="DataDirectoryLock"/>.
    /// PostgreSQL: nothing here (null): its lease comes after the migration, which PostgreSQL itself serializes with a
    /// lock that ends with the session.
    /// </summary>
    public virtual IDisposable? LockStore() => null;

    /// <summary>A new context on a pooled connection; the caller disposes it.</summary>
    public abstract TradingDbContext CreateContext();

    /// <summary>
    /// A context for small writes beside the journal (last quotes, resume points): on SQLite an unpooled connection
    /// that never syncs and waits natively for the write lock; elsewhere a plain context.
    /// </summary>
    public virtual TradingDbContext CreateSideWriteContext() => CreateContext();

    /// <summary>An open connection for raw reads; the caller disposes it.</summary>
    public abstract DbConnection OpenReadConnection();

    /// <summary>The durable journal of this store (segment files beside SQLite; a table in PostgreSQL).</summary>
    public abstract Journal.IJournal CreateJournal();

    /// <summary>Opens the projector's connection and its writer of the queryable tables.</summary>
    public abstract ProjectionTarget OpenProjectionTarget();

    /// <summary>
    /// Takes the store's lease before anything is recovered or written (PostgreSQL: one core trades on a database;
    /// SQLite: the data directory is this process's, nothing to take). When another core holds it, waits as a standby
    /// if <paramref name="standby"/>, else fails. <paramref name="lost"/> is called if the lease is lost later.
    /// Returns the epoch (0 without a lease).
    /// </summary>
    public virtual Task<long> AcquireLeaseAsync(bool standby, Action<string> waiting, Action<Exception> lost, CancellationToken cancellationToken) => Task.FromResult(0L);

    /// <summary>Whether the admin BackupDatabase call can copy this store to a file (SQLite); PostgreSQL is backed up with its own tools.</summary>
    public virtual bool FileBackups => false;

    /// <summary>
    /// Inserts <paramref name="rows"/> into <paramref name="table"/> in one transaction, replacing rows with the same
    /// <paramref name="keys"/>; <paramref name="fill"/> puts a row's values into the array in column order.
    /// </summary>
    public abstract void UpsertAll<T>(string table, string[] columns, string[] keys, IReadOnlyList<T> rows, Action<T, object?[]> fill);
}
