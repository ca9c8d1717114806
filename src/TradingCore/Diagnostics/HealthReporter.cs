using Grpc.Health.V1;
using Grpc.HealthCheck;
using TradingCore.Engine.Loop;
using TradingCore.Feeds;
using TradingCore.Hosting;
using TradingCore.Mt5Feed;
using TradingCore.Persistence;

namespace TradingCore.Diagnostics;

/// <summary>
/// Keeps grpc.health.v1 true to the running state, four times a second:
/// "" and the trading services follow the engine and the journal; "trading.v1.MarketData" is SERVING while every
/// feed is connected; "feed/{name}" per feed; "trading.v1.MarketData/{symbol}" per symbol that has quotes; "mt5/{login}"
/// per v2 terminal (SERVING while it routes orders: connected, AutoTrading on).
/// </summary>
internal sealed class HealthReporter(HealthServiceImpl health, TradingCoreHost host, JournalWriter journal, FeedMonitor feeds, TimeProvider time)
    : BackgroundService
{
    private static readonly string[] EngineServices =
    [
        "", "trading.v1.Orders", "trading.v1.Positions", "trading.v1.Accounts", "trading.v1.Admin", "trading.v1.Auth",
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        host.WhenReady(Report); // SERVING as soon as recovery finished, not at the next tick
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250), time);
        do
        {
            Report();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>The last status reported per health service (what grpc.health.v1 answers), for the HTTP health route.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _serving = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether <paramref name="service"/> ("" = the server) is SERVING; null for a service never reported. The server
    /// and the trading services are read live (from the first instant of readiness, not the next report).
    /// </summary>
    public bool? IsServing(string service) =>
        Array.IndexOf(EngineServices, service) >= 0 ? EngineUp() : _serving.TryGetValue(service, out var serving) ? serving : null;

    private bool EngineUp() => !journal.Failed && TryEngine() is { IsRunning: true };

    public void Report()
    {
        var engineUp = EngineUp();
        foreach (var service in EngineServices)
        {
            health.SetStatus(service, Serving(engineUp));
            _serving[service] = engineUp;
        }

        var allFeeds = true;
        foreach (var (feed, (state, _)) in feeds.Feeds)
        {
            health.SetStatus($"feed/{feed}", Serving(state == FeedState.Connected));
            _serving[$"feed/{feed}"] = state == FeedState.Connected;
            allFeeds &= state == FeedState.Connected || IsFinishedReplay(feed, state);
        }

        // A routed account's terminal: SERVING while connected with AutoTrading on (new orders are routed).
        foreach (var (login, link) in host.Router?.Links ?? new Dictionary<long, Engine.Domain.VenueLink>())
        {
            var routes = engineUp && link.Connected && link.TradeAllowed;
            health.SetStatus($"mt5/{login}", Serving(routes));
            _serving[$"mt5/{login}"] = routes;
        }

        health.SetStatus("trading.v1.MarketData", Serving(engineUp && allFeeds));
        _serving["trading.v1.MarketData"] = engineUp && allFeeds;
        foreach (var (symbol, state) in feeds.Symbols)
        {
            health.SetStatus($"trading.v1.MarketData/{symbol}", Serving(state == FeedState.Connected));
            _serving[$"trading.v1.MarketData/{symbol}"] = state == FeedState.Connected;
        }
    }

    private TradingEngine? TryEngine()
    {
        try
        {
            return host.Engine;
        }
        catch (EngineUnavailableException)
        {
            return null;
        }
    }

    /// <summary>A replay that reached the end of its file (without looping) is finished, not broken.</summary>
    private static bool IsFinishedReplay(string feed, FeedState state) => feed.StartsWith("replay:", StringComparison.Ordinal) && state == FeedState.Disconnected;

    private static HealthCheckResponse.Types.ServingStatus Serving(bool serving) =>
        serving ? HealthCheckResponse.Types.ServingStatus.Serving : HealthCheckResponse.Types.ServingStatus.NotServing;
}
