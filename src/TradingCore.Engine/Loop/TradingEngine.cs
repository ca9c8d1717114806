using System.Threading.Channels;
using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Loop;

/// <summary>
/// The single writer. One dedicated thread drains a bounded input channel of commands, clock pulses and "ticks
/// waiting" marks and applies each to the <see cref="EngineCore"/>, the only place trading state changes. Ticks
/// wait per symbol in a <see cref="TickConflator"/>: the input holds at most one mark per symbol, so a tick flood
/// conflates (keeping every price the flood reached) instead of queueing, and a command never waits behind a tick
/// backlog. A tick published before a command is applied before it. Each step's events go to the outbox; a durable
/// command's reply rides with them and is released after they are committed; queries reply at once. Thread-safe
/// for callers: any thread may publish ticks or submit commands.
/// </summary>
public sealed partial class TradingEngine : ITradingEngine, IAsyncDisposable
{
    private readonly Channel<EngineMessage> _input;
    private readonly EngineCore _core;
    private readonly IEngineOutbox _outbox;
    private readonly ITickSink _ticks;
    private readonly TimeProvider _time;
    private long _clockFloorMs;
    private readonly EngineOptions _options;
    private readonly EngineMetrics? _metrics;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Thread? _thread;
    private ITimer? _clock;
    private volatile Exception? _fault;
    private readonly long[] _rejectedTicks = new long[Enum.GetValues<TickRejection>().Length];
    private readonly TickConflator _conflator = new();
    private long _conflatedTicks;
    private readonly (Tick Tick, long Stamp)[] _kept = new (Tick, long)[TickRun.MaxKept];
    private long _refusedCommands;

    /// <summary>An engine around <paramref name="core"/>; call Start to run its thread.</summary>
    public TradingEngine(EngineCore core, IEngineOutbox outbox, ITickSink ticks, TimeProvider time, EngineOptions options, EngineMetrics? metrics = null)
    {
        _metrics = metrics;
        _core = core;
        _outbox = outbox;
        _ticks = ticks;
        _time = time;
        _clockFloorMs = core.RestoredTimeMs;
        _options = options;
        _input = Channel.CreateBounded<EngineMessage>(new BoundedChannelOptions(options.InputCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Raised on the engine thread when a command throws after it changed state (an engine bug); the engine halts afterwards.</summary>
    public event Action<Exception>? Faulted;

    /// <summary>
    /// Raised on the engine thread when a command throws before it changed anything: it is refused
    /// (<see cref="EngineRefusedException"/>) and the engine goes on.
    /// </summary>
    public event Action<Exception>? CommandRefused;

    /// <summary>
    /// Raised for the 1st, 2nd, 4th, 8th, ... tick not applied for a reason (with that count): on the feed's thread
    /// for values out of range (refused before they can join a run), on the engine thread for unknown symbols.
    /// </summary>
    public event Action<TickRejection, long>? TickRejected;

    /// <summary>Raised on the engine thread when the tick sink (streams, bars) throws; the tick stays applied and the engine goes on.</summary>
    public event Action<Exception>? TickSinkFailed;

    /// <summary>Ticks not applied, by reason (index = <see cref="TickRejection"/>); read from any thread.</summary>
    public long RejectedTicks(TickRejection reason) => Interlocked.Read(ref _rejectedTicks[(int)reason]);

    /// <summary>Commands refused because they threw before changing anything.</summary>
    public long RefusedCommands => Interlocked.Read(ref _refusedCommands);

    /// <summary>True between <see cref="Start"/> and the end of the loop, unless halted.</summary>
    public bool IsRunning => _thread is not null && !_stopped.Task.IsCompleted && _fault is null;

    /// <summary>Why the engine halted, or null.</summary>
    public Exception? Fault => _fault;

    /// <summary>Messages waiting in the input channel.</summary>
    public int QueueDepth => _input.Reader.Count;

    /// <summary>Ticks not applied because more than <see cref="TickRun.ExactCapacity"/> of their symbol waited (of the excess only the highs, lows and newest are applied).</summary>
    public long ConflatedTicks => Interlocked.Read(ref _conflatedTicks);

    /// <summary>Starts the engine thread and the clock that expires orders when no ticks arrive.</summary>
    public void Start()
    {
        if (_thread is not null)
        {
            throw new InvalidOperationException("the engine is already started");
        }

        _thread = new Thread(Run) { Name = "trading-engine", IsBackground = true };
        _thread.Start();
        _clock = _time.CreateTimer(_ => _input.Writer.TryWrite(EngineMessage.Clock()), null, _options.ClockInterval, _options.ClockInterval);
    }

    /// <summary>
    /// Hands a tick from a feed to the engine. It joins its symbol's waiting ticks when there are some (no queueing,
    /// completes at once); otherwise it marks the symbol in the input, waiting only while the input is full of commands.
    /// </summary>
    public ValueTask PublishTickAsync(Tick tick, CancellationToken cancellationToken)
    {
        // Refused here, not on the engine thread: a tick out of range must never become a run's high or low.
        if (TickRules.Check(tick) is not TickRejection.None and var rejection)
        {
            CountRejected(rejection);
            return ValueTask.CompletedTask;
        }

        if (!_conflator.Add(tick, Stamp()))
        {
            return ValueTask.CompletedTask;
        }

        var message = EngineMessage.ForTicks(tick.Symbol);
        return _input.Writer.TryWrite(message) ? ValueTask.CompletedTask : MarkWhenRoomAsync(message, cancellationToken);
    }

    private async ValueTask MarkWhenRoomAsync(EngineMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await _input.Writer.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _conflator.Cancel(message.TickSymbol!);
            throw;
        }
    }

    /// <inheritdoc />
    public Task<T> ExecuteAsync<T>(Func<EngineCore, long, T> command, CancellationToken cancellationToken) =>
        Enqueue(new DelegateCommand<T>(command, durable: true), cancellationToken);

    /// <inheritdoc />
    public Task<T> ExecuteAsync<TState, T>(TState state, Func<EngineCore, TState, long, T> command, CancellationToken cancellationToken) =>
        Enqueue(new StateCommand<TState, T>(state, command), cancellationToken);

    /// <inheritdoc />
    public Task<T> QueryAsync<T>(Func<IEngineView, long, T> query, CancellationToken cancellationToken) =>
        Enqueue(new DelegateCommand<T>(query, durable: false), cancellationToken);

    /// <summary>Stops the engine after a fatal error elsewhere (persistence): queued and new commands fail.</summary>
    public void Halt(Exception reason)
    {
        _fault ??= reason;
        _input.Writer.TryComplete();
    }

    /// <summary>Stops intake, lets the loop drain what is queued, and waits for it to end.</summary>
    public async Task StopAsync()
    {
        _clock?.Dispose();
        _input.Writer.TryComplete();
        if (_thread is not null)
        {
            await _stopped.Task.ConfigureAwait(false);
        }
    }

    /// <summary>Stops the engine thread after it drained its input.</summary>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>
    /// Queues the command and returns its reply. When the input has room (the usual case) nothing is awaited here: the
    /// caller awaits the command's own task, and a cancelled caller stops waiting through the command
    /// (<see cref="EngineCommand{T}.WatchCaller"/>, registered before the command can run).
    /// </summary>
    private Task<T> Enqueue<T>(EngineCommand<T> command, CancellationToken cancellationToken)
    {
        if (_fault is { } fault)
        {
            return Task.FromException<T>(new EngineUnavailableException("the engine is halted", fault));
        }

        if (_thread is null)
        {
            return Task.FromException<T>(new EngineUnavailableException("the engine is not started"));
        }

        var message = EngineMessage.ForCommand(command, Stamp());
        command.WatchCaller(cancellationToken);
        return _input.Writer.TryWrite(message) ? command.Task : EnqueueWhenRoomAsync(command, message, cancellationToken);
    }

    private async Task<T> EnqueueWhenRoomAsync<T>(EngineCommand<T> command, EngineMessage message, CancellationToken cancellationToken)
    {
        using (var admission = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            admission.CancelAfter(_options.AdmissionTimeout);
            try
            {
                await _input.Writer.WriteAsync(message, admission.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                command.ForgetCaller();
                throw new EngineBusyException($"the engine input stayed full for {_options.AdmissionTimeout.TotalMilliseconds:0} ms");
            }
            catch (ChannelClosedException)
            {
                command.ForgetCaller();
                throw new EngineUnavailableException("the engine is stopping");
            }
            catch
            {
                command.ForgetCaller();
                throw;
            }
        }

        // Once queued the command will run; a cancelled caller stops waiting but the outcome is kept (idempotency).
        return await command.Task.ConfigureAwait(false);
    }

    /// <summary>Messages processed with one reading of the clock (the engine's "now" advances per batch).</summary>
    private const int ClockRefreshInterval = 64;

    private long Stamp() => _metrics is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();

    private void Run()
    {
        var reader = _input.Reader;
        try
        {
            while (WaitToRead(reader))
            {
                // The clock is read once per run of up to 64 queued messages rather than per message: at full load
                // reading it was a measurable share of a tick's cost (docs/benchmarks.md), and "now" moves by
                // microseconds within such a run.
                var processed = 0;
                var nowMs = Now();
                while (reader.TryRead(out var message))
                {
                    if (++processed % ClockRefreshInterval == 0)
                    {
                        nowMs = Now();
                    }

                    Process(message, nowMs);
                }
            }
        }
        catch (Exception error)
        {
            _fault ??= error;
            Faulted?.Invoke(error);
            DrainAfterFault(reader);
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    /// <summary>
    /// The engine's clock: the injected time, never earlier than any time the engine already stamped (also from
    /// before a restart). A wall clock stepped back holds the engine's time still instead of reversing it, so every
    /// order and deal time follows ticket order (history time ranges are ticket ranges, HistoryReader).
    /// </summary>
    private long Now()
    {
        var wall = _time.GetUtcNow().ToUnixTimeMilliseconds();
        if (wall > _clockFloorMs)
        {
            _clockFloorMs = wall;
        }

        return _clockFloorMs;
    }

    private static bool WaitToRead(ChannelReader<EngineMessage> reader)
    {
        var wait = reader.WaitToReadAsync();
        return wait.IsCompletedSuccessfully ? wait.Result : wait.AsTask().GetAwaiter().GetResult();
    }

    private void Process(in EngineMessage message, long nowMs)
    {
        if (_fault is { } fault)
        {
            message.Command?.Abort(new EngineUnavailableException("the engine is halted", fault));
            return;
        }

        if (message.Command is { } command)
        {
            RunCommand(command, nowMs, message.Timestamp);
        }
        else if (message.IsClock)
        {
            _core.AdvanceClock(nowMs);
            FlushEvents();
        }
        else
        {
            ProcessTicks(message.TickSymbol!, nowMs);
        }
    }

    private void RunCommand(EngineCommand command, long nowMs, long enqueued)
    {
        var started = Stamp();
        try
        {
            command.Run(_core, nowMs);
        }
        catch (Exception error) when (!_core.HasEvents)
        {
            // Nothing changed yet: every change the core makes is followed at once by its event, and every figure a
            // step books is computed before its first change. The command is refused; everyone else goes on.
            Interlocked.Increment(ref _refusedCommands);
            _metrics?.CommandRefused();
            command.Abort(new EngineRefusedException("the engine could not compute this request (a value is beyond the documented ranges, docs/api.md); nothing changed", error));
            CommandRefused?.Invoke(error);
            return;
        }
        catch (Exception error)
        {
            // The step threw after it changed state (an engine bug): its events are discarded so storage keeps the
            // last consistent state, and the engine halts rather than trade on doubtful state.
            _core.TakeEvents();
            command.Abort(new EngineUnavailableException("the engine failed and halted", error));
            throw;
        }

        if (_metrics is not null)
        {
            _metrics.CommandRan(enqueued, started, Stamp(), command.IsDurable);
        }
        var events = _core.TakeEvents();
        var requests = _core.TakeVenueRequests();
        var reply = (IDeferredReply)command;
        if (command.IsDurable)
        {
            _outbox.Enqueue(new OutboxEntry(events, reply) { VenueRequests = requests });
            ForgetStored();
            return;
        }

        if (events.Length > 0 || requests.Length > 0)
        {
            _outbox.Enqueue(new OutboxEntry(events, null) { VenueRequests = requests });
        }

        reply.Release();
    }

    private void FlushEvents()
    {
        if (_core.HasEvents)
        {
            _outbox.Enqueue(new OutboxEntry(_core.TakeEvents(), null));
        }

        ForgetStored();
    }

    /// <summary>Keeps the idempotency window at its capacity: forgets decided orders storage already holds.</summary>
    private void ForgetStored()
    {
        if (_core.IdempotencyWindowOverflows)
        {
            _core.ForgetDecidedOrders(_outbox.StoredThrough);
        }
    }

    private void DrainAfterFault(ChannelReader<EngineMessage> reader)
    {
        _input.Writer.TryComplete();
        while (reader.TryRead(out var message))
        {
            message.Command?.Abort(new EngineUnavailableException("the engine is halted", _fault));
        }
    }
}
