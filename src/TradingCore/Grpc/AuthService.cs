using Grpc.Core;
using TradingCore.Grpc.Validation;
using TradingCore.Security;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Grpc;

/// <summary>trading.v1.Auth: API key → access token, and token refresh.</summary>
internal sealed class AuthService(ApiKeyRegistry keys, TokenIssuer tokens, Diagnostics.TradingCoreMetrics metrics) : Wire.Auth.AuthBase
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
        var key = keys.Authenticate(request.KeyId, request.Secret);
        if (key is null)
        {
            metrics.AuthFailed("login");
            throw new RpcException(new Status(StatusCode.Unauthenticated, "invalid API key"));
        }

        return Task.FromResult(new Wire.LoginResponse { AccessToken = tokens.Issue(key) });
    }

    public override Task<Wire.RefreshTokenResponse> RefreshToken(Wire.RefreshTokenRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        var key = keys.Get(caller.KeyId) is { IsActive: true } active
            ? active
            : throw new RpcException(new Status(StatusCode.Unauthenticated, "the API key was revoked"));
        return Task.FromResult(new Wire.RefreshTokenResponse { AccessToken = tokens.Issue(key) });
    }
}
