using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TradingCore.Configuration;
using TradingCore.Engine.Loop;
using TradingCore.Grpc;
using TradingCore.Hosting;
using TradingCore.Persistence;
using TradingCore.Security;
using TradingCore.Streaming;
using TradingCore.Symbols;

namespace TradingCore.Tests;

/// <summary>Lane (c) of errors without a server: what the interceptor turns each failure into.</summary>
public sealed class ExceptionInterceptorTests
{
    private sealed class Context : ServerCallContext
    {
        private readonly CancellationTokenSource _cancellation = new();

        public void Cancel() => _cancellation.Cancel();

        protected override string MethodCore => "/trading.v1.Orders/SubmitOrder";

        protected override string HostCore => "localhost";

        protected override string PeerCore => "ipv4:127.0.0.1:1";

        protected override DateTime DeadlineCore => DateTime.MaxValue;

        protected override Metadata RequestHeadersCore => [];

        protected override CancellationToken CancellationTokenCore => _cancellation.Token;

        protected override Metadata ResponseTrailersCore => [];

        protected override Status StatusCore { get; set; }

        protected override WriteOptions? WriteOptionsCore { get; set; }

        protected override AuthContext AuthContextCore => new(null, []);

        protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => throw new NotSupportedException();

        protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
    }

    private static async Task<RpcException> Run(Exception thrown, Context? context = null)
    {
        var interceptor = new ExceptionInterceptor(NullLogger<ExceptionInterceptor>.Instance);
        return await Assert.ThrowsAsync<RpcException>(() =>
            interceptor.UnaryServerHandler<string, string>("request", context ?? new Context(), (_, _) => throw thrown));
    }

    /// <summary>Remembers each log entry's level and whether it carried an exception.</summary>
    private sealed class Entries : ILogger<ExceptionInterceptor>
    {
        public List<(LogLevel Level, bool WithException, string Message)> Logged { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Logged.Add((logLevel, exception is not null, formatter(state, exception)));
    }

    [Fact]
    public async Task AClientThatWentAway_IsCancelled_WithAnInformationLineAndNoStackTrace()
    {
        // A stream write to a client that disconnected fails with an IOException, not a cancellation exception.
        var context = new Context();
        context.Cancel();
        var log = new Entries();
        var interceptor = new ExceptionInterceptor(log);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            interceptor.UnaryServerHandler<string, string>("request", context, (_, _) => throw new IOException("The client reset the request stream.")));

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        var entry = Assert.Single(log.Logged);
        Assert.Equal((LogLevel.Information, false), (entry.Level, entry.WithException));
        Assert.Contains("went away", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSameFailureWithTheClientStillThere_IsAnInternalErrorLogged()
    {
        var log = new Entries();
        var interceptor = new ExceptionInterceptor(log);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            interceptor.UnaryServerHandler<string, string>("request", new Context(), (_, _) => throw new IOException("disk")));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Equal((LogLevel.Error, true), (log.Logged.Single().Level, log.Logged.Single().WithException));
    }

    [Fact]
    public async Task EngineUnavailable_IsUnavailable()
    {
        Assert.Equal(StatusCode.Unavailable, (await Run(new EngineUnavailableException("the engine is starting"))).StatusCode);
    }

    [Fact]
    public async Task EngineBusy_IsResourceExhausted()
    {
        Assert.Equal(StatusCode.ResourceExhausted, (await Run(new EngineBusyException("full"))).StatusCode);
    }

    [Fact]
    public async Task UnexpectedException_IsInternalWithoutItsText()
    {
        var error = await Run(new InvalidOperationException("secret path /etc/shadow"));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.DoesNotContain("shadow", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelledByTheCaller_IsCancelled()
    {
        var context = new Context();
        context.Cancel();

        Assert.Equal(StatusCode.Cancelled, (await Run(new OperationCanceledException(), context)).StatusCode);
    }

    [Fact]
    public async Task RpcException_PassesThroughUnchanged()
    {
        var error = await Run(new RpcException(new Status(StatusCode.NotFound, "no such account")));

        Assert.Equal((StatusCode.NotFound, "no such account"), (error.StatusCode, error.Status.Detail));
    }

    [Fact]
    public void HostEngine_BeforeRecoveryFinished_IsUnavailable()
    {
        using var data = new TempDirectory();
        var options = new TradingCoreOptions { DataDirectory = data.Path };
        var database = new SqliteDatabase(options);
        var events = new TradeEventHub();
        var ticks = new TickHub();
        var catalog = new SymbolCatalog(database);
        var barStore = new Bars.BarStore(database, NullLogger<Bars.BarStore>.Instance);
        var host = new TradingCoreHost(
            new StaticOptionsMonitor(options),
            database,
            catalog,
            new JournalWriter(new Persistence.Journal.JournalLog(data.Path), options, events, NullLogger<JournalWriter>.Instance),
            ticks,
            events,
            TimeProvider.System,
            new ApiKeyRegistry(database, TimeProvider.System),
            new Feeds.FeedMonitor(catalog, ticks, options, TimeProvider.System, NullLogger<Feeds.FeedMonitor>.Instance),
            new Bars.BarAggregator(barStore, new Bars.BarHub(), catalog),
            barStore,
            new QuoteStore(database),
            new Persistence.Journal.JournalLog(data.Path),
            new Persistence.Journal.Projector(new Persistence.Journal.JournalLog(data.Path), database, NullLogger.Instance),
            NullLogger<TradingCoreHost>.Instance,
            NullLoggerFactory.Instance,
            new Microsoft.Extensions.Hosting.Internal.ApplicationLifetime(NullLogger<Microsoft.Extensions.Hosting.Internal.ApplicationLifetime>.Instance));

        Assert.Throws<EngineUnavailableException>(() => host.Engine);
    }

    [Fact]
    public async Task TheInnerInterceptor_RunsInsideTheMapping_AndItsRefusalsPassThrough()
    {
        // The server registers one interceptor stage: authorization runs inside the exception mapping.
        var inner = new Recording();
        var interceptor = new ExceptionInterceptor(NullLogger<ExceptionInterceptor>.Instance, inner);

        var answer = await interceptor.UnaryServerHandler<string, string>("request", new Context(), (request, _) => Task.FromResult(request + " served"));
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            interceptor.UnaryServerHandler<string, string>("refuse", new Context(), (_, _) => Task.FromResult("never")));
        var mapped = await Assert.ThrowsAsync<RpcException>(() =>
            interceptor.UnaryServerHandler<string, string>("request", new Context(), (_, _) => throw new EngineUnavailableException("the engine is halted")));

        Assert.Equal("request served", answer);
        Assert.Equal(3, inner.Calls);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Equal(StatusCode.Unavailable, mapped.StatusCode);
    }

    /// <summary>Counts its calls and refuses the request "refuse", as authorization refuses.</summary>
    private sealed class Recording : global::Grpc.Core.Interceptors.Interceptor
    {
        public int Calls { get; private set; }

        public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
            where TRequest : class
            where TResponse : class
        {
            Calls++;
            return Equals(request, "refuse") ? throw new RpcException(new Status(StatusCode.PermissionDenied, "not yours")) : continuation(request, context);
        }
    }

    private sealed class StaticOptionsMonitor(TradingCoreOptions value) : IOptionsMonitor<TradingCoreOptions>
    {
        public TradingCoreOptions CurrentValue => value;

        public TradingCoreOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<TradingCoreOptions, string?> listener) => null;
    }
}
