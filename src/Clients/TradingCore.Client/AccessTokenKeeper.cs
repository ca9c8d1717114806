using Grpc.Core;
using TradingCore.Contracts.V1;

namespace TradingCore.Client;

/// <summary>
/// Holds the access token every call carries. With an API key configured it logs in on first use, refreshes the
/// token when less than <see cref="TradingCoreClientOptions.TokenRefreshMargin"/> is left, and logs in again when
/// the server stops accepting it. One login at a time, shared by every call of the client.
/// </summary>
internal sealed class AccessTokenKeeper(TradingCoreClientOptions options)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile AccessToken? _token;

    /// <summary>The Auth client calls go through (set once by the client that owns this keeper).</summary>
    public Auth.AuthClient? Auth { get; set; }

    public string? Current => _token?.Token;

    public AccessToken? Token => _token;

    public bool CanLogIn => options.HasCredentials;

    public void Set(AccessToken? token) => _token = token;

    /// <summary>Makes sure a usable token is held when credentials allow getting one; a no-op otherwise.</summary>
    public async ValueTask EnsureAsync(CancellationToken cancellationToken)
    {
        if (!CanLogIn || IsFresh(_token))
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (IsFresh(_token))
            {
                return;
            }

            if (_token is not null && !IsExpired(_token))
            {
                try
                {
                    _token = (await AuthClient.RefreshTokenAsync(new RefreshTokenRequest(), WithToken(_token.Token, cancellationToken)).ConfigureAwait(false)).AccessToken;
                    return;
                }
                catch (RpcException error) when (error.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied)
                {
                    // The key or token is no longer accepted as it is: a full login decides.
                }
            }

            _token = await LogInCoreAsync(options.ApiKeyId!, options.ApiKeySecret!, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Drops the held token (the server refused it) so the next <see cref="EnsureAsync"/> logs in again.</summary>
    public void Invalidate(string? refused)
    {
        var held = _token;
        if (held is not null && held.Token == refused)
        {
            _token = null;
        }
    }

    public async Task<AccessToken> LogInAsync(string keyId, string secret, CancellationToken cancellationToken)
    {
        var token = await LogInCoreAsync(keyId, secret, cancellationToken).ConfigureAwait(false);
        _token = token;
        return token;
    }

    public async Task<AccessToken> RefreshAsync(CancellationToken cancellationToken)
    {
        var token = await AuthClient.RefreshTokenAsync(new RefreshTokenRequest(), WithToken(_token?.Token, cancellationToken)).ConfigureAwait(false);
        _token = token.AccessToken;
        return token.AccessToken;
    }

    private Auth.AuthClient AuthClient => Auth ?? throw new InvalidOperationException("the token keeper has no Auth client");

    private async Task<AccessToken> LogInCoreAsync(string keyId, string secret, CancellationToken cancellationToken) =>
        (await AuthClient.LoginAsync(new LoginRequest { KeyId = keyId, Secret = secret }, WithToken(null, cancellationToken)).ConfigureAwait(false)).AccessToken;

    private CallOptions WithToken(string? token, CancellationToken cancellationToken)
    {
        var headers = new Metadata();
        if (token is not null)
        {
            headers.Add("authorization", "Bearer " + token);
        }

        return new CallOptions(headers, DateTime.UtcNow.Add(options.DefaultDeadline), cancellationToken);
    }

    private bool IsFresh(AccessToken? token) =>
        token is not null && (token.ExpiresAtMs == 0 || options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds() + (long)options.TokenRefreshMargin.TotalMilliseconds < token.ExpiresAtMs);

    private bool IsExpired(AccessToken token) =>
        token.ExpiresAtMs != 0 && options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds() >= token.ExpiresAtMs;
}
