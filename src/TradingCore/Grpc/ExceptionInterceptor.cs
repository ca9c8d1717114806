using Grpc.Core;
using Grpc.Core.Interceptors;
using TradingCore.Diagnostics;
using TradingCore.Engine.Loop;

namespace TradingCore.Grpc;

/// <summary>
/// Lane (c) of error handling, in one place for every RPC: engine unavailability is UNAVAILABLE, a saturated
/// engine is RESOURCE_EXHAUSTED, a command the engine could not compute (and refused, nothing changed) is
/// INVALID_ARGUMENT, a caller's cancellation or disconnect is CANCELLED (an information log line at most), and
/// anything unexpected is logged and answered INTERNAL without exception text. RpcExceptions thrown on purpose pass through, their message cut to 1 KB.
/// The server's other interceptor (<see cref="Security.AuthorizationInterceptor"/>) runs inside this one as
/// <paramref name="inner"/>: one stage of gRPC's interceptor pipeline instead of two, each stage being an async
/// wrapper per call.
/// </summary>
internal sealed class ExceptionInterceptor(ILogger<ExceptionInterceptor> logger, Interceptor? inner = null) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await (inner is null ? continuation(request, context) : inner.UnaryServerHandler(request, context, continuation));
        }
        catch (RpcException error) when (error.Status.Detail.Length > MaxDetailLength)
        {
            throw Bounded(error);
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
            await (inner is null ? continuation(request, responseStream, context) : inner.ServerStreamingServerHandler(request, responseStream, context, continuation));
        }
        catch (RpcException error) when (error.Status.Detail.Length > MaxDetailLength)
        {
            throw Bounded(error);
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
            await (inner is null ? continuation(requestStream, responseStream, context) : inner.DuplexStreamingServerHandler(requestStream, responseStream, context, continuation));
        }
        catch (RpcException error) when (error.Status.Detail.Length > MaxDetailLength)
        {
            throw Bounded(error);
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
            return await (inner is null ? continuation(requestStream, context) : inner.ClientStreamingServerHandler(requestStream, context, continuation));
        }
        catch (RpcException error) when (error.Status.Detail.Length > MaxDetailLength)
        {
            throw Bounded(error);
        }
        catch (Exception error) when (error is not RpcException)
        {
            throw Translate(error, context);
        }
    }

    /// <summary>Longest status message sent: clients and proxies cap header sizes, and a message never echoes unbounded input.</summary>
    public const int MaxDetailLength = 1_024;

    /// <summary>The same status with its message cut to <see cref="MaxDetailLength"/> (details in the trailers stay).</summary>
    private static RpcException Bounded(RpcException error) =>
        new(new Status(error.StatusCode, error.Status.Detail[..(MaxDetailLength - 3)] + "..."), error.Trailers);

    private RpcException Translate(Exception error, ServerCallContext context) => error switch
    {
        EngineUnavailableException unavailable => new RpcException(new Status(StatusCode.Unavailable, unavailable.Message)),
        EngineRefusedException refused => new RpcException(new Status(StatusCode.InvalidArgument, refused.Message)),
        EngineBusyException busy => new RpcException(new Status(StatusCode.ResourceExhausted, busy.Message)),
        Google.Protobuf.InvalidProtocolBufferException => new RpcException(new Status(StatusCode.InvalidArgument, "a request message is not valid protobuf")),
        OperationCanceledException when context.CancellationToken.IsCancellationRequested =>
            new RpcException(new Status(StatusCode.Cancelled, "the call was cancelled")),
        _ when context.CancellationToken.IsCancellationRequested => Gone(error, context),
        _ => Internal(error, context),
    };

    /// <summary>
    /// The caller disconnected or cancelled and a write or read then failed (an IOException, "the request is
    /// complete", ...): that is the client leaving, not a server fault. One information line, no stack trace.
    /// </summary>
    private RpcException Gone(Exception error, ServerCallContext context)
    {
        Log.ClientGone(logger, context.Method, error.GetType().Name);
        return new RpcException(new Status(StatusCode.Cancelled, "the call was cancelled"));
    }

    private RpcException Internal(Exception error, ServerCallContext context)
    {
        Log.UnhandledRpcError(logger, context.Method, error);
        return new RpcException(new Status(StatusCode.Internal, "internal error; the failure was logged"));
    }
}
