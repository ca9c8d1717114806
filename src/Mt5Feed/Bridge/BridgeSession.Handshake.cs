namespace TradingCore.Mt5Feed.Bridge;

/// <summary>
/// A session's handshake and refusals: the first line must be a hello of this protocol version from a configured
/// login with its secret, not already connected; anything else is answered with an error frame and the connection
/// closes.
/// </summary>
internal sealed partial class BridgeSession
{
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

        if (hello.Version is < BridgeFrameParser.MinVersion or > BridgeFrameParser.Version)
        {
            await RefuseAsync($"protocol version {hello.Version} is not supported (this core speaks {BridgeFrameParser.MinVersion} to {BridgeFrameParser.Version})").ConfigureAwait(false);
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
        _version = hello.Version;
        _hello = hello;

        // v2: the terminal sweeps MT5's deals from here (server time), then lists positions and balance.
        var syncFrom = _version >= 2 && _feed.Trades is { } router ? await router.SyncFromAsync(_login).ConfigureAwait(false) : -1;
        var historyFrom = syncFrom < 0 ? (long?)null : syncFrom == 0 ? 0 : syncFrom + _offsetMs;
        await SendAsync(BridgeOutgoing.Welcome(hello.Version, _acceptor.ResumePoints(), historyFrom)).ConfigureAwait(false);
        MarkActive();

        // A v2 terminal routes orders: the engine learns its link (a v1 terminal gives prices only).
        if (_version >= 2 && _feed.Trades is { } trades)
        {
            await trades.LinkChangedAsync(_login, LinkOf(hello, hello.TradeAllowed)).ConfigureAwait(false);
        }

        var period = TimeSpan.FromMilliseconds(Math.Max(50, _options.StaleAfterMs / 4));
        _staleTimer = _time.CreateTimer(_ => CheckStale(), null, period, period);
        return true;
    }

    /// <summary>Sends an error frame (if the peer still listens) and closes this connection only.</summary>
    private async Task RefuseAsync(string reason)
    {
        _feed.Observer.Rejected(_name, reason);
        try
        {
            await SendAsync(BridgeOutgoing.Error(reason)).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The peer may already be gone; the connection closes either way.
        }

        Close(reason);
    }

    private async Task SendAsync(byte[] frame)
    {
        // The router sends orders from other threads: one frame at a time on the stream.
        await _send.WaitAsync().ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(frame).ConfigureAwait(false);
            await _stream.FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            _send.Release();
        }
    }

    /// <summary>
    /// v2: sends an order to this terminal. False when it cannot have reached the terminal (the session is closed or
    /// speaks v1): the order was not sent. A write that fails closes the session and answers true: part of the line
    /// may have reached the terminal, so the outcome is MT5's to tell (reconciliation), never a blind resend.
    /// </summary>
    internal async Task<bool> TrySendOrderAsync(Engine.Commands.VenueRequest request)
    {
        if (_closed || _version < 2)
        {
            return false;
        }

        try
        {
            await SendAsync(BridgeOutgoing.Order(request, _offsetMs)).ConfigureAwait(false);
            return true;
        }
        catch (Exception error) when (error is IOException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            Close($"connection lost while sending order {request.Order.Ticket}: {error.GetType().Name}");
            return true;
        }
    }

    /// <summary>v2: asks this terminal to sweep from <paramref name="fromUtcMs"/> (0: the whole history). False when it cannot.</summary>
    internal async Task<bool> TrySendSyncAsync(long fromUtcMs)
    {
        if (_closed || _version < 2)
        {
            return false;
        }

        try
        {
            await SendAsync(BridgeOutgoing.Sync(fromUtcMs == 0 ? 0 : fromUtcMs + _offsetMs)).ConfigureAwait(false);
            return true;
        }
        catch (Exception error) when (error is IOException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            Close($"connection lost while asking for a sweep: {error.GetType().Name}");
            return false;
        }
    }

    private static Engine.Domain.VenueLink LinkOf(BridgeHello hello, bool tradeAllowed) =>
        new(true, tradeAllowed, hello.Currency, (Engine.Domain.MarginMode)(hello.MarginMode + 1));
}
