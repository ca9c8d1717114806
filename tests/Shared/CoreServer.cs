using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TradingCore.Contracts.V1;
using TradingCore.Engine.Loop;
using TradingCore.Hosting;
using EngineTick = TradingCore.Engine.Domain.Tick;

namespace TradingCore.Testing;

/// <summary>
/// The real host in-process (WebApplicationFactory) on a given data directory, with a real GrpcChannel over the
/// test server. The feed is off unless asked for, so tests decide every price with <see cref="QuoteAsync"/>.
/// Dispose stops the host gracefully, as Ctrl+C would.
/// </summary>
internal sealed class CoreServer : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    /// <param name="dataDirectory">Where the database lives.</param>
    /// <param name="feed">The feed kind (None: tests publish every price).</param>
    /// <param name="settings">More configuration.</param>
    /// <param name="kestrel">
    /// Serve on real Kestrel sockets (gRPC, HTTP/JSON and metrics ports on loopback) instead of the in-memory test
    /// server: for what depends on the listening port (port roles, the metrics endpoint).
    /// </param>
    /// <param name="grpcPort">With <paramref name="kestrel"/>: the gRPC port to listen on (a free one when null).</param>
    public CoreServer(string dataDirectory, string feed = "None", IDictionary<string, string>? settings = null, bool kestrel = false, int? grpcPort = null)
    {
        DataDirectory = dataDirectory;
        if (kestrel)
        {
            Ports = (grpcPort ?? FreePort(), FreePort(), FreePort());
        }

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("TradingCore:DataDirectory", dataDirectory);
            builder.UseSetting("TradingCore:Feed:Kind", feed);
            builder.UseSetting("TradingCore:Feed:Synthetic:IntervalMs", "20");
            // Many servers share one test process: a forced full collection per start would pause all of them.
            builder.UseSetting("TradingCore:Engine:SettleHeapOnStart", "false");
            if (Ports is var (grpc, json, metrics))
            {
                builder.UseSetting("urls", $"http://127.0.0.1:{grpc}");
                builder.UseSetting("TradingCore:HttpJson:Url", $"http://127.0.0.1:{json}");
                builder.UseSetting("TradingCore:Metrics:Url", $"http://127.0.0.1:{metrics}");
            }

            foreach (var (key, value) in TestStore.Settings(dataDirectory, settings?.Keys))
            {
                builder.UseSetting(key, value);
            }

            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                builder.UseSetting(key, value);
            }
        });
        if (kestrel)
        {
            _factory.UseKestrel();
            _factory.StartServer();
            Channel = GrpcChannel.ForAddress($"http://127.0.0.1:{Ports!.Value.Grpc}");
        }
        else
        {
            Channel = GrpcChannel.ForAddress(_factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = _factory.Server.CreateHandler() });
        }

        // The host recovers in the background (health answers meanwhile); tests start from a running engine.
        Services.GetRequiredService<TradingCoreHost>().Ready.WaitAsync(TimeSpan.FromSeconds(60)).GetAwaiter().GetResult();
        (AdminKey, TraderKey) = Credentials.ReadBootstrap(dataDirectory);
        Invoker = Credentials.WithToken(Channel.CreateCallInvoker(), Credentials.LoginAsync(Channel.CreateCallInvoker(), TraderKey.KeyId is null ? AdminKey : TraderKey).GetAwaiter().GetResult());
        MarketData = new MarketData.MarketDataClient(Invoker);
        Orders = new Orders.OrdersClient(Invoker);
        Positions = new Positions.PositionsClient(Invoker);
        Accounts = new Accounts.AccountsClient(Invoker);
    }

    /// <summary>The bootstrap admin key of this data directory.</summary>
    public Credentials.Key AdminKey { get; }

    /// <summary>The bootstrap trader key (bound to the demo account; its id is null where no demo account was created, and <see cref="Invoker"/> then uses the admin key).</summary>
    public Credentials.Key TraderKey { get; }

    /// <summary>Calls as the bootstrap trader.</summary>
    public CallInvoker Invoker { get; }

    /// <summary>Logs in with a key and returns an invoker that calls as that key.</summary>
    public async Task<CallInvoker> InvokerForAsync(Credentials.Key key) =>
        Credentials.WithToken(Channel.CreateCallInvoker(), await Credentials.LoginAsync(Channel.CreateCallInvoker(), key));

    public const long DemoAccount = 1001;

    public string DataDirectory { get; }

    public GrpcChannel Channel { get; }

    public MarketData.MarketDataClient MarketData { get; }

    public Orders.OrdersClient Orders { get; }

    public Positions.PositionsClient Positions { get; }

    public Accounts.AccountsClient Accounts { get; }

    public IServiceProvider Services => _factory.Services;

    /// <summary>The in-process server's address and a new handler that reaches it (for custom channels).</summary>
    public Uri BaseAddress => _factory.Server.BaseAddress;

    public HttpMessageHandler CreateHandler() => _factory.Server.CreateHandler();

    /// <summary>The gRPC, HTTP/JSON and metrics ports when serving on Kestrel; null in memory.</summary>
    public (int Grpc, int Json, int Metrics)? Ports { get; }

    /// <summary>An HTTP client for the JSON transcoding routes (the HTTP/JSON port on Kestrel).</summary>
    public HttpClient CreateHttpClient() =>
        Ports is { } ports ? new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports.Json}") } : _factory.CreateClient();

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public TradingEngine Engine => Services.GetRequiredService<TradingCoreHost>().Engine;

    /// <summary>Publishes a tick into the engine and waits until the engine applied it.</summary>
    public Task QuoteAsync(string symbol, decimal bid, decimal ask) => QuoteAsync(symbol, bid, ask, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    /// <summary>Publishes a tick stamped <paramref name="timeMs"/> (UTC epoch ms) and waits until the engine applied it.</summary>
    public async Task QuoteAsync(string symbol, decimal bid, decimal ask, long timeMs)
    {
        await Engine.PublishTickAsync(new EngineTick(symbol, timeMs, bid, ask, 0m, 0m, 6), CancellationToken.None);
        await Engine.QueryAsync((core, _) => core.LastTick(symbol), CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _factory.DisposeAsync();
    }
}
