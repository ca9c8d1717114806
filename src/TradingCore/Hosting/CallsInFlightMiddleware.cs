using Grpc.AspNetCore.Server;
using Grpc.Core;
using TradingCore.Configuration;
using TradingCore.Security;

namespace TradingCore.Hosting;

/// <summary>
/// Bounds the unary trading calls the core works on at once (TradingCore:Engine:MaxCallsInFlight): every unary method
/// of package trading.v1, by gRPC or HTTP/JSON, except Auth (logins have their own per-address limits) and Admin (an
/// operator must be able to halt trading while the core is overloaded). Beyond the bound a call is refused at once,
/// before authentication and decoding, RESOURCE_EXHAUSTED with google.rpc.RetryInfo (HTTP/JSON: 429, Retry-After).
/// Without it a load the core cannot follow queues without limit, every queued request costs more as its memory
/// grows, and acks come seconds late for every client (docs/benchmarks.md, "Why an open loop at half the maximum can
/// fall seconds behind"). Streams are bounded per key instead (Auth:MaxStreamsPerKey), and not counted here.
/// </summary>
internal sealed class CallsInFlightMiddleware(RequestDelegate next, TradingCoreOptions options)
{
    /// <summary>The retry delay a refused call is given: about what a backlog at the bound takes to drain.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromMilliseconds(100);

    private int _inFlight;

    /// <summary>Calls counted now (tests and diagnostics).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public Task InvokeAsync(HttpContext context) =>
        options.Engine.MaxCallsInFlight > 0 && IsCounted(context) ? InvokeCountedAsync(context, options.Engine.MaxCallsInFlight) : next(context);

    private async Task InvokeCountedAsync(HttpContext context, int limit)
    {
        if (Interlocked.Increment(ref _inFlight) > limit)
        {
            Interlocked.Decrement(ref _inFlight);
            context.RequestServices?.GetService<Diagnostics.TradingCoreMetrics>()?.CallRefusedBusy();
            await GrpcRateLimiting.RefuseAsync(
                context,
                $"the core is working on {limit} calls (TradingCore:Engine:MaxCallsInFlight); retry after {RetryAfter.TotalMilliseconds:0} ms",
                RetryAfter).ConfigureAwait(false);
            return;
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static bool IsCounted(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method is { Type: MethodType.Unary } method
        && method.ServiceName.StartsWith("trading.v1.", StringComparison.Ordinal)
        && method.ServiceName is not ("trading.v1.Auth" or "trading.v1.Admin");
}
