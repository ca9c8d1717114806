using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using TradingCore.Hosting;
using TradingCore.HttpJson;

namespace TradingCore.Security;

/// <summary>
/// How a call refused for load (<see cref="RateLimitMiddleware"/>, <see cref="Hosting.CallsInFlightMiddleware"/>)
/// ends: a gRPC call as RESOURCE_EXHAUSTED with google.rpc.RetryInfo saying when to retry, in a trailers-only
/// response; an HTTP/JSON call as 429 with Retry-After and a JSON body.
/// </summary>
internal static class GrpcRateLimiting
{
    /// <summary>
    /// Ends a call RESOURCE_EXHAUSTED with google.rpc.RetryInfo in its own protocol: a gRPC trailers-only response, or
    /// for HTTP/JSON 429 with Retry-After (whole seconds, at least 1) and the JSON error shape of every other error.
    /// </summary>
    public static Task RefuseAsync(HttpContext http, string message, TimeSpan retryAfter)
    {
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.ResourceExhausted,
            Message = message,
            Details = { Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(retryAfter) }) },
        };
        var response = http.Response;
        if (AuthChallenge.IsGrpc(http.Request))
        {
            GrpcStatus.WriteTrailersOnly(response, status.Code, status.Message, Convert.ToBase64String(status.ToByteArray()).TrimEnd('='));
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return JsonError.WriteAsync(response, status);
    }
}
