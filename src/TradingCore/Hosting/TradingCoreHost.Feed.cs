using TradingCore.Configuration;
using TradingCore.Diagnostics;
using TradingCore.Engine.Loop;
using TradingCore.Mt5Feed;

namespace TradingCore.Hosting;

/// <summary>The host's market feed: started last in recovery (a standby's only when it takes over), run until stop.</summary>
internal sealed partial class TradingCoreHost
{
    private void StartFeed(TradingCoreOptions settings, TradingEngine engine)
    {
        var feed = FeedFactory.Create(settings.Feed, catalog, feedMonitor, time);
        if (feed is null)
        {
            return;
        }

        FeedName = feed.Name;
        if (feed is Mt5Feed.Bridge.BridgeFeed bridge)
        {
            bridge.Seed(quotes.LoadResume());
            _bridge = bridge;

            // v2 terminals route the orders of MT5-venue accounts (docs/mt5-routing.md).
            _router = new Routing.Mt5Router(engine, bridge, TimeSpan.FromMilliseconds(settings.Engine.RoutingTimeoutMs), loggers.CreateLogger<Routing.Mt5Router>(), metrics, ledger);
            bridge.Trades = _router;
            journal.VenueRequestsCommitted = _router.Committed;
            foreach (var terminal in settings.Feed.Bridge.Terminals)
            {
                feedMonitor.Expect($"bridge:{terminal.Login}", "waiting for the terminal to connect");
            }
        }

        _feedTask = RunFeedAsync(feed, new EngineTickWriter(engine, feedMonitor), _feedStop.Token);
    }

    private async Task RunFeedAsync(IMarketFeed feed, ITickWriter writer, CancellationToken cancellationToken)
    {
        await Task.Yield();
        Log.FeedStarted(logger, feed.Name, string.Join(",", feed.Symbols));
        // The bridge reports each terminal itself; the other feeds are one source that runs or does not.
        var selfReporting = feed is Mt5Feed.Bridge.BridgeFeed;
        if (!selfReporting)
        {
            feedMonitor.StateChanged(feed.Name, Mt5Feed.FeedState.Connected, "started", feed.Symbols.ToArray());
        }

        try
        {
            await feed.RunAsync(writer, cancellationToken).ConfigureAwait(false);
            Log.FeedEnded(logger, feed.Name);
            if (!selfReporting)
            {
                feedMonitor.StateChanged(feed.Name, Mt5Feed.FeedState.Disconnected, "ended", feed.Symbols.ToArray());
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.FeedEnded(logger, feed.Name);
        }
        catch (System.Threading.Channels.ChannelClosedException)
        {
            Log.FeedEnded(logger, feed.Name);
        }
        catch (Exception error)
        {
            Log.FeedFailed(logger, feed.Name, error);
            feedMonitor.StateChanged(feed.Name, Mt5Feed.FeedState.Disconnected, "failed: " + error.Message, feed.Symbols.ToArray());
        }
    }
}
