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
        await SendAsync(BridgeOutgoing.Welcome(_acceptor.ResumePoints())).ConfigureAwait(false);
        MarkActive();
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
        await _stream.WriteAsync(frame).ConfigureAwait(false);
        await _stream.FlushAsync().ConfigureAwait(false);
    }
}
