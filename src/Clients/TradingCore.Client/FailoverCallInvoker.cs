using Grpc.Core;

namespace TradingCore.Client;

/// <summary>
/// Calls one endpoint of several (an active core and its standby, docs/operations.md "Two nodes") and moves to the
/// next when a call to the current one fails UNAVAILABLE (refused, the connection broke, a standby or a stopping
/// core answered) or DEADLINE_EXCEEDED (a core that hangs). The failed call itself still fails: the client's retry
/// (idempotent calls only: reads, and orders under their client order id) and its stream reconnection then go to
/// the endpoint moved to, round robin, with their usual backoff.
/// </summary>
internal sealed class FailoverCallInvoker(IReadOnlyList<CallInvoker> endpoints) : CallInvoker
{
    private int _current;

    /// <summary>The endpoint calls go to now (an index into the configured list).</summary>
    public int Current => Volatile.Read(ref _current);

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        var endpoint = Current;
        try
        {
            return endpoints[endpoint].BlockingUnaryCall(method, host, options, request);
        }
        catch (RpcException error) when (Moves(error))
        {
            MoveFrom(endpoint);
            throw;
        }
    }

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        var endpoint = Current;
        var call = endpoints[endpoint].AsyncUnaryCall(method, host, options, request);
        return new AsyncUnaryCall<TResponse>(WatchAsync(call.ResponseAsync, endpoint), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        var endpoint = Current;
        var call = endpoints[endpoint].AsyncServerStreamingCall(method, host, options, request);
        return new AsyncServerStreamingCall<TResponse>(new WatchedReader<TResponse>(call.ResponseStream, this, endpoint), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
    {
        var endpoint = Current;
        var call = endpoints[endpoint].AsyncClientStreamingCall(method, host, options);
        return new AsyncClientStreamingCall<TRequest, TResponse>(call.RequestStream, WatchAsync(call.ResponseAsync, endpoint), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
    {
        var endpoint = Current;
        var call = endpoints[endpoint].AsyncDuplexStreamingCall(method, host, options);
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(call.RequestStream, new WatchedReader<TResponse>(call.ResponseStream, this, endpoint), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    /// <summary>Whether a failure means "try another endpoint".</summary>
    internal static bool Moves(RpcException error) => error.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded;

    /// <summary>Moves to the next endpoint unless another failed call already moved away from <paramref name="endpoint"/>.</summary>
    internal void MoveFrom(int endpoint) => Interlocked.CompareExchange(ref _current, (endpoint + 1) % endpoints.Count, endpoint);

    private async Task<TResponse> WatchAsync<TResponse>(Task<TResponse> response, int endpoint)
    {
        try
        {
            return await response.ConfigureAwait(false);
        }
        catch (RpcException error) when (Moves(error))
        {
            MoveFrom(endpoint);
            throw;
        }
    }

    /// <summary>A response stream whose failure moves the invoker on, as a unary call's does.</summary>
    private sealed class WatchedReader<T>(IAsyncStreamReader<T> inner, FailoverCallInvoker owner, int endpoint) : IAsyncStreamReader<T>
    {
        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            try
            {
                return await inner.MoveNext(cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException error) when (Moves(error))
            {
                owner.MoveFrom(endpoint);
                throw;
            }
        }
    }
}
