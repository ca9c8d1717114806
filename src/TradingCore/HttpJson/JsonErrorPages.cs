using TradingCore.Security;

namespace TradingCore.HttpJson;

/// <summary>
/// Gives an HTTP error that left without a body (an unknown route's 404, a wrong method's 405, a refused port's 404)
/// the one JSON error shape, so an HTTP client parses every error the same way. gRPC calls are untouched.
/// </summary>
internal sealed class JsonErrorPages(RequestDelegate next)
{
    // A gRPC call passes straight through: no state machine of this middleware on the order's path.
    public Task InvokeAsync(HttpContext context) => AuthChallenge.IsGrpc(context.Request) ? next(context) : InvokeHttpAsync(context);

    private async Task InvokeHttpAsync(HttpContext context)
    {
        await next(context).ConfigureAwait(false);
        var response = context.Response;
        if (response.HasStarted || response.StatusCode < 400 || response.ContentType is not null || response.ContentLength is > 0)
        {
            return;
        }

        var message = response.StatusCode switch
        {
            StatusCodes.Status404NotFound => $"no route {context.Request.Path}",
            StatusCodes.Status405MethodNotAllowed => $"{context.Request.Method} is not allowed on {context.Request.Path} (allowed: {response.Headers.Allow})",
            _ => $"HTTP {response.StatusCode}",
        };
        await JsonError.WriteAsync(response, new Google.Rpc.Status { Code = JsonError.CodeOf(response.StatusCode), Message = message }).ConfigureAwait(false);
    }
}
