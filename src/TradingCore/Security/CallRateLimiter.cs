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
        _limiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
        {
            var caller = http.Features.Get<TokenOutcome>()?.Caller;
            var partition = caller?.RateLimitPartition ?? "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            var (burst, perSecond) = caller is not null ? (auth.RequestBurst, auth.RequestsPerSecond) : (auth.AnonymousRequestBurst, auth.AnonymousRequestsPerSecond);
            return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, burst),
                TokensPerPeriod = Math.Max(1, perSecond),
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
    }

    /// <summary>Takes one token of the call's bucket now (never waits); a refused lease says when to retry.</summary>
    public RateLimitLease Acquire(HttpContext http) => _limiter.AttemptAcquire(http);

    public void Dispose() => _limiter.Dispose();
}
