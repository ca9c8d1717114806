using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TradingCore.Hosting;
using EngineTick = TradingCore.Engine.Domain.Tick;

namespace TradingCore.Client.Tests;

/// <summary>
/// The real host in-process on Kestrel, on a fixed loopback port, that can be stopped and started again on the
/// same port and data directory: what a client sees when the server restarts. An opening quote is published after
/// recovery and before Kestrel accepts connections, so market orders never race the first price.
/// </summary>
internal sealed class KestrelServer : IAsyncDisposable
{
    private readonly string _dataDirectory;
    private readonly (string Symbol, decimal Bid, decimal Ask)? _openingQuote;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private WebApplication? _app;

    private KestrelServer(string dataDirectory, (string, decimal, decimal)? openingQuote, IReadOnlyDictionary<string, string>? settings)
    {
        _dataDirectory = dataDirectory;
        _openingQuote = openingQuote;
        _settings = settings ?? new Dictionary<string, string>();
        Port = FreePort();
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    public Credentials.Key TraderKey => Credentials.ReadBootstrap(_dataDirectory).Trader;

    public Credentials.Key AdminKey => Credentials.ReadBootstrap(_dataDirectory).Admin;

    /// <param name="dataDirectory">The server's data directory.</param>
    /// <param name="openingQuote">A quote published once the engine runs, before Kestrel accepts connections.</param>
    /// <param name="settings">More configuration.</param>
    /// <param name="waitUntilReady">False for a hot standby, which only becomes ready when it takes over.</param>
    public static async Task<KestrelServer> StartAsync(string dataDirectory, (string, decimal, decimal)? openingQuote = null, IReadOnlyDictionary<string, string>? settings = null, bool waitUntilReady = true)
    {
        var server = new KestrelServer(dataDirectory, openingQuote, settings);
        await server.StartAsync(waitUntilReady);
        return server;
    }

    /// <summary>The host's recovery: completes when its engine runs (a standby's when it took over).</summary>
    public Task Ready => _app!.Services.GetRequiredService<TradingCoreHost>().Ready;

    /// <summary>
    /// Waits until this server's engine applied a tick of <paramref name="symbol"/> stamped at or after
    /// <paramref name="sinceMs"/> (UTC epoch ms): a standby that just took over has only the stored quotes, stale,
    /// until its own feed's first tick, and refuses market orders PRICE_OFF meanwhile (as it should).
    /// </summary>
    public async Task WaitForQuoteAsync(string symbol, long sinceMs, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var host = _app!.Services.GetRequiredService<TradingCoreHost>();
        await host.Ready.WaitAsync(deadline.Token);
        while ((await host.Engine.QueryAsync((core, _) => core.LastTick(symbol), deadline.Token)) is not { } tick || tick.TimeMs < sinceMs)
        {
            await Task.Delay(10, deadline.Token);
        }
    }

    public async Task StartAsync(bool waitUntilReady = true)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Configuration["TradingCore:DataDirectory"] = _dataDirectory;
        builder.Configuration["TradingCore:Feed:Kind"] = "None";
        builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        foreach (var (key, value) in _settings)
        {
            builder.Configuration[key] = value;
        }

        builder.Services.AddTradingCore(builder.Configuration, builder.Environment.ContentRootPath);
        if (_openingQuote is { } quote)
        {
            builder.Services.AddHostedService(provider => new OpeningQuote(provider.GetRequiredService<TradingCoreHost>(), quote));
        }

        var app = builder.Build();
        app.MapTradingCore();
        await app.StartAsync();
        _app = app;
        if (waitUntilReady)
        {
            await Ready.WaitAsync(TimeSpan.FromSeconds(60));
        }
    }

    /// <summary>Stops gracefully (as SIGTERM would): in-flight calls finish, streams end, the journal flushes.</summary>
    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    /// <summary>Publishes a tick and waits until the engine applied it.</summary>
    public Task QuoteAsync(string symbol, decimal bid, decimal ask) => QuoteAsync(symbol, bid, ask, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    /// <summary>Publishes a tick stamped <paramref name="timeMs"/> and waits until the engine applied it.</summary>
    public async Task QuoteAsync(string symbol, decimal bid, decimal ask, long timeMs)
    {
        var engine = _app!.Services.GetRequiredService<TradingCoreHost>().Engine;
        await engine.PublishTickAsync(new EngineTick(symbol, timeMs, bid, ask, 0m, 0m, 6), CancellationToken.None);
        await engine.QueryAsync((core, _) => core.LastTick(symbol), CancellationToken.None);
    }

    /// <summary>Tick streams currently subscribed (to wait until a client is listening).</summary>
    public int TickSubscribers => _app!.Services.GetRequiredService<TradingCore.Streaming.TickHub>().SubscriberCount;

    public ValueTask DisposeAsync() => new(StopAsync());

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs after the core's host recovered (registered after it) and before Kestrel starts listening.</summary>
    private sealed class OpeningQuote(TradingCoreHost host, (string Symbol, decimal Bid, decimal Ask) quote) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await host.Ready.WaitAsync(cancellationToken);
            await host.Engine.PublishTickAsync(new EngineTick(quote.Symbol, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), quote.Bid, quote.Ask, 0m, 0m, 6), cancellationToken);
            await host.Engine.QueryAsync((core, _) => core.LastTick(quote.Symbol), cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
