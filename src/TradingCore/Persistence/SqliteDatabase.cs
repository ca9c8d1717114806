using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using TradingCore.Configuration;
using TradingCore.Hosting;

namespace TradingCore.Persistence;

/// <summary>
/// Where the database lives and how connections to it are opened. The journal writer owns one long-lived
/// connection (the only writer) with the configured synchronous level; readers use pooled connections.
/// </summary>
internal sealed class SqliteDatabase(TradingCoreOptions options)
{
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
    public void Initialize()
    {
        Security.OwnerOnlyFile.EnsureDirectory(Path.GetDirectoryName(FilePath)!);
        Security.OwnerOnlyFile.Touch(FilePath);
        Security.OwnerOnlyFile.Restrict(FilePath, FilePath + "-wal", FilePath + "-shm");
        using var context = CreateContext(ConnectionString);
        context.Database.Migrate();
        // WAL is a property of the file (it persists); readers never block the journal writer and vice versa.
        context.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
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
    public SqliteConnection OpenReadConnection()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    public static TradingDbContext CreateContext(string connectionString) =>
        new(new DbContextOptionsBuilder<TradingDbContext>().UseSqlite(connectionString).Options);

    public static TradingDbContext CreateContext(SqliteConnection connection) =>
        new(new DbContextOptionsBuilder<TradingDbContext>().UseSqlite(connection).Options);
}
