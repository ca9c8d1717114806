using System.Diagnostics;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Http.Features;
using TradingCore.Security;

namespace TradingCore.Diagnostics;

/// <summary>
/// Records every call's end with its gRPC status (<see cref="TradingCoreMetrics.RpcEnded"/>), outermost in the
/// pipeline so refusals before the service runs (authentication, rate limits, startup, undecodable requests) are
/// counted too. A gRPC call's status is its grpc-status trailer (or header, for a trailers-only answer); an HTTP/JSON
/// call's is the gRPC status its HTTP status stands for.
/// </summary>
internal sealed class RpcMetricsMiddleware(RequestDelegate next, TradingCoreMetrics metrics)
{
    private const string Unknown = "unknown";

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            Record(context, started);
        }
    }

    private void Record(HttpContext context, long started)
    {
        var grpc = AuthChallenge.IsGrpc(context.Request);
        var method = context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method;
        if (method is null && !grpc)
        {
            return; // health route, OpenAPI document, metrics, unknown HTTP paths: not calls
        }

        var code = grpc ? GrpcCode(context) : HttpJson.JsonError.CodeOf(context.Response.StatusCode) is var mapped && context.Response.StatusCode < 400 ? 0 : mapped;
        metrics.RpcEnded(method?.ServiceName ?? Unknown, method?.Name ?? Unknown, code, grpc ? "grpc" : "http_json", Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>The call's grpc-status; CANCELLED when the client went away before one was written, INTERNAL when none was.</summary>
    private static int GrpcCode(HttpContext context)
    {
        var status = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers["grpc-status"] is { Count: > 0 } trailer
            ? trailer.ToString()
            : context.Response.Headers["grpc-status"].ToString();
        if (int.TryParse(status, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code))
        {
            return code;
        }

        return context.RequestAborted.IsCancellationRequested ? 1 : 13;
    }
}
