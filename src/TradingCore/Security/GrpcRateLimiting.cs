using System.Threading.RateLimiting;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Microsoft.AspNetCore.RateLimiting;
using TradingCore.Hosting;

namespace TradingCore.Security;

/// <summary>
/// Per-key request limits with ASP.NET Core rate limiting: a token bucket per API key (per remote address for
/// anonymous calls such as login). A refused call ends as a gRPC RESOURCE_EXHAUSTED with google.rpc.RetryInfo
/// saying when to retry, in a trailers-only response.
/// </summary>
internal static class GrpcRateLimiting
{
    public static IServiceCollection AddGrpcRateLimiting(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var auth = http.RequestServices.GetRequiredService<TradingCoreOptions>().Auth;
                var partition = http.User.FindFirst(Caller.SubjectClaim)?.Value is { } keyId
                    ? "key:" + keyId
                    : "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
                return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(1, auth.RequestBurst),
                    TokensPerPeriod = Math.Max(1, auth.RequestsPerSecond),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.OnRejected = (rejected, _) => Reject(rejected);
        });

    private static ValueTask Reject(OnRejectedContext rejected)
    {
        rejected.HttpContext.RequestServices.GetService<Diagnostics.TradingCoreMetrics>()?.AuthFailed("rate_limited");
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.ResourceExhausted,
            Message = $"rate limit exceeded; retry after {retryAfter.TotalMilliseconds:0} ms",
            Details = { Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(retryAfter) }) },
        };
        var response = rejected.HttpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = "8";
        response.Headers["grpc-message"] = Uri.EscapeDataString(status.Message);
        response.Headers["grpc-status-details-bin"] = Convert.ToBase64String(status.ToByteArray()).TrimEnd('=');
        return ValueTask.CompletedTask;
    }
}
