using Grpc.Core;
using TradingCore.Grpc.Validation;
using TradingCore.Security;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Grpc;

/// <summary>trading.v1.Auth: API key → access token, and token refresh.</summary>
internal sealed class AuthService(ApiKeyRegistry keys, TokenIssuer tokens, LoginThrottle throttle, Diagnostics.TradingCoreMetrics metrics) : Wire.Auth.AuthBase
{
    private const int MaxKeyIdLength = 32;
    private const int MaxSecretLength = 128;

    public override Task<Wire.LoginResponse> Login(Wire.LoginRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrEmpty(request.KeyId) || request.KeyId.Length > MaxKeyIdLength)
        {
            errors.Add("key_id", $"is required (at most {MaxKeyIdLength} characters)");
        }

        if (string.IsNullOrEmpty(request.Secret) || request.Secret.Length > MaxSecretLength)
        {
            errors.Add("secret", $"is required (at most {MaxSecretLength} characters)");
        }

        errors.ThrowIfAny();
        var address = context.GetHttpContext().Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (throttle.RetryAfter(request.KeyId, address) is { } wait)
        {
            metrics.AuthFailed("login_backoff");
            throw RetryLater(wait);
        }

        var key = keys.Authenticate(request.KeyId, request.Secret);
        if (key is null)
        {
            throttle.Failed(request.KeyId, address);
            metrics.AuthFailed("login");
            throw new RpcException(new Status(StatusCode.Unauthenticated, "invalid API key"));
        }

        throttle.Succeeded(request.KeyId, address);
        return Task.FromResult(new Wire.LoginResponse { AccessToken = tokens.Issue(key) });
    }

    /// <summary>RESOURCE_EXHAUSTED with google.rpc.RetryInfo: too many failed logins from this address or for this key.</summary>
    private static RpcException RetryLater(TimeSpan wait) => new Google.Rpc.Status
    {
        Code = (int)Google.Rpc.Code.ResourceExhausted,
        Message = $"too many failed logins; retry after {Math.Ceiling(wait.TotalSeconds):0} s",
        Details = { Google.Protobuf.WellKnownTypes.Any.Pack(new Google.Rpc.RetryInfo { RetryDelay = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(wait) }) },
    }.ToRpcException();

    public override Task<Wire.RefreshTokenResponse> RefreshToken(Wire.RefreshTokenRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        var key = keys.Get(caller.KeyId) is { IsActive: true } active
            ? active
            : throw new RpcException(new Status(StatusCode.Unauthenticated, "the API key was revoked"));
        return Task.FromResult(new Wire.RefreshTokenResponse { AccessToken = tokens.Issue(key) });
    }
}
