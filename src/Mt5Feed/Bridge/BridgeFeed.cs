using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace TradingCore.Mt5Feed.Bridge;

/// <summary>
/// The live MT5 bridge: a TCP listener (loopback by default) that Expert Advisors dial into, one connection per
/// configured MT5 login. Each connection is a <see cref="BridgeSession"/>; a bad or hostile peer only ever closes
/// its own connection. Protocol: docs/mt5-bridge-protocol.md.
/// </summary>
public sealed class BridgeFeed : IMarketFeed
{
    private readonly BridgeOptions _options;
    private readonly IFeedObserver _observer;
    private readonly TimeProvider _time;
    private readonly Dictionary<long, string> _secrets;
    private readonly ConcurrentDictionary<long, BridgeSession> _connected = new();
    private readonly ConcurrentDictionary<long, TickAcceptor> _acceptors = new();
    private readonly ConcurrentDictionary<string, byte> _symbols = new(StringComparer.Ordinal);
    private readonly IPEndPoint _endpoint;
    private int _handshaking;

    /// <summary>
    /// Connections still waiting for their hello, at most: each holds a thread for up to HandshakeTimeoutMs, so a
    /// stream of connections that never speak is refused beyond this instead of costing a thread each.
    /// </summary>
    public const int MaxHandshaking = 64;

    /// <summary>A bridge listening where <paramref name="options"/> say, reporting to <paramref name="observer"/>.</summary>
    public BridgeFeed(BridgeOptions options, IFeedObserver observer, TimeProvider time)
    {
        _options = options;
        _observer = observer;
        _time = time;
        _endpoint = IPEndPoint.TryParse(options.Listen, out var endpoint)
            ? endpoint
            : throw new ArgumentException($"TradingCore:Feed:Bridge:Listen '{options.Listen}' is not host:port", nameof(options));
        if (options.Terminals.Count == 0)
        {
            throw new ArgumentException("TradingCore:Feed:Bridge:Terminals must name at least one terminal (Login and Secret)", nameof(options));
        }

        if (options.Terminals.Any(terminal => terminal.Login <= 0 || terminal.Secret.Length < 16))
        {
            throw new ArgumentException("every TradingCore:Feed:Bridge:Terminals entry needs a positive Login and a Secret of at least 16 characters", nameof(options));
        }

        _secrets = options.Terminals.ToDictionary(terminal => terminal.Login, terminal => terminal.Secret);
    }

    /// <inheritdoc />
    public string Name => "bridge";

    /// <summary>Symbols announced by connected terminals so far.</summary>
    public IReadOnlyList<string> Symbols => [.. _symbols.Keys];

    /// <summary>The bound endpoint (after RunAsync started; useful with port 0).</summary>
    public IPEndPoint? LocalEndpoint { get; private set; }

    /// <summary>Set when the listener is bound and accepting.</summary>
    public Task Listening => _listening.Task;

    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <inheritdoc />
    public async Task RunAsync(ITickWriter writer, CancellationToken cancellationToken)
    {
        using var listener = new TcpListener(_endpoint);
        listener.Start();
        LocalEndpoint = (IPEndPoint)listener.LocalEndpoint;
        _listening.TrySetResult();
        var sessions = new List<Task>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
                sessions.RemoveAll(session => session.IsCompleted);
                sessions.Add(RunSessionAsync(client, writer, cancellationToken));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            listener.Stop();
            await Task.WhenAll(sessions).ConfigureAwait(false);
        }
    }

    private async Task RunSessionAsync(TcpClient client, ITickWriter writer, CancellationToken cancellationToken)
    {
        using (client)
        {
            var stream = new BlockingSocketStream(client.Client);
            if (Interlocked.Increment(ref _handshaking) > MaxHandshaking)
            {
                HandshakeEnded();
                var reason = $"more than {MaxHandshaking} connections are waiting for their hello; try again";
                _observer.Rejected("bridge:unidentified", reason);
                try
                {
                    // A few bytes to a connection that sent nothing: they fit its empty socket buffer, this never waits.
                    stream.Write(BridgeOutgoing.Error(reason));
                }
                catch (IOException)
                {
                    // Gone already.
                }

                await stream.DisposeAsync().ConfigureAwait(false);
                return;
            }

            var session = new BridgeSession(stream, this, writer, _options, _time);
            try
            {
                await session.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
                session.Close($"connection lost: {error.GetType().Name}");
            }
            finally
            {
                session.Dispose();
            }
        }
    }

    /// <summary>A session's handshake ended (accepted, refused or abandoned): its place among the handshaking is free.</summary>
    internal void HandshakeEnded() => Interlocked.Decrement(ref _handshaking);

    /// <summary>
    /// Resume points saved before a restart, per terminal login: a terminal that reconnects is told to backfill from
    /// them (welcome.resume), and ticks at or before them are dropped as duplicates or out of order.
    /// </summary>
    public void Seed(IReadOnlyDictionary<long, List<BridgeTick>> resume)
    {
        foreach (var (login, ticks) in resume)
        {
            var acceptor = AcceptorFor(login);
            foreach (var tick in ticks)
            {
                acceptor.Seed(tick);
            }
        }
    }

    /// <summary>The last accepted tick per symbol of every terminal seen (what to save for the next start).</summary>
    public IReadOnlyDictionary<long, IReadOnlyList<BridgeTick>> ResumeTicks() =>
        _acceptors.ToDictionary(pair => pair.Key, pair => pair.Value.LastTicks());

    internal IFeedObserver Observer => _observer;

    /// <summary>Where v2 terminals' trade reports go (the order router); null: terminals give prices only.</summary>
    public ITradeObserver? Trades { get; set; }

    /// <summary>Whether a v2 session of <paramref name="login"/> is open now.</summary>
    public bool CanRoute(long login) => _connected.TryGetValue(login, out var session) && session.Routes;

    /// <summary>
    /// Asks the terminal of <paramref name="login"/> for a reconciliation sweep from <paramref name="fromUtcMs"/>.
    /// Sending an order: false when there is no connected v2 session for it (the order was certainly not sent), true
    /// when it was written (or a failed write may have sent part of it).
    /// </summary>
    public Task<bool> TrySendSyncAsync(long login, long fromUtcMs) =>
        _connected.TryGetValue(login, out var session) ? session.TrySendSyncAsync(fromUtcMs) : Task.FromResult(false);

    /// <summary>Sends an order to the terminal of its login (see above).</summary>
    public Task<bool> TrySendAsync(TradingCore.Engine.Commands.VenueRequest request) =>
        _connected.TryGetValue(request.Login, out var session) ? session.TrySendOrderAsync(request) : Task.FromResult(false);

    internal bool IsKnown(long login, string secret) =>
        _secrets.TryGetValue(login, out var expected)
        && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(expected), System.Text.Encoding.UTF8.GetBytes(secret));

    /// <summary>
    /// Claims the login for a new session. A session of the login that has been silent longer than
    /// <see cref="BridgeOptions.StaleAfterMs"/> (no tick, no heartbeat: a connection that died without a close, as a
    /// dropped network leaves it) gives way to the new one, so a terminal can always reconnect; a live one keeps it.
    /// </summary>
    internal bool TryClaim(long login, BridgeSession session)
    {
        while (!_connected.TryAdd(login, session))
        {
            if (!_connected.TryGetValue(login, out var existing))
            {
                continue; // released meanwhile: try again
            }

            if (!existing.IsSilent)
            {
                return false;
            }

            existing.Abort("replaced by a new connection of the login: this one had been silent (a dead connection)");
            _connected.TryRemove(new KeyValuePair<long, BridgeSession>(login, existing));
        }

        return true;
    }

    internal void Release(long login, BridgeSession session) => _connected.TryRemove(new KeyValuePair<long, BridgeSession>(login, session));

    internal TickAcceptor AcceptorFor(long login) => _acceptors.GetOrAdd(login, _ => new TickAcceptor());

    internal void Announced(string symbol) => _symbols.TryAdd(symbol, 0);
}
