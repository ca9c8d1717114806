using Microsoft.IdentityModel.Tokens;
using TradingCore.HttpJson;

namespace TradingCore.Security;

/// <summary>
/// Answers a call without a valid token in the caller's own protocol, instead of ASP.NET Core's bare HTTP 401 (which
/// gRPC clients report as "unexpected HTTP status code ... missing content-type"): a gRPC call gets a trailers-only
/// response with status UNAUTHENTICATED and the reason as its message; an HTTP/JSON call gets 401 with the JSON
/// error shape every other HTTP/JSON error has (<c>{"code":16,"message":...,"details":[]}</c>).
/// </summary>
internal static class AuthChallenge
{
    private const int Unauthenticated = 16;

    /// <summary>Answers a call that has no caller; <paramref name="outcome"/> is its token's, null when it sent none.</summary>
    public static Task WriteAsync(HttpContext context, TokenOutcome? outcome)
    {
        var failure = outcome?.Failure;
        var reason = Reason(failure, outcome is not null);
        var response = context.Response;
        if (IsGrpc(context.Request))
        {
            GrpcStatus.WriteTrailersOnly(response, Unauthenticated, reason);
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.Headers.WWWAuthenticate = failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        return JsonError.WriteAsync(response, new Google.Rpc.Status { Code = Unauthenticated, Message = reason });
    }

    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>Why the token was refused, in words a bot author can act on (never the token itself).</summary>
    private static string Reason(Exception? failure, bool tokenSent) => failure switch
    {
        null when !tokenSent => "an access token is required: log in with Auth/Login and send 'authorization: Bearer <token>'",
        null => "the authorization header must be 'Bearer <token>'",
        SecurityTokenExpiredException => "the access token expired: log in again or refresh it before it expires",
        SecurityTokenNotYetValidException => "the access token is not valid yet (check the client's clock)",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "the access token's signature is not valid (signed by another server or key)",
        SecurityTokenMalformedException or ArgumentException => "the access token is malformed",
        SecurityTokenInvalidIssuerException or SecurityTokenInvalidAudienceException => "the access token was issued for another service",
        SecurityTokenInvalidAlgorithmException => "the access token's algorithm is not accepted",
        _ when failure.Message == ApiKeyRevoked => ApiKeyRevoked,
        _ => "the access token is not valid",
    };

    /// <summary>The failure message of a token whose API key was revoked.</summary>
    public const string ApiKeyRevoked = "the API key of this access token was revoked";
}

/// <summary>A gRPC status written as a trailers-only response (for refusals before the gRPC service runs).</summary>
internal static class GrpcStatus
{
    public static void WriteTrailersOnly(HttpResponse response, int code, string message, string? detailsBase64 = null)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = Uri.EscapeDataString(message);
        if (detailsBase64 is not null)
        {
            response.Headers["grpc-status-details-bin"] = detailsBase64;
        }
    }
}
