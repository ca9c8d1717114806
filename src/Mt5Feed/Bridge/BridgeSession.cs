using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using TradingCore.Engine.Domain;

namespace TradingCore.Mt5Feed.Bridge;

/// <summary>
/// One terminal's connection: handshake, then symbols, ticks and heartbeats until the peer leaves. Any protocol
/// violation sends an `error` line and closes this connection only. Ticks are converted from trade-server time to
/// UTC and written to the engine in order (waiting when the engine is full: TCP backpressure to the terminal).
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
    private bool _closed;

    public BridgeSession(Stream stream, BridgeFeed feed, ITickWriter writer, BridgeOptions options, TimeProvider time)
    {
        _stream = stream;
        _feed = feed;
        _writer = writer;
        _options = options;
        _time = time;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024));
        using (var handshake = new CancellationTokenSource(TimeSpan.FromMilliseconds(_options.HandshakeTimeoutMs), _time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, handshake.Token))
        {
            ReadOnlyMemory<byte>? first;
            try
            {
                first = await ReadLineAsync(reader, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (handshake.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                await RefuseAsync($"no hello within {_options.HandshakeTimeoutMs} ms").ConfigureAwait(false);
                return;
            }

            if (first is not { } hello || !await HandshakeAsync(hello).ConfigureAwait(false))
            {
                return;
            }
        }

        // After the handshake the frames are read on a thread of their own at a lower OS priority (IngestPriority):
        // the parse and conflation of a flood never take the CPU from the threads that acknowledge orders.
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ingest = new Thread(() =>
        {
            IngestPriority.LowerCurrentThread();
            try
            {
                ReadFrames(reader, cancellationToken);
                done.TrySetResult();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
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
        ingest.Start();
        await done.Task.ConfigureAwait(false);
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
                Wait(HandleAsync(tick!, cancellationToken));
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
            }
        }
    }

    public void Dispose() => Close("session ended");

    private async Task<bool> HandshakeAsync(ReadOnlyMemory<byte> line)
    {
        if (!BridgeFrameParser.TryParse(line.Span, out var message, out var error))
        {
            await RefuseAsync(error!).ConfigureAwait(false);
            return false;
        }

        if (message is not BridgeHello hello)
        {
            await RefuseAsync("the first message must be hello").ConfigureAwait(false);
            return false;
        }

        if (hello.Version != BridgeFrameParser.Version)
        {
            await RefuseAsync($"protocol version {hello.Version} is not supported (this core speaks {BridgeFrameParser.Version})").ConfigureAwait(false);
            return false;
        }

        if (!_feed.IsKnown(hello.Login, hello.Secret))
        {
            await RefuseAsync("unknown login or wrong secret").ConfigureAwait(false);
            return false;
        }

        if (!_feed.TryClaim(hello.Login, this))
        {
            await RefuseAsync($"login {hello.Login} is already connected").ConfigureAwait(false);
            return false;
        }

        _claimed = true;
        _login = hello.Login;
        _name = $"bridge:{hello.Login}";
        _offsetMs = hello.ServerUtcOffsetSeconds * 1000L;
        _acceptor = _feed.AcceptorFor(hello.Login);
        await SendAsync(Welcome(_acceptor.ResumePoints())).ConfigureAwait(false);
        MarkActive();
        var period = TimeSpan.FromMilliseconds(Math.Max(50, _options.StaleAfterMs / 4));
        _staleTimer = _time.CreateTimer(_ => CheckStale(), null, period, period);
        return true;
    }

    private async Task HandleAsync(BridgeMessage message, CancellationToken cancellationToken)
    {
        switch (message)
        {
            case BridgeTick tick:
                if (!_announced.TryGetValue(tick.Symbol, out var symbol))
                {
                    if (_refusedSymbols.Contains(tick.Symbol))
                    {
                        _feed.Observer.Refused(_name, "symbol_refused", "tick for a symbol whose specification was refused");
                        MarkActive();
                        return;
                    }

                    await RefuseAsync("symbol: tick for a symbol before its symbol message").ConfigureAwait(false);
                    return;
                }

                // Server time to UTC; a time far beyond the admitted range is not converted (it could overflow).
                var timeMs = tick.TimeMsc <= ValueRanges.EndTimeMs + MaxOffsetMs ? tick.TimeMsc - _offsetMs : long.MaxValue;
                var converted = new Tick(symbol, timeMs, tick.Bid, tick.Ask, tick.Last, tick.Volume, tick.Flags);
                if (TickRules.Check(converted) is var rejection and not TickRejection.None)
                {
                    // One bad value refuses this frame only: the terminal's other symbols keep flowing.
                    _feed.Observer.Refused(_name, "tick_out_of_range", $"tick for {symbol} refused: {TickRules.Describe(rejection)}");
                    MarkActive();
                    return;
                }

                var verdict = _acceptor!.Accept(tick);
                if (verdict != TickAcceptor.Verdict.Accepted)
                {
                    _feed.Observer.Rejected(_name, verdict == TickAcceptor.Verdict.Duplicate ? "duplicate tick" : "out-of-order tick");
                    MarkActive();
                    return;
                }

                await _writer.WriteAsync(converted, cancellationToken).ConfigureAwait(false);
                MarkActive();
                break;
            case BridgeSymbol announced when SymbolSpecRules.Problems(announced.Spec) is [var (field, problem), ..]:
                // The same ranges as the Admin API: a refused spec is not stored, its ticks are dropped and counted.
                if (_refusedSymbols.Count < MaxRefusedSymbols && SymbolNames.IsValid(announced.Spec.Name))
                {
                    _refusedSymbols.Add(announced.Spec.Name);
                }

                _feed.Observer.Refused(_name, "symbol_out_of_range", field == "name" ? $"symbol refused: name {problem}" : $"symbol {announced.Spec.Name} refused: {field} {problem}");
                MarkActive();
                break;
            case BridgeSymbol announced:
                _refusedSymbols.Remove(announced.Spec.Name);
                if (_announced.Add(announced.Spec.Name))
                {
                    _announcedUtf8.Add(new(System.Text.Encoding.UTF8.GetBytes(announced.Spec.Name), announced.Spec.Name));
                }

                _feed.Announced(announced.Spec.Name);
                _feed.Observer.SymbolAnnounced(_name, announced.Spec);
                MarkActive();
                break;
            case BridgeHeartbeat:
                MarkActive();
                break;
            case BridgeBye:
                Close("the terminal said bye");
                break;
            case BridgeHello:
                await RefuseAsync("hello: already received").ConfigureAwait(false);
                break;
        }
    }

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

    /// <summary>Reads one line (without its line break); null at end of stream. Closes on an oversized line.</summary>
    private async Task RefuseAsync(string reason)
    {
        _feed.Observer.Rejected(_name, reason);
        try
        {
            await SendAsync(JsonSerializer.Serialize(new Dictionary<string, object> { ["type"] = "error", ["reason"] = reason })).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The peer may already be gone; the connection closes either way.
        }

        Close(reason);
    }

    private static string Welcome(Dictionary<string, long> resume) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["type"] = "welcome", ["v"] = BridgeFrameParser.Version, ["resume"] = resume });

    private async Task SendAsync(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json + "\n");
        await _stream.WriteAsync(bytes).ConfigureAwait(false);
        await _stream.FlushAsync().ConfigureAwait(false);
    }
}
