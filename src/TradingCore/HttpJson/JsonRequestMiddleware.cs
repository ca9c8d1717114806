using System.Text.Json;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using TradingCore.Grpc.Validation;

namespace TradingCore.HttpJson;

/// <summary>
/// Refuses an HTTP/JSON request whose route values, query string or body do not fit its protobuf request message,
/// with 400 and field violations (see <see cref="JsonRequestCheck"/>), before gRPC JSON transcoding would refuse it
/// with a parser message that names no field (or a .NET type). Requests that fit pass unchanged (the body is
/// buffered and rewound for the transcoder). gRPC requests never reach the check: they carry no transcoding metadata.
/// </summary>
internal sealed class JsonRequestMiddleware(RequestDelegate next)
{
    // Anything but a transcoded call (a gRPC order above all) passes straight through, without a state machine.
    public Task InvokeAsync(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is { } transcoding ? CheckAsync(context, transcoding) : next(context);

    private async Task CheckAsync(HttpContext context, GrpcJsonTranscodingMetadata transcoding)
    {

        var input = transcoding.MethodDescriptor.InputType;
        var bodyField = transcoding.HttpRule.Body;
        var errors = new FieldErrors();
        foreach (var (key, value) in context.Request.RouteValues)
        {
            if (value is string text && JsonRequestCheck.Resolve(input, key, out var path) is { } field)
            {
                JsonRequestCheck.Text(field, text, path, errors);
            }
        }

        if (bodyField != "*")
        {
            foreach (var (key, values) in context.Request.Query)
            {
                if (JsonRequestCheck.Resolve(input, key, out var path) is not { } field)
                {
                    errors.Add(key, $"is not a field of {input.FullName}");
                    continue;
                }

                if (values.Count > 1 && !field.IsRepeated)
                {
                    errors.Add(path, "is given more than once");
                }

                foreach (var value in values)
                {
                    JsonRequestCheck.Text(field, value ?? "", path, errors);
                }
            }
        }

        if (bodyField.Length > 0 && HasJsonBody(context.Request))
        {
            if (await ReadBodyAsync(context).ConfigureAwait(false) is not { } body)
            {
                return;
            }

            using (body)
            {
                if (bodyField == "*")
                {
                    JsonRequestCheck.Message(input, body.RootElement, "", errors);
                }
                else if (JsonRequestCheck.Resolve(input, bodyField, out var path) is { FieldType: Google.Protobuf.Reflection.FieldType.Message } field)
                {
                    JsonRequestCheck.Message(field.MessageType, body.RootElement, path, errors);
                }
            }
        }

        if (errors.HasErrors)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await JsonError.WriteAsync(context.Response, errors.ToStatus()).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private static bool HasJsonBody(HttpRequest request) =>
        (request.ContentLength is > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0))
        && request.HasJsonContentType();

    /// <summary>The parsed body, rewound for the transcoder; null after answering 400 for JSON that does not parse.</summary>
    private static async Task<JsonDocument?> ReadBodyAsync(HttpContext context)
    {
        context.Request.EnableBuffering();
        try
        {
            return await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException error)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            var where = error.LineNumber is { } line ? $" at line {line + 1}, byte {error.BytePositionInLine + 1}" : "";
            await JsonError.WriteAsync(context.Response, new Google.Rpc.Status { Code = 3, Message = $"the request body is not valid JSON{where}" }).ConfigureAwait(false);
            return null;
        }
        finally
        {
            context.Request.Body.Position = 0;
        }
    }
}
