using System.Data.Common;
using TradingCore.Diagnostics;

namespace TradingCore.Persistence.Journal;

/// <summary>
/// Projects the journal into the queryable tables of trading.db behind a watermark (engine_state.JournalSeq), on a
/// task of its own: it reads every record after the watermark (up to <see cref="MaxRecordsPerTransaction"/>), merges
/// them into one <see cref="JournalBatch"/> and writes it and the new watermark in one transaction, so a crash never
/// loses or doubles a projection. Then it deletes fully projected journal segments. Readers that must see their
/// own writes wait with <see cref="WaitForAsync"/>.
/// </summary>
internal sealed class Projector : IAsyncDisposable
{
    private const int MaxRecordsPerTransaction = 2_000;

    /// <summary>
    /// Events after which a transaction takes no further record: the watermark advances in steps of about this much,
    /// so a journal writer held at MaxProjectionLag resumes after one such step rather than after the whole lag.
    /// </summary>
    private const int MaxEventsPerTransaction = 4_096;

    /// <summary>Appended batches kept in memory for the projector; beyond, it reads the journal.</summary>
    private const int MaxHandedOver = 256;

    private readonly System.Collections.Concurrent.ConcurrentQueue<JournalBatch> _handedOver = new();
    /// <summary>Records projected between two attempts to delete fully projected journal segments.</summary>
    private const int DeleteEvery = 1_000;

    private readonly IJournal _journal;
    private readonly CoreDatabase _database;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    /// <summary>Released by a reader that waits: cuts the <see cref="_interval"/> short.</summary>
    private readonly SemaphoreSlim _urgent = new(0, int.MaxValue);
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _waitersGate = new();
    private readonly List<(long Seq, TaskCompletionSource Done)> _waiters = [];

    /// <summary>The journal writer's wait for the projection to come within its lag bound (one writer: one slot).</summary>
    private (ulong Sequence, TaskCompletionSource Done)? _eventWaiter;
    private ProjectionTarget? _target;
    private Task? _loop;
    private long _projected;
    private long _projectedEvents;
    private long _deletedThrough;
    private int _disposed;

    /// <summary>Whether the last transaction stopped at a cap (more may be waiting).</summary>
    private bool _lastWasFull;

    /// <param name="journal">The journal it projects.</param>
    /// <param name="database">The store whose tables it writes.</param>
    /// <param name="logger">Reports failed projections (retried).</param>
    /// <param name="interval">Longest wait before appended records are projected (many per transaction); a waiting reader cuts it short.</param>
    public Projector(IJournal journal, CoreDatabase database, ILogger logger, TimeSpan interval = default)
    {
        _interval = interval;
        _journal = journal;
        _database = database;
        _logger = logger;
    }

    /// <summary>The last journal record whose rows are in trading.db.</summary>
    public long ProjectedSeq => Interlocked.Read(ref _projected);

    /// <summary>The last engine event sequence whose rows are in trading.db (the engine's idempotency window forgets up to it).</summary>
    public ulong ProjectedEventSequence => (ulong)Interlocked.Read(ref _projectedEvents);

    /// <summary>
    /// Opens the connections and projects everything the journal holds beyond the watermark (recovery), before the
    /// engine is built from trading.db. Returns the watermark.
    /// </summary>
    public long CatchUp()
    {
        // SQLite: prepared upserts, idempotent and 3-10x cheaper than EF Core change tracking (docs/benchmarks.md;
        // the Writer setting EfCore, from when rows were written on the ack path, now projects the same way).
        // PostgreSQL: batched upserts, one round trip per transaction.
        _target = _database.OpenProjectionTarget();
        _projected = _target.ReadWatermark();
        _deletedThrough = _projected;
        while (ProjectOnce() > 0)
        {
        }

        _projectedEvents = _target.ReadLastSequence();
        return _projected;
    }

    /// <summary>Starts projecting in the background; <see cref="Notify"/> wakes it after each journal append.</summary>
    public void Start() => _loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    /// <summary>
    /// A record was appended (called by the journal writer; never blocks). The batch itself is handed over, so the
    /// projector need not read and decode what it was just given; past <see cref="MaxHandedOver"/> waiting records it
    /// reads them from the journal instead (memory stays bounded when the projection lags).
    /// </summary>
    public void Appended(long seq, JournalBatch batch)
    {
        if (_handedOver.Count < MaxHandedOver)
        {
            batch.JournalSeq = seq;
            _handedOver.Enqueue(batch);
        }

        Notify();
    }

    /// <summary>Wakes the projection loop.</summary>
    public void Notify()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    /// <summary>Completes when the projection has reached <paramref name="seq"/> (read-your-writes).</summary>
    public Task WaitForAsync(long seq, CancellationToken cancellationToken) =>
        WaitUntilAsync(() => ProjectedSeq >= seq, done => _waiters.Add((seq, done)), cancellationToken);

    /// <summary>
    /// Completes when the projection has reached engine event <paramref name="sequence"/>: the journal writer waits
    /// here when the projection is too far behind (backpressure). The projector does not let records gather meanwhile.
    /// </summary>
    public Task WaitForEventsAsync(ulong sequence, CancellationToken cancellationToken) =>
        WaitUntilAsync(
            () => ProjectedEventSequence >= sequence,
            done =>
            {
                _eventWaiter?.Done.TrySetResult(); // a writer that gave up its earlier wait
                _eventWaiter = (sequence, done);
            },
            cancellationToken);

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
        if (_target is not null)
        {
            try
            {
                while (ProjectOnce() > 0)
                {
                }
            }
            catch (Exception error) when (IsRetryable(error))
            {
                Log.ProjectionFailed(_logger, error);
            }
        }

        _target?.Dispose();
        _stop.Dispose();
        _urgent.Dispose();
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(TimeSpan.FromMilliseconds(100), _stop.Token).ConfigureAwait(false);
                if (_interval > TimeSpan.Zero && !HasWaiters())
                {
                    // Let records gather so one transaction takes many (each page written once, not once per
                    // record); a reader that needs its own writes releases _urgent and ends the wait at once.
                    await _urgent.WaitAsync(_interval, _stop.Token).ConfigureAwait(false);
                }

                while (_urgent.CurrentCount > 0 && _urgent.Wait(0))
                {
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                while (ProjectOnce() > 0 && _lastWasFull && !_stop.IsCancellationRequested)
                {
                }

                DeleteProjected();
            }
            catch (Exception error) when (IsRetryable(error))
            {
                // The journal holds everything: a failed projection is retried on the next wake on a new
                // connection (a server's may have dropped), readers wait.
                Log.ProjectionFailed(_logger, error);
                _target?.Dispose();
                _target = null;
                await Task.Delay(TimeSpan.FromMilliseconds(250)).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Projects up to one transaction's worth of records; returns how many.</summary>
    private int ProjectOnce()
    {
        _target ??= _database.OpenProjectionTarget();
        var merged = new JournalBatch();
        var count = TakeHandedOver(merged);
        if (count == 0)
        {
            var records = _journal.ReadAfter(_projected, MaxRecordsPerTransaction);
            foreach (var (seq, payload) in records)
            {
                if (merged.Events.Count >= MaxEventsPerTransaction)
                {
                    break; // the rest is read again for the next transaction
                }

                var batch = JournalCodec.Decode(payload);
                batch.JournalSeq = seq;
                merged.Merge(batch);
                count++;
            }
        }

        _lastWasFull = count == MaxRecordsPerTransaction || merged.Events.Count >= MaxEventsPerTransaction;
        if (count == 0)
        {
            return 0;
        }

        if (merged.Counters is { } counters)
        {
            counters.JournalSeq = merged.JournalSeq;
        }

        _target.Commit(merged);
        if (merged.Counters is null)
        {
            _target.WriteWatermark(merged.JournalSeq);
        }

        Interlocked.Exchange(ref _projected, merged.JournalSeq);
        if (merged.Counters is { } projected)
        {
            Interlocked.Exchange(ref _projectedEvents, projected.LastSequence);
        }
        ReleaseWaiters();
        return count;
    }

    /// <summary>
    /// Merges the handed-over batches that continue the projection exactly (seq = watermark + 1, + 2, ...); older ones
    /// (already projected from the journal) are dropped; a gap (some were not kept) leaves the rest to the journal.
    /// </summary>
    private int TakeHandedOver(JournalBatch merged)
    {
        var next = _projected + 1;
        var count = 0;

        // Only TryDequeue, never TryPeek: a peek marks the queue's segment as observed, and an observed segment keeps
        // every dequeued batch referenced until the segment is dropped, which carried each order's journal batch into
        // the older generations (docs/benchmarks.md, "The steady maximum").
        while (count < MaxRecordsPerTransaction && merged.Events.Count < MaxEventsPerTransaction && _handedOver.TryDequeue(out var batch))
        {
            if (batch.JournalSeq < next)
            {
                continue; // already projected from the journal
            }

            if (batch.JournalSeq != next)
            {
                _handedOver.Clear(); // a gap: read from the journal from here on
                break;
            }

            merged.Merge(batch);
            next++;
            count++;
        }

        return count;
    }

    private void DeleteProjected()
    {
        if (_projected - _deletedThrough < DeleteEvery)
        {
            return;
        }

        // The projection runs with synchronous=NORMAL (the journal is the durable copy): a checkpoint first syncs
        // trading.db's WAL, so the segments deleted next can never be needed again, even after a power loss. Done
        // every 1,000 records even when no segment is complete yet: measured, it keeps trading.db's WAL short and
        // the core faster than leaving checkpoints to SQLite's automatic ones.
        _deletedThrough = _projected;
        _target!.Checkpoint();
        if (_journal.HasDeletable(_projected))
        {
            _journal.DeleteThrough(_projected);
        }
    }

    /// <summary>Registers a waiter (under the waiters' lock) unless <paramref name="reached"/>, and cuts the gathering interval short.</summary>
    private Task WaitUntilAsync(Func<bool> reached, Action<TaskCompletionSource> register, CancellationToken cancellationToken)
    {
        if (reached())
        {
            return Task.CompletedTask;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waitersGate)
        {
            if (reached())
            {
                return Task.CompletedTask;
            }

            register(done);
        }

        Notify();
        if (_urgent.CurrentCount == 0)
        {
            _urgent.Release();
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    private bool HasWaiters()
    {
        lock (_waitersGate)
        {
            return _waiters.Count > 0 || _eventWaiter is not null;
        }
    }

    private void ReleaseWaiters()
    {
        lock (_waitersGate)
        {
            if (_eventWaiter is { } writer && writer.Sequence <= ProjectedEventSequence)
            {
                writer.Done.TrySetResult();
                _eventWaiter = null;
            }

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

    /// <summary>Failures the journal makes good: the store refused or went away, or a record did not decode.</summary>
    private static bool IsRetryable(Exception error) => error is DbException or InvalidDataException or InvalidOperationException or TimeoutException;
}
