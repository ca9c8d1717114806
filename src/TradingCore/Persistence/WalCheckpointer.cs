using Microsoft.Data.Sqlite;

namespace TradingCore.Persistence;

/// <summary>
/// Copies committed WAL pages into the database file from a connection of its own, so the journal's commits do
/// not. SQLite's automatic checkpoint runs inside the commit that crosses its threshold and fsyncs the database
/// file there: under load that commit took 100–250 ms and every order decided behind it waited
/// (docs/benchmarks.md). A PASSIVE checkpoint never blocks the writer or readers. The writer keeps an automatic
/// checkpoint only as a bound (<see cref="WriterFallbackPages"/>), for when this one falls behind or fails.
/// Checkpointing only moves durable data between SQLite's own files: it never decides what is durable.
/// </summary>
internal sealed class WalCheckpointer : IDisposable
{
    /// <summary>WAL pages (4 KB each) after which the writer checkpoints inline after all (64 MB).</summary>
    public const int WriterFallbackPages = 16_384;

    private readonly SqliteDatabase _database;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private SqliteConnection? _connection;
    private Task? _loop;

    public WalCheckpointer(SqliteDatabase database, TimeSpan interval, TimeProvider time, ILogger logger)
    {
        _database = database;
        _interval = interval;
        _time = time;
        _logger = logger;
    }

    private long _completed;

    /// <summary>Checkpoints that found pages in the WAL and copied all of them (the WAL can start over).</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>Opens the checkpoint connection and checkpoints every interval until disposed.</summary>
    public void Start()
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder(_database.ConnectionString) { Pooling = false }.ToString());
        _connection.Open();
        _loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>
    /// One PASSIVE checkpoint: returns the WAL's size and how much of it is now in the database file, in pages
    /// (equal when the checkpoint caught up with the writer).
    /// </summary>
    public (long WalPages, long CheckpointedPages) CheckpointOnce()
    {
        using var command = _connection!.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        using var reader = command.ExecuteReader();
        reader.Read();
        var (wal, done) = (reader.GetInt64(1), reader.GetInt64(2));
        if (wal > 0 && wal == done)
        {
            Interlocked.Increment(ref _completed);
        }

        return (wal, done);
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _loop?.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
        }

        _connection?.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_interval, _time, _stop.Token).ConfigureAwait(false);
                CheckpointOnce();
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SqliteException error)
            {
                // Nothing is lost: the pages stay in the WAL and the writer's fallback bound still applies.
                Diagnostics.Log.CheckpointFailed(_logger, error);
            }
        }
    }
}
