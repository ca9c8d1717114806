using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace TradingCore.HttpJson;

/// <summary>
/// The one HTTP/JSON error body: google.rpc.Status in protobuf JSON (<c>{"code", "message", "details"}</c>, details
/// as <c>Any</c> with their <c>@type</c>), the shape gRPC JSON transcoding writes for a service's error. Every error
/// the core answers over HTTP (authentication, rate limits, startup, malformed requests, unknown routes) uses it.
/// </summary>
internal static class JsonError
{
    /// <summary>The error-detail types the core attaches; the transcoder's settings use the same registry.</summary>
    public static readonly TypeRegistry DetailTypes = TypeRegistry.FromMessages(
        Google.Rpc.BadRequest.Descriptor,
        Google.Rpc.RetryInfo.Descriptor,
        Google.Rpc.ErrorInfo.Descriptor,
        Google.Rpc.QuotaFailure.Descriptor,
        Google.Rpc.PreconditionFailure.Descriptor);

    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithTypeRegistry(DetailTypes).WithFormatDefaultValues(true));

    public static Task WriteAsync(HttpResponse response, Google.Rpc.Status status)
    {
        response.ContentType = "application/json; charset=utf-8";
        return response.WriteAsync(Formatter.Format(status));
    }

    /// <summary>The gRPC status code an HTTP error status stands for (the inverse of the standard mapping).</summary>
    public static int CodeOf(int httpStatus) => httpStatus switch
    {
        StatusCodes.Status400BadRequest => 3,
        StatusCodes.Status401Unauthorized => 16,
        StatusCodes.Status403Forbidden => 7,
        StatusCodes.Status404NotFound => 5,
        StatusCodes.Status405MethodNotAllowed => 12,
        StatusCodes.Status409Conflict => 6,
        StatusCodes.Status413PayloadTooLarge => 8,
        StatusCodes.Status415UnsupportedMediaType => 3,
        StatusCodes.Status429TooManyRequests => 8,
        StatusCodes.Status501NotImplemented => 12,
        StatusCodes.Status503ServiceUnavailable => 14,
        StatusCodes.Status504GatewayTimeout => 4,
        >= 500 => 13,
        _ => 3,
    };
}
