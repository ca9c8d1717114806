using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using TradingCore.Configuration;
using TradingCore.Hosting;

namespace TradingCore.Tests;

/// <summary>
/// The bound on unary trading calls in flight (TradingCore:Engine:MaxCallsInFlight): the call beyond it is refused
/// RESOURCE_EXHAUSTED at once without reaching the rest of the pipeline, a finished call frees its place, and
/// streams, logins, admin calls and other packages are never counted.
/// </summary>
public sealed class CallsInFlightMiddlewareTests
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(static (byte[] value) => value, static value => value);

    [Fact]
    public async Task The_call_beyond_the_bound_is_refused_at_once_and_a_finished_call_frees_its_place()
    {
        var (middleware, reached, release) = Holding(2);

        var first = middleware.InvokeAsync(Call(MethodType.Unary, "trading.v1.Orders", grpc: true));
        var second = middleware.InvokeAsync(Call(MethodType.Unary, "trading.v1.Positions", grpc: true));
        var refused = Call(MethodType.Unary, "trading.v1.Orders", grpc: true);
        await middleware.InvokeAsync(refused);

        Assert.Equal((2, 2), (reached(), middleware.InFlight));
        Assert.Equal("8", refused.Response.Headers["grpc-status"].ToString());
        Assert.Contains("MaxCallsInFlight", Uri.UnescapeDataString(refused.Response.Headers["grpc-message"].ToString()), StringComparison.Ordinal);
        var status = Google.Rpc.Status.Parser.ParseFrom(Convert.FromBase64String(Pad(refused.Response.Headers["grpc-status-details-bin"].ToString())));
        Assert.Equal(CallsInFlightMiddleware.RetryAfter, status.Details.Single().Unpack<Google.Rpc.RetryInfo>().RetryDelay.ToTimeSpan());

        release.SetResult();
        await Task.WhenAll(first, second);
        Assert.Equal(0, middleware.InFlight);
        var later = Call(MethodType.Unary, "trading.v1.Orders", grpc: true);
        await middleware.InvokeAsync(later);
        Assert.Equal(3, reached());
        Assert.False(later.Response.Headers.ContainsKey("grpc-status"));
    }

    [Fact]
    public async Task An_http_json_call_beyond_the_bound_is_429_with_retry_after()
    {
        var (middleware, _, release) = Holding(1);
        var held = middleware.InvokeAsync(Call(MethodType.Unary, "trading.v1.Accounts", grpc: false));
        var refused = Call(MethodType.Unary, "trading.v1.Accounts", grpc: false);

        await middleware.InvokeAsync(refused);

        Assert.Equal(StatusCodes.Status429TooManyRequests, refused.Response.StatusCode);
        Assert.Equal("1", refused.Response.Headers.RetryAfter.ToString());
        release.SetResult();
        await held;
    }

    [Theory]
    [InlineData(MethodType.ServerStreaming, "trading.v1.MarketData")]
    [InlineData(MethodType.DuplexStreaming, "trading.v1.Orders")]
    [InlineData(MethodType.Unary, "trading.v1.Auth")]
    [InlineData(MethodType.Unary, "trading.v1.Admin")]
    [InlineData(MethodType.Unary, "grpc.health.v1.Health")]
    public async Task Streams_logins_admin_and_other_packages_are_never_counted(MethodType type, string service)
    {
        var (middleware, reached, release) = Holding(1);

        var calls = Enumerable.Range(0, 3).Select(_ => middleware.InvokeAsync(Call(type, service, grpc: true))).ToList();

        Assert.Equal((3, 0), (reached(), middleware.InFlight));
        release.SetResult();
        await Task.WhenAll(calls);
    }

    [Fact]
    public async Task Zero_means_no_bound()
    {
        var (middleware, reached, release) = Holding(0);

        var calls = Enumerable.Range(0, 50).Select(_ => middleware.InvokeAsync(Call(MethodType.Unary, "trading.v1.Orders", grpc: true))).ToList();

        Assert.Equal(50, reached());
        release.SetResult();
        await Task.WhenAll(calls);
    }

    /// <summary>A middleware whose rest of the pipeline counts the calls that reach it and holds them until released.</summary>
    private static (CallsInFlightMiddleware Middleware, Func<int> Reached, TaskCompletionSource Release) Holding(int maxCallsInFlight)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reached = 0;
        var middleware = new CallsInFlightMiddleware(
            async _ =>
            {
                Interlocked.Increment(ref reached);
                await release.Task;
            },
            Options(maxCallsInFlight));
        return (middleware, () => Volatile.Read(ref reached), release);
    }

    private static TradingCoreOptions Options(int maxCallsInFlight) => new() { Engine = { MaxCallsInFlight = maxCallsInFlight } };

    private static DefaultHttpContext Call(MethodType type, string service, bool grpc)
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = grpc ? "application/grpc" : "application/json";
        context.Response.Body = new MemoryStream();
        var method = new Method<byte[], byte[]>(type, service, "Call", Bytes, Bytes);
        context.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(new GrpcMethodMetadata(typeof(object), method)), service));
        return context;
    }

    private static string Pad(string base64) => base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
}
