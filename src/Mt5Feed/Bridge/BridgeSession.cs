using System.IO.Pipelines;

namespace TradingCore.Mt5Feed.Bridge;

/// <summary>
/// One terminal's connection: handshake, then symbols, ticks and heartbeats until the peer leaves. Any protocol
/// violation sends an `error` line and closes this connection only. Ticks are converted from trade-server time to
/// UTC and written to the engine in order (waiting when the engine is full: TCP backpressure to the terminal).
/// Split by concern: the connection's life and health here, framing (BridgeSession.Lines.cs), handshake and
/// refusals (BridgeSession.Handshake.cs), dispatch of frames (BridgeSession.Dispatch.cs); the frames sent are
/// <see cref="BridgeOutgoing"/>.
/// </summary>
internal sealed partial class BridgeSession : IDisposable
{
    private readonly Stream _stream;
    private readonly BridgeFeed _feed;
    private readonly ITickWriter _writer;
    private readonly BridgeOptions _options;
    private readonly TimeProvider _time;
    /// <summary>Largest trade-server UTC offset (the hello allows a day either way).</summary>
    private const long MaxOffsetMs = 86_400_000;

    /// <summary>Refused symbol names remembered per connection (their ticks are dropped, not a protocol error).</summary>
    private const int MaxRefusedSymbols = 1_024;

    private readonly HashSet<string> _announced = new(StringComparer.Ordinal);

    /// <summary>The announced names in UTF-8, for <see cref="BridgeTickReader"/> (ticks of them skip the general parser).</summary>
    private readonly List<KeyValuePair<byte[], string>> _announcedUtf8 = [];

    /// <summary>The current line, reused from line to line (a frame is parsed before the next one is read).</summary>
    private byte[] _line = new byte[512];
    private readonly HashSet<string> _refusedSymbols = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private string _name = "bridge:unidentified";
    private long _login;
    private long _offsetMs;
    private TickAcceptor? _acceptor;
    private ITimer? _staleTimer;
    private long _lastActivityMs;
    private FeedState _state = FeedState.Disconnected;
    private bool _claimed;
    private volatile bool _closed;
    private int _version;
    private BridgeHello? _hello;
    private readonly SemaphoreSlim _send = new(1, 1);

    /// <summary>v2: the positions and in-flight orders of the terminal's current sweep, until its sync_end.</summary>
    private readonly List<Engine.Commands.VenuePosition> _sweepPositions = [];
    private readonly HashSet<ulong> _sweepInFlight = [];
    private readonly List<(ulong Mt5OrderTicket, ulong OrderTicket)> _sweepOrders = [];

    /// <summary>At most this many positions (or in-flight orders) in one sweep; more closes the connection.</summary>
    private const int MaxSweepItems = 100_000;

    public BridgeSession(Stream stream, BridgeFeed feed, ITickWriter writer, BridgeOptions options, TimeProvider time)
    {
        _stream = stream;
        _feed = feed;
        _writer = writer;
        _options = options;
        _time = time;
    }

    /// <summary>
    /// Runs the connection to its end on a thread of its own: the handshake (a hello within HandshakeTimeoutMs), then
    /// the frames at a lower OS priority (<see cref="IngestPriority"/>), so the parse and conflation of a flood never
    /// take the CPU from the threads that acknowledge orders. The reads block that thread in the kernel
    /// (<see cref="BlockingSocketStream"/>); stopping or aborting the session closes the socket, which ends them.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Run(cancellationToken);
                done.TrySetResult();
            }
            catch (Exception error) when (cancellationToken.IsCancellationRequested && error is OperationCanceledException or IOException or ObjectDisposedException)
            {
                done.TrySetCanceled(cancellationToken);
            }
            catch (Exception error)
            {
                done.TrySetException(error);
            }
        })
        {
            IsBackground = true,
            Name = "bridge-ingest",
        };
        using (cancellationToken.Register(() => Abort("the feed is stopping")))
        {
            thread.Start();
            await done.Task.ConfigureAwait(false);
        }
    }

    private void Run(CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024));
        if (!Handshake(reader, cancellationToken))
        {
            return;
        }

        IngestPriority.LowerCurrentThread();
        ReadFrames(reader, cancellationToken);
    }

    /// <summary>Reads and answers the hello; false when the connection was refused (or left) instead.</summary>
    private bool Handshake(PipeReader reader, CancellationToken cancellationToken)
    {
        var timed = _stream as BlockingSocketStream;
        ReadOnlyMemory<byte>? first;
        try
        {
            if (timed is not null)
            {
                timed.ReadTimeoutMs = _options.HandshakeTimeoutMs;
            }

            first = ReadLine(reader, cancellationToken);
        }
        catch (IOException error) when (error.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.TimedOut })
        {
            Wait(RefuseAsync($"no hello within {_options.HandshakeTimeoutMs} ms"));
            return false;
        }
        finally
        {
            _feed.HandshakeEnded();
        }

        if (timed is not null)
        {
            timed.ReadTimeoutMs = 0;
        }

        if (first is not { } hello)
        {
            return false;
        }

        var accepted = HandshakeAsync(hello);
        Wait(accepted);
        return accepted.Result;
    }

    /// <summary>
    /// The frame loop, on the ingest thread: it blocks where the async version would wait (a read with nothing
    /// buffered, a full engine input), so everything it does runs on that thread.
    /// </summary>
    private void ReadFrames(PipeReader reader, CancellationToken cancellationToken)
    {
        while (!_closed)
        {
            if (ReadLine(reader, cancellationToken) is not { } line)
            {
                Close("the terminal closed the connection");
                return;
            }

            if (BridgeTickReader.TryRead(line.Span, _announcedUtf8, out var tick))
            {
                Wait(HandleTickAsync(tick, cancellationToken));
                continue;
            }

            if (!BridgeFrameParser.TryParse(line.Span, out var message, out var error))
            {
                Wait(RefuseAsync(error!));
                return;
            }

            Wait(HandleAsync(message!, cancellationToken));
        }
    }

    private static void Wait(Task task)
    {
        if (!task.IsCompletedSuccessfully)
        {
            task.GetAwaiter().GetResult();
        }
    }

    /// <summary>Ends the session (idempotent), reporting the feed as disconnected.</summary>
    public void Close(string reason)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            _staleTimer?.Dispose();
            if (_claimed)
            {
                _feed.Release(_login, this);
                _state = FeedState.Disconnected;
                _feed.Observer.StateChanged(_name, FeedState.Disconnected, reason, [.. _announced]);
                if (_version >= 2 && _feed.Trades is { } trades)
                {
                    // Reported after the release: a terminal reconnecting at once reports "connected" after this.
                    _ = trades.LinkChangedAsync(_login, Engine.Domain.VenueLink.Down);
                }
            }
        }
    }

    public void Dispose()
    {
        Close("session ended");
        _send.Dispose();
    }

    /// <summary>Ends the session and drops its connection (a read waiting on a dead socket ends with it).</summary>
    internal void Abort(string reason)
    {
        Close(reason);
        try
        {
            _stream.Dispose();
        }
        catch (Exception error) when (error is IOException or ObjectDisposedException)
        {
            // Already gone.
        }
    }

    /// <summary>Silent (no tick, no heartbeat) for longer than the stale threshold: likely a dead connection.</summary>
    internal bool IsSilent => _time.GetUtcNow().ToUnixTimeMilliseconds() - Volatile.Read(ref _lastActivityMs) > _options.StaleAfterMs;

    /// <summary>An open v2 session: orders can be sent to it.</summary>
    internal bool Routes => !_closed && _version >= 2;

    private void MarkActive()
    {
        Volatile.Write(ref _lastActivityMs, _time.GetUtcNow().ToUnixTimeMilliseconds());
        lock (_gate)
        {
            if (!_closed && _state != FeedState.Connected)
            {
                var reason = _state == FeedState.Stale ? "data resumed" : "hello accepted";
                _state = FeedState.Connected;
                _feed.Observer.StateChanged(_name, FeedState.Connected, reason, [.. _announced]);
            }
        }
    }

    private void CheckStale()
    {
        var silentMs = _time.GetUtcNow().ToUnixTimeMilliseconds() - Volatile.Read(ref _lastActivityMs);
        lock (_gate)
        {
            if (!_closed && _state == FeedState.Connected && silentMs > _options.StaleAfterMs)
            {
                _state = FeedState.Stale;
                _feed.Observer.StateChanged(_name, FeedState.Stale, $"no tick or heartbeat for {silentMs} ms", [.. _announced]);
            }
        }
    }
}
