using System.Threading.RateLimiting;
using TradingCore.Configuration;

namespace TradingCore.Security;

/// <summary>
/// Per-key request limits: a token bucket per API key, chosen by the caller <see cref="TokenAuthenticationMiddleware"/>
/// found (Auth:RequestsPerSecond, Auth:RequestBurst), and a much smaller one per remote address for calls without a
/// caller (login, health, reflection, refused tokens: Auth:AnonymousRequestsPerSecond, Auth:AnonymousRequestBurst),
/// so a login flood is refused before any gRPC work and costs the server next to nothing. Idle buckets are dropped
/// by the partitioned limiter.
/// </summary>
internal sealed class CallRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext> _limiter;

    public CallRateLimiter(TradingCoreOptions options)
    {
        var auth = options.Auth;
        // One factory per kind of bucket, made once: a partition only calls it when its bucket is first needed.
        var perKey = Buckets(auth.RequestBurst, auth.RequestsPerSecond);
        var perAddress = Buckets(auth.AnonymousRequestBurst, auth.AnonymousRequestsPerSecond);
        _limiter = PartitionedRateLimiter.Create<HttpContext, string>(http => http.Features.Get<TokenOutcome>()?.Caller is { } caller
            ? RateLimitPartition.Get(caller.RateLimitPartition, perKey)
            : RateLimitPartition.Get("ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"), perAddress));
    }

    private static Func<string, RateLimiter> Buckets(int burst, int perSecond)
    {
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, burst),
            TokensPerPeriod = Math.Max(1, perSecond),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        return _ => new TokenBucketRateLimiter(bucket);
    }

    /// <summary>Takes one token of the call's bucket now (never waits); a refused lease says when to retry.</summary>
    public RateLimitLease Acquire(HttpContext http) => _limiter.AttemptAcquire(http);

    public void Dispose() => _limiter.Dispose();
}
