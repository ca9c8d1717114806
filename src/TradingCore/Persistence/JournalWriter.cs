using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using TradingCore.Configuration;
using TradingCore.Diagnostics;
using TradingCore.Engine.Loop;
using TradingCore.Hosting;
using TradingCore.Streaming;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Persistence;

/// <summary>
/// The engine's outbox and the only journal writer. The engine enqueues each step's events (blocking when the
/// outbox is full: backpressure); one loop drains up to MaxBatchSize steps and appends them as one record to the
/// journal (<see cref="Journal.JournalLog"/>: one sequential write and one sync per batch, group commit), then
/// releases the replies waiting on them, publishes the events to live subscribers and wakes the projector that
/// writes the queryable tables behind it. A reply is therefore never released before its events are durable. If
/// a batch cannot be appended after retries, the engine is halted and every waiting reply fails: nothing
/// unrecorded is ever acknowledged.
/// </summary>
internal sealed partial class JournalWriter : IEngineOutbox, IDisposable
{
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1)];

    private readonly Channel<OutboxEntry> _outbox;
    private readonly Journal.IJournal _log;
    private Journal.IJournalAppender? _appender;

    /// <summary>The encoding buffer, reused for every batch (the writer commits one batch at a time).</summary>
    private readonly MemoryStream _encoded = new();
    private Journal.Projector? _projector;
    private readonly TradeEventHub _events;
    private readonly ILogger _logger;
    private readonly int _maxBatch;
    private readonly int _maxProjectionLag;
    private int _disposed;
    private readonly string _writer;
    private readonly List<OutboxEntry> _batch = [];
    private Action<Exception>? _onFatal;
    private Task? _loop;
    private long _lastOrderTicket;
    private long _lastDealTicket;
    private long _committedSeq;

    private readonly TradingCoreMetrics? _metrics;

    public JournalWriter(Journal.IJournal log, TradingCoreOptions options, TradeEventHub events, ILogger<JournalWriter> logger, TradingCoreMetrics? metrics = null)
    {
        _metrics = metrics;
        _log = log;
        _events = events;
        _logger = logger;
        _maxBatch = Math.Max(1, options.Persistence.MaxBatchSize);
        _maxProjectionLag = options.Persistence.MaxProjectionLag;
        _writer = options.Persistence.Writer.Trim().ToUpperInvariant();
        _outbox = Channel.CreateBounded<OutboxEntry>(new BoundedChannelOptions(Math.Max(1, options.Persistence.OutboxCapacity))
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    private long _committedSteps;
    private long _enqueuedSteps;
    private readonly Lock _commitWaitersGate = new();
    private readonly List<(long Steps, TaskCompletionSource Done)> _commitWaiters = [];

    /// <summary>Steps committed since start.</summary>
    public long CommittedSteps => Interlocked.Read(ref _committedSteps);

    /// <summary>Steps the engine handed over since start (committed or still waiting for the journal).</summary>
    public long EnqueuedSteps => Interlocked.Read(ref _enqueuedSteps);

    /// <summary>
    /// Completes when the first <paramref name="steps"/> steps are committed (fails if the journal failed first): a
    /// reader that saw engine state waits for that state to be durable before it reads the projected tables.
    /// </summary>
    public Task WaitCommittedAsync(long steps, CancellationToken cancellationToken)
    {
        if (CommittedSteps >= steps)
        {
            return Task.CompletedTask;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_commitWaitersGate)
        {
            if (Failed)
            {
                return Task.FromException(new EngineUnavailableException("the journal is unavailable"));
            }

            if (CommittedSteps >= steps)
            {
                return Task.CompletedTask;
            }

            _commitWaiters.Add((steps, done));
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>True after a batch could not be committed; the engine is halted.</summary>
    public bool Failed { get; private set; }

    /// <summary>Sequence of the last journal record appended (every acknowledged step is at or before it).</summary>
    public long CommittedSeq => Interlocked.Read(ref _committedSeq);

    /// <summary>True when the writer stores nothing (Writer=None).</summary>
    public bool Discarding => _writer == "NONE";

    /// <summary>The last event sequence whose orders the store holds: the engine forgets decided orders through it.</summary>
    /// <remarks>
    /// With writer None everything committed counts as stored (discarded): the engine's idempotency window forgets
    /// as it does with a store, and memory stays bounded. Without a store a client order id older than the window
    /// cannot be recalled, so it is taken as new there (the mode exists to measure what persistence costs; a core
    /// that remembered every order instead fell behind at 8,000 orders/s under its growing heap).
    /// </remarks>
    public ulong StoredThrough => Discarding ? Volatile.Read(ref _appendedEvents) : _projector?.ProjectedEventSequence ?? 0;

    /// <summary>
    /// Opens the journal's appender after the projection's watermark (recovery projected everything before) and
    /// starts the commit loop from the recovered counters. <paramref name="onFatal"/> halts the engine when a batch
    /// cannot be appended.
    /// </summary>
    public void Start(ulong lastOrderTicket, ulong lastDealTicket, Journal.Projector projector, Action<Exception> onFatal)
    {
        _projector = projector;
        if (Discarding)
        {
            Log.JournalDiscarding(_logger);
        }
        else
        {
            _appender = _log.OpenJournalAppender(projector.ProjectedSeq);
            _committedSeq = _appender.LastSeq;
        }

        _lastOrderTicket = (long)lastOrderTicket;
        _lastDealTicket = (long)lastDealTicket;
        _onFatal = onFatal;
        _loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <inheritdoc />
    public void Enqueue(OutboxEntry entry)
    {
        Interlocked.Increment(ref _enqueuedSteps);
        if (_outbox.Writer.TryWrite(entry))
        {
            return;
        }

        // Full: the engine thread waits for the journal to catch up (backpressure, not loss).
        var write = _outbox.Writer.WriteAsync(entry);
        if (!write.IsCompleted)
        {
            write.AsTask().GetAwaiter().GetResult();
        }
        else
        {
            write.GetAwaiter().GetResult();
        }
    }

    /// <summary>Stops intake and waits until everything enqueued is committed (graceful shutdown).</summary>
    public async Task CompleteAsync()
    {
        _outbox.Writer.TryComplete();
        if (Volatile.Read(ref _disposed) == 0)
        {
            await _completing.CancelAsync().ConfigureAwait(false);
        }

        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _appender?.Dispose();
        _completing.Cancel();
        _completing.Dispose();
    }

    /// <summary>Takes the orders for MT5 terminals of each committed batch (the router): they leave only once durable.</summary>
    public Action<Engine.Commands.VenueRequest[]>? VenueRequestsCommitted { get; set; }

    private async Task RunAsync()
    {
        var reader = _outbox.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            _batch.Clear();
            while (_batch.Count < _maxBatch && reader.TryRead(out var entry))
            {
                _batch.Add(entry);
            }

            if (Failed)
            {
                FailAll(_batch, new EngineUnavailableException("the journal is unavailable"));
                continue;
            }

            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var published = await CommitWithRetriesAsync(_batch).ConfigureAwait(false);
            if (published is null)
            {
                continue;
            }

            _metrics?.BatchCommitted(started, _batch, published);

            Interlocked.Add(ref _committedSteps, _batch.Count);
            ReleaseCommitWaiters(null);
            foreach (var entry in _batch)
            {
                entry.Reply?.Release();
            }

            _events.Publish(published);
            if (VenueRequestsCommitted is { } route)
            {
                foreach (var entry in _batch)
                {
                    if (entry.VenueRequests.Length > 0)
                    {
                        route(entry.VenueRequests);
                    }
                }
            }

            // Before the next batch: the replies of this one are out, the next wait for the projection if it lags.
            await HoldForProjectionAsync().ConfigureAwait(false);
        }
    }

    private async Task<List<Wire.TradeEvent>?> CommitWithRetriesAsync(List<OutboxEntry> batch)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var orderTicket = _lastOrderTicket;
                var dealTicket = _lastDealTicket;
                var journal = JournalBatch.From(batch, ref orderTicket, ref dealTicket);
                var published = journal.TakePublished();
                if (_appender is not null && journal.Events.Count > 0)
                {
                    Journal.JournalCodec.Encode(journal, _encoded);
                    var seq = _appender.Append(_encoded.GetBuffer().AsSpan(0, (int)_encoded.Length));
                    Interlocked.Exchange(ref _committedSeq, seq);
                    if (journal.Counters is { } counters)
                    {
                        NoteAppended((ulong)counters.LastSequence);
                    }
                    _projector?.Appended(seq, journal);
                }
                else if (Discarding && journal.Counters is { } discarded)
                {
                    NoteAppended((ulong)discarded.LastSequence);
                }

                (_lastOrderTicket, _lastDealTicket) = (orderTicket, dealTicket);
                return published;
            }
            catch (Exception error) when (attempt < RetryDelays.Length && error is not LeaseLostException)
            {
                Log.JournalRetry(_logger, attempt + 1, error);
                await Task.Delay(RetryDelays[attempt]).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                Failed = true;
                Log.JournalFailed(_logger, error);
                var unavailable = new EngineUnavailableException("the journal could not commit; trading is halted", error);
                ReleaseCommitWaiters(unavailable);
                _onFatal?.Invoke(unavailable);
                FailAll(batch, unavailable);
                return null;
            }
        }
    }

    private void ReleaseCommitWaiters(Exception? failure)
    {
        lock (_commitWaitersGate)
        {
            var committed = CommittedSteps;
            for (var index = _commitWaiters.Count - 1; index >= 0; index--)
            {
                if (failure is not null)
                {
                    _commitWaiters[index].Done.TrySetException(failure);
                }
                else if (_commitWaiters[index].Steps <= committed)
                {
                    _commitWaiters[index].Done.TrySetResult();
                }
                else
                {
                    continue;
                }

                _commitWaiters.RemoveAt(index);
            }
        }
    }

    private static void FailAll(List<OutboxEntry> batch, Exception error)
    {
        foreach (var entry in batch)
        {
            entry.Reply?.Fail(error);
        }
    }
}
