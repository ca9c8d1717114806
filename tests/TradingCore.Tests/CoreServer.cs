using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TradingCore.Contracts.V1;
using TradingCore.Engine.Loop;
using TradingCore.Hosting;
using EngineTick = TradingCore.Engine.Domain.Tick;

namespace TradingCore.Tests;

/// <summary>
/// The real host in-process (WebApplicationFactory) on a given data directory, with a real GrpcChannel over the
/// test server. The feed is off unless asked for, so tests decide every price with <see cref="QuoteAsync"/>.
/// Dispose stops the host gracefully, as Ctrl+C would.
/// </summary>
internal sealed class CoreServer : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    public CoreServer(string dataDirectory, string feed = "None", IDictionary<string, string>? settings = null)
    {
        DataDirectory = dataDirectory;
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("TradingCore:DataDirectory", dataDirectory);
            builder.UseSetting("TradingCore:Feed:Kind", feed);
            builder.UseSetting("TradingCore:Feed:Synthetic:IntervalMs", "20");
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                builder.UseSetting(key, value);
            }
        });
        Channel = GrpcChannel.ForAddress(_factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = _factory.Server.CreateHandler() });
        MarketData = new MarketData.MarketDataClient(Channel);
        Orders = new Orders.OrdersClient(Channel);
        Positions = new Positions.PositionsClient(Channel);
        Accounts = new Accounts.AccountsClient(Channel);
    }

    public const long DemoAccount = 1001;

    public string DataDirectory { get; }

    public GrpcChannel Channel { get; }

    public MarketData.MarketDataClient MarketData { get; }

    public Orders.OrdersClient Orders { get; }

    public Positions.PositionsClient Positions { get; }

    public Accounts.AccountsClient Accounts { get; }

    public IServiceProvider Services => _factory.Services;

    public TradingEngine Engine => Services.GetRequiredService<TradingCoreHost>().Engine;

    /// <summary>Publishes a tick into the engine and waits until the engine applied it.</summary>
    public async Task QuoteAsync(string symbol, decimal bid, decimal ask)
    {
        await Engine.PublishTickAsync(new EngineTick(symbol, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), bid, ask, 0m, 0m, 6), CancellationToken.None);
        await Engine.QueryAsync((core, _) => core.LastTick(symbol), CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _factory.DisposeAsync();
    }
}
