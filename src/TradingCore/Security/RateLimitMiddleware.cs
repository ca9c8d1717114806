using System.Threading.RateLimiting;

namespace TradingCore.Security;

/// <summary>
/// Applies <see cref="CallRateLimiter"/> to every call: within its bucket the call goes on (synchronously, no state
/// machine: a token bucket's lease holds nothing to release at the call's end); beyond, it ends RESOURCE_EXHAUSTED
/// with google.rpc.RetryInfo saying when to retry (HTTP/JSON: 429 with Retry-After and the JSON error body).
/// </summary>
internal sealed class RateLimitMiddleware(RequestDelegate next, CallRateLimiter limiter, Diagnostics.TradingCoreMetrics metrics)
{
    public Task InvokeAsync(HttpContext context)
    {
        using var lease = limiter.Acquire(context);
        if (lease.IsAcquired)
        {
            return next(context);
        }

        metrics.AuthFailed("rate_limited");
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        return GrpcRateLimiting.RefuseAsync(context, $"rate limit exceeded; retry after {retryAfter.TotalMilliseconds:0} ms", retryAfter);
    }
}
