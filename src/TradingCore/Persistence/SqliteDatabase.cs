using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using TradingCore.Configuration;
using TradingCore.Hosting;

namespace TradingCore.Persistence;

/// <summary>
/// Where the database lives and how connections to it are opened. The journal writer owns one long-lived
/// connection (the only writer) with the configured synchronous level; readers use pooled connections.
/// </summary>
internal sealed class SqliteDatabase(TradingCoreOptions options, ILogger? logger = null) : CoreDatabase
{
    /// <summary>EF Core's migration lock: a row that only the process that inserted it deletes.</summary>
    private const string MigrationLockTable = "__EFMigrationsLock";

    private bool _storeLocked;

    public const string FileName = "trading.db";

    /// <summary>How long a writer waits natively for the write lock before SQLITE_BUSY, ms.</summary>
    public const int BusyTimeoutMs = 10_000;

    public string FilePath { get; } = Path.Combine(options.DataDirectoryFullPath, FileName);

    public string ConnectionString => new SqliteConnectionStringBuilder
    {
        DataSource = FilePath,
        ForeignKeys = true,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>
    /// Creates the data directory (owner-only), the database file owner-only before SQLite opens it (SQLite creates
    /// the -wal and -shm files with the database file's mode), applies pending migrations and switches to WAL mode.
    /// </summary>
    public override void Initialize()
    {
        Security.OwnerOnlyFile.EnsureDirectory(Path.GetDirectoryName(FilePath)!);
        Security.OwnerOnlyFile.Touch(FilePath);
        Security.OwnerOnlyFile.Restrict(FilePath, FilePath + "-wal", FilePath + "-shm");
        if (_storeLocked)
        {
            ClearStaleMigrationLock();
        }

        using var context = CreateContext(ConnectionString);
        context.Database.Migrate();
        // WAL is a property of the file (it persists); readers never block the journal writer and vice versa.
        context.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
    }

    /// <summary>Takes the data directory's lock (a second core on it refuses to start).</summary>
    public override IDisposable? LockStore()
    {
        Security.OwnerOnlyFile.EnsureDirectory(Path.GetDirectoryName(FilePath)!);
        var directoryLock = DataDirectoryLock.Acquire(Path.GetDirectoryName(FilePath)!);
        _storeLocked = true;
        return directoryLock;
    }

    /// <summary>
    /// EF Core serializes migrations with a row in __EFMigrationsLock, inserted before it looks for pending migrations
    /// (every start) and deleted after: a core killed in between left the row, and every later start waited for it
    /// forever. This process holds the data directory's lock, so no other process is migrating: a row is stale.
    /// </summary>
    private void ClearStaleMigrationLock()
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{MigrationLockTable}'";
        if ((long)command.ExecuteScalar()! == 0)
        {
            return;
        }

        command.CommandText = $"DELETE FROM \"{MigrationLockTable}\"";
        var rows = command.ExecuteNonQuery();
        if (rows > 0 && logger is not null)
        {
            Diagnostics.Log.StaleMigrationLockCleared(logger, rows);
        }
    }

    /// <summary>Opens a writer connection with the configured synchronous level, or <paramref name="synchronous"/>.</summary>
    public SqliteConnection OpenWriterConnection(string? synchronous = null)
    {
        var level = (synchronous ?? options.Persistence.Synchronous).Trim().ToUpperInvariant() switch
        {
            "FULL" => "FULL",
            "NORMAL" => "NORMAL",
            "EXTRA" => "EXTRA",
            var other => throw new InvalidOperationException($"TradingCore:Persistence:Synchronous must be Full, Normal or Extra, not '{other}'"),
        };
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        // A native busy timeout: when another connection holds the write lock for a moment (bars, quotes, keys, a
        // checkpoint), SQLite waits in small steps. Without it Microsoft.Data.Sqlite retries SQLITE_BUSY itself with
        // 150 ms sleeps, and every order behind the journal waited those 150 ms.
        command.CommandText = $"PRAGMA synchronous={level}; PRAGMA busy_timeout={BusyTimeoutMs};";
        command.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Opens a connection for reading (WAL: it never blocks the writers).</summary>
    public override DbConnection OpenReadConnection()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    public override string Provider => "sqlite";

    public override TradingDbContext CreateContext() => CreateContext(ConnectionString);

    /// <summary>
    /// Its own unpooled connection (its settings must not reach pooled ones): no fsync (NORMAL in WAL mode) and a
    /// native busy timeout, so a side write holds the write lock for a moment only and never makes the journal wait.
    /// </summary>
    public override TradingDbContext CreateSideWriteContext()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(ConnectionString) { Pooling = false }.ToString());
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = $"PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={BusyTimeoutMs};";
            pragma.ExecuteNonQuery();
        }

        return new(new DbContextOptionsBuilder<TradingDbContext>().UseSqlite(connection, contextOwnsConnection: true).Options);
    }

    /// <summary>Segment files in journal/ of the data directory.</summary>
    public override Journal.IJournal CreateJournal() => new Journal.JournalLog(options.DataDirectoryFullPath, preallocate: options.Persistence.PreallocateJournal);

    /// <summary>
    /// The projection writes with synchronous=NORMAL (the journal is the durable copy) through statements prepared
    /// once (<see cref="SqliteJournalStore"/>); its checkpoint syncs trading.db's WAL before journal segments go.
    /// </summary>
    public override ProjectionTarget OpenProjectionTarget()
    {
        var connection = OpenWriterConnection("NORMAL");
        return new ProjectionTarget(connection, new SqliteJournalStore(connection), Checkpoint);
    }

    public override bool FileBackups => true;

    public override void UpsertAll<T>(string table, string[] columns, string[] keys, IReadOnlyList<T> rows, Action<T, object?[]> fill)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var statement = PreparedStatement.Insert(connection, table, columns, keys);
        var values = new object?[columns.Length];
        foreach (var row in rows)
        {
            fill(row, values);
            statement.Execute(transaction, values);
        }

        transaction.Commit();
    }

    private static void Checkpoint(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        command.ExecuteNonQuery();
    }

    public static TradingDbContext CreateContext(string connectionString) =>
        new(new DbContextOptionsBuilder<TradingDbContext>().UseSqlite(connectionString).Options);

    public static TradingDbContext CreateContext(SqliteConnection connection) =>
        new(new DbContextOptionsBuilder<TradingDbContext>().UseSqlite(connection).Options);
}
