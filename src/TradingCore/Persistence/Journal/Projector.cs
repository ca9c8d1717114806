using Microsoft.Data.Sqlite;
using TradingCore.Diagnostics;

namespace TradingCore.Persistence.Journal;

/// <summary>
/// Projects the journal into the queryable tables of trading.db behind a watermark (engine_state.JournalSeq), on a
/// task of its own: it reads every record after the watermark (up to <see cref="MaxRecordsPerTransaction"/>), merges
/// them into one <see cref="JournalBatch"/> and writes it and the new watermark in one transaction, so a crash never
/// loses or doubles a projection. Then it deletes projected records from the journal. Readers that must see their
/// own writes wait with <see cref="WaitForAsync"/>.
/// </summary>
internal sealed class Projector : IAsyncDisposable
{
    private const int MaxRecordsPerTransaction = 2_000;
    private const int DeleteChunk = 2_000;

    private readonly JournalLog _journal;
    private readonly SqliteDatabase _database;
    private readonly string _writer;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _waitersGate = new();
    private readonly List<(long Seq, TaskCompletionSource Done)> _waiters = [];
    private SqliteConnection? _target;
    private IJournalStore? _store;
    private SqliteConnection? _source;
    private Task? _loop;
    private long _projected;
    private long _deletedThrough;
    private int _disposed;

    public Projector(JournalLog journal, SqliteDatabase database, string writer, ILogger logger)
    {
        _journal = journal;
        _database = database;
        _writer = writer.Trim().ToUpperInvariant();
        _logger = logger;
    }

    /// <summary>The last journal record whose rows are in trading.db.</summary>
    public long ProjectedSeq => Interlocked.Read(ref _projected);

    /// <summary>
    /// Opens the connections and projects everything the journal holds beyond the watermark (recovery), before the
    /// engine is built from trading.db. Returns the watermark.
    /// </summary>
    public long CatchUp()
    {
        _target = _database.OpenWriterConnection("NORMAL");
        _store = _writer == "EFCORE" ? new EfJournalStore(_target) : new SqliteJournalStore(_target);
        _source = _journal.OpenReader();
        _projected = ReadWatermark(_target);
        _deletedThrough = _projected;
        while (ProjectOnce() > 0)
        {
        }

        return _projected;
    }

    /// <summary>Starts projecting in the background; <see cref="Notify"/> wakes it after each journal append.</summary>
    public void Start() => _loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    /// <summary>A record was appended (called by the journal writer; never blocks).</summary>
    public void Notify()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    /// <summary>Completes when the projection has reached <paramref name="seq"/> (read-your-writes).</summary>
    public Task WaitForAsync(long seq, CancellationToken cancellationToken)
    {
        if (ProjectedSeq >= seq)
        {
            return Task.CompletedTask;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waitersGate)
        {
            if (ProjectedSeq >= seq)
            {
                return Task.CompletedTask;
            }

            _waiters.Add((seq, done));
        }

        Notify();
        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops the background loop and projects what remains (the writer has stopped). Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        // Whatever was appended until the writer stopped is projected now, so a restart has nothing to replay.
        if (_store is not null)
        {
            try
            {
                while (ProjectOnce() > 0)
                {
                }
            }
            catch (Exception error) when (error is SqliteException or InvalidDataException)
            {
                Log.ProjectionFailed(_logger, error);
            }
        }

        _store?.Dispose();
        _target?.Dispose();
        _source?.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(TimeSpan.FromMilliseconds(100), _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                while (ProjectOnce() == MaxRecordsPerTransaction && !_stop.IsCancellationRequested)
                {
                }

                DeleteProjected();
            }
            catch (Exception error) when (error is SqliteException or InvalidDataException)
            {
                // The journal holds everything: a failed projection is retried on the next wake, readers wait.
                Log.ProjectionFailed(_logger, error);
                await Task.Delay(TimeSpan.FromMilliseconds(250)).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Projects up to one transaction's worth of records; returns how many.</summary>
    private int ProjectOnce()
    {
        var records = JournalLog.ReadAfter(_source!, _projected, MaxRecordsPerTransaction);
        if (records.Count == 0)
        {
            return 0;
        }

        var merged = new JournalBatch();
        foreach (var (seq, payload) in records)
        {
            var batch = JournalCodec.Decode(payload);
            batch.JournalSeq = seq;
            merged.Merge(batch);
        }

        if (merged.Counters is { } counters)
        {
            counters.JournalSeq = merged.JournalSeq;
        }

        _store!.Commit(merged);
        if (merged.Counters is null)
        {
            WriteWatermark(_target!, merged.JournalSeq);
        }

        Interlocked.Exchange(ref _projected, merged.JournalSeq);
        ReleaseWaiters();
        return records.Count;
    }

    private void DeleteProjected()
    {
        if (_projected - _deletedThrough < DeleteChunk)
        {
            return;
        }

        // The projection runs with synchronous=NORMAL (the journal is the durable copy): a checkpoint first syncs
        // trading.db's WAL, so the records deleted next can never be needed again, even after a power loss.
        Checkpoint(_target!);
        JournalLog.DeleteThrough(_source!, _projected, DeleteChunk * 4);
        _deletedThrough = _projected;
        Checkpoint(_source!); // the journal's appender never checkpoints on the ack path; this does it beside it
    }

    private void ReleaseWaiters()
    {
        lock (_waitersGate)
        {
            var projected = ProjectedSeq;
            for (var index = _waiters.Count - 1; index >= 0; index--)
            {
                if (_waiters[index].Seq <= projected)
                {
                    _waiters[index].Done.TrySetResult();
                    _waiters.RemoveAt(index);
                }
            }
        }
    }

    private static void Checkpoint(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        command.ExecuteNonQuery();
    }

    private static long ReadWatermark(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"JournalSeq\" FROM \"engine_state\" WHERE \"Id\" = 1";
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void WriteWatermark(SqliteConnection connection, long seq)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE \"engine_state\" SET \"JournalSeq\" = $seq WHERE \"Id\" = 1";
        command.Parameters.AddWithValue("$seq", seq);
        command.ExecuteNonQuery();
    }
}
