using Grpc.Core;
using Grpc.Core.Interceptors;
using TradingCore.Diagnostics;
using TradingCore.Engine.Loop;

namespace TradingCore.Grpc;

/// <summary>
/// Lane (c) of error handling, in one place for every RPC: engine unavailability is UNAVAILABLE, a saturated
/// engine is RESOURCE_EXHAUSTED, a caller's cancellation is CANCELLED, and anything unexpected is logged and
/// answered INTERNAL without exception text. RpcExceptions thrown on purpose pass through untouched.
/// </summary>
internal sealed class ExceptionInterceptor(ILogger<ExceptionInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception error) when (error is not RpcException)
        {
            throw Translate(error, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception error) when (error is not RpcException)
        {
            throw Translate(error, context);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception error) when (error is not RpcException)
        {
            throw Translate(error, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception error) when (error is not RpcException)
        {
            throw Translate(error, context);
        }
    }

    private RpcException Translate(Exception error, ServerCallContext context) => error switch
    {
        EngineUnavailableException unavailable => new RpcException(new Status(StatusCode.Unavailable, unavailable.Message)),
        EngineBusyException busy => new RpcException(new Status(StatusCode.ResourceExhausted, busy.Message)),
        Google.Protobuf.InvalidProtocolBufferException => new RpcException(new Status(StatusCode.InvalidArgument, "a request message is not valid protobuf")),
        OperationCanceledException when context.CancellationToken.IsCancellationRequested =>
            new RpcException(new Status(StatusCode.Cancelled, "the call was cancelled")),
        _ => Internal(error, context),
    };

    private RpcException Internal(Exception error, ServerCallContext context)
    {
        Log.UnhandledRpcError(logger, context.Method, error);
        return new RpcException(new Status(StatusCode.Internal, "internal error; the failure was logged"));
    }
}
