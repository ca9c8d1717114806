using TradingCore.HttpJson;
using TradingCore.Security;

namespace TradingCore.Hosting;

/// <summary>
/// While the core recovers its state the server already listens: health, reflection and metrics answer (health
/// NOT_SERVING), and every other call is refused UNAVAILABLE "starting" in its own protocol (gRPC trailers-only
/// status 14; HTTP/JSON 503 with Retry-After and the JSON error shape), before authentication could refuse it for
/// keys that are not loaded yet. A hot standby waiting for the store's lease says so (clients with several
/// endpoints go to the next). Once the engine runs this costs one volatile read per request.
/// </summary>
internal sealed class StartupGateMiddleware(RequestDelegate next, TradingCoreHost host)
{
    private const int Unavailable = 14;
    private const string Message = "the core is starting (recovering state); retry shortly";
    private const string StandbyMessage = "this core is a standby (another core holds the store's lease): use the active core's endpoint";

    public Task InvokeAsync(HttpContext context)
    {
        if (host.EngineOrNull is not null || IsAlwaysOpen(context.Request.Path))
        {
            return next(context);
        }

        var message = host.Standby ? StandbyMessage : Message;
        if (AuthChallenge.IsGrpc(context.Request))
        {
            GrpcStatus.WriteTrailersOnly(context.Response, Unavailable, message);
            return Task.CompletedTask;
        }

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "1";
        return JsonError.WriteAsync(context.Response, new Google.Rpc.Status { Code = Unavailable, Message = message });
    }

    private static bool IsAlwaysOpen(PathString path) =>
        path.StartsWithSegments("/grpc.health.v1.Health", StringComparison.Ordinal)
        || path.Value?.StartsWith("/grpc.reflection.", StringComparison.Ordinal) == true
        || path.StartsWithSegments(PortRole.MetricsPath, StringComparison.Ordinal)
        || path.StartsWithSegments(ServiceCollectionExtensions.HealthPath, StringComparison.Ordinal)
        || path.StartsWithSegments(OpenApiDescription.Path, StringComparison.Ordinal);
}
