using Microsoft.Extensions.Primitives;

namespace TradingCore.Grpc;

/// <summary>
/// A unary or server-streaming request whose bytes are not a valid protobuf message fails inside grpc-dotnet,
/// before any interceptor runs, and would end as UNKNOWN. Every exception of the service code is already mapped
/// by <see cref="ExceptionInterceptor"/>, so an UNKNOWN status in a trailers-only response can only come from
/// decoding the request: this middleware reports it as INVALID_ARGUMENT, the caller's fault it is.
/// </summary>
internal sealed class UndecodableRequestMiddleware(RequestDelegate next)
{
    private const string StatusHeader = "grpc-status";
    private const string Unknown = "2";
    private const string InvalidArgument = "3";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true)
        {
            context.Response.OnStarting(ReportUndecodable, context); // static: no closure per call
        }

        return next(context);
    }

    private static Task ReportUndecodable(object state)
    {
        var headers = ((HttpContext)state).Response.Headers;
        if (headers.TryGetValue(StatusHeader, out var status) && status == Unknown)
        {
            headers[StatusHeader] = InvalidArgument;
            headers["grpc-message"] = new StringValues("the request is not a valid protobuf message");
        }

        return Task.CompletedTask;
    }
}
