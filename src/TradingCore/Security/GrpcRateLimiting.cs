using System.Threading.RateLimiting;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Microsoft.AspNetCore.RateLimiting;
using TradingCore.Configuration;
using TradingCore.Hosting;
using TradingCore.HttpJson;

namespace TradingCore.Security;

/// <summary>
/// Per-key request limits with ASP.NET Core rate limiting: a token bucket per API key (per remote address for
/// anonymous calls such as login). A refused gRPC call ends as RESOURCE_EXHAUSTED with google.rpc.RetryInfo saying
/// when to retry, in a trailers-only response; a refused HTTP/JSON call as 429 with Retry-After and a JSON body.
/// </summary>
internal static class GrpcRateLimiting
{
    public static IServiceCollection AddGrpcRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<TradingCoreOptions>((limiter, options) =>
        {
            var auth = options.Auth;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                // The caller TokenAuthenticationMiddleware found; anonymous callers (login, health, reflection, bad
                // tokens) get a much smaller bucket per address: a login flood is refused here, before any gRPC
                // work, and costs the server next to nothing.
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
            limiter.OnRejected = (rejected, _) => Reject(rejected);
        });
        return services;
    }

    private static ValueTask Reject(OnRejectedContext rejected)
    {
        rejected.HttpContext.RequestServices.GetService<Diagnostics.TradingCoreMetrics>()?.AuthFailed("rate_limited");
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        return new ValueTask(RefuseAsync(rejected.HttpContext, $"rate limit exceeded; retry after {retryAfter.TotalMilliseconds:0} ms", retryAfter));
    }

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
