using System.Collections.Concurrent;
using TradingCore.Configuration;
using TradingCore.Diagnostics;
using TradingCore.Engine.Domain;
using TradingCore.Engine.Loop;
using TradingCore.Hosting;
using TradingCore.Mapping;
using TradingCore.Mt5Feed;
using TradingCore.Persistence;
using TradingCore.Streaming;
using TradingCore.Symbols;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Feeds;

/// <summary>
/// Health of the feeds and of every symbol's quotes. Feeds report their state; every tick refreshes its symbol;
/// a clock check marks symbols stale when they stay silent. A symbol that turns stale (or whose feed goes stale or
/// down) is marked in the engine, so market orders on it get PRICE_OFF, and a status message goes to tick streams.
/// Symbols a feed announces (the MT5 bridge) are stored in the catalog and pushed to the engine.
/// </summary>
internal sealed class FeedMonitor(
    SymbolCatalog catalog,
    TickHub ticks,
    TradingCoreOptions options,
    TimeProvider time,
    ILogger<FeedMonitor> logger,
    TradingCoreMetrics? metrics = null) : IFeedObserver, IDisposable
{
    private readonly ConcurrentDictionary<(string Feed, string Kind), long> _refused = new();

    private readonly ConcurrentDictionary<string, (FeedState State, string Reason)> _feeds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SymbolHealth> _symbols = new(StringComparer.Ordinal);
    private TradingEngine? _engine;
    private ITimer? _clock;

    /// <summary>Feeds and their states.</summary>
    public IReadOnlyDictionary<string, (FeedState State, string Reason)> Feeds => _feeds;

    /// <summary>Symbols that have had a tick, with their quote state.</summary>
    public IEnumerable<(string Symbol, FeedState State)> Symbols => _symbols.Select(pair => (pair.Key, pair.Value.State));

    /// <summary>Symbols that have had a tick, with the time of their last one (UTC epoch ms).</summary>
    public IEnumerable<(string Symbol, long LastTickMs)> LastTicks => _symbols.Select(pair => (pair.Key, Volatile.Read(ref pair.Value.LastTickMs)));

    /// <summary>Starts watching: the engine receives stale marks; the clock checks silence every second.</summary>
    public void Start(TradingEngine engine)
    {
        _engine = engine;
        _clock = time.CreateTimer(_ => CheckSilence(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>Expects a feed that has not reported yet (a configured bridge terminal) and counts it as disconnected.</summary>
    public void Expect(string feed, string reason) => _feeds.TryAdd(feed, (FeedState.Disconnected, reason));

    /// <summary>A tick of <paramref name="symbol"/> is on its way to the engine.</summary>
    public void TickReceived(string symbol)
    {
        var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        var health = _symbols.GetOrAdd(symbol, static _ => new SymbolHealth());
        Volatile.Write(ref health.LastTickMs, nowMs);
        if (health.State != FeedState.Connected)
        {
            health.State = FeedState.Connected;
            Publish(symbol, FeedState.Connected, "quotes resumed", nowMs);
        }
    }

    public void SymbolAnnounced(string feed, SymbolSpec spec)
    {
        if (catalog.Find(spec.Name)?.Spec == spec)
        {
            return;
        }

        var (after, applied) = catalog.Announce(spec, time.GetUtcNow().ToUnixTimeMilliseconds());
        if (!applied)
        {
            Log.SymbolAnnouncementKept(logger, feed, spec.Name);
            return;
        }

        Log.SymbolAnnounced(logger, feed, spec.Name);
        // Queued before the symbol's first tick (the feed writes its ticks after this call returns).
        Forget(_engine?.ExecuteAsync((core, nowMs) => { core.UpsertSymbol(after.Effective, nowMs); return true; }, CancellationToken.None));
    }

    public void StateChanged(string feed, FeedState state, string reason, IReadOnlyCollection<string> symbols)
    {
        _feeds[feed] = (state, reason);
        var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        var status = FeedStatusMapper.ToProto("", state, $"{feed}: {reason}", nowMs);
        Log.FeedStateChanged(logger, feed, Contracts.V1.ContractNames.Short(status.State), reason);
        ticks.PublishStatus(status);
        if (state == FeedState.Connected)
        {
            return; // each symbol becomes connected again with its next tick
        }

        foreach (var symbol in symbols)
        {
            MarkStale(symbol, state, $"{feed}: {reason}", nowMs);
        }
    }

    /// <summary>Frames refused so far by feed and kind.</summary>
    public long RefusedCount(string feed, string kind) => _refused.GetValueOrDefault((feed, kind));

    public void Refused(string feed, string kind, string reason)
    {
        var count = _refused.AddOrUpdate((feed, kind), 1, static (_, previous) => previous + 1);
        metrics?.FeedRefused(feed, kind);
        // A hostile peer can send refusals as fast as it likes: the log gets them at doubling intervals.
        if ((count & (count - 1)) == 0)
        {
            Log.FeedFrameRefused(logger, feed, kind, count, reason);
        }
    }

    public void Rejected(string feed, string reason) => Log.FeedRejected(logger, feed, reason);

    public void Dropped(string feed, TickDrop drop) => Log.FeedTickDropped(logger, feed, drop.Describe());

    /// <summary>Engine calls made from feed threads are not awaited; a stopped engine is not the feed's problem.</summary>
    private static void Forget(Task? task) =>
        task?.ContinueWith(static done => _ = done.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    public void Dispose() => _clock?.Dispose();

    private void CheckSilence()
    {
        var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        var limit = options.Feed.SymbolStaleAfterMs;
        foreach (var (symbol, health) in _symbols)
        {
            var silentMs = nowMs - Volatile.Read(ref health.LastTickMs);
            if (health.State == FeedState.Connected && silentMs > limit)
            {
                MarkStale(symbol, FeedState.Stale, $"no tick for {silentMs} ms", nowMs);
            }
        }
    }

    private void MarkStale(string symbol, FeedState state, string reason, long nowMs)
    {
        var health = _symbols.GetOrAdd(symbol, static _ => new SymbolHealth());
        if (health.State == state)
        {
            return;
        }

        health.State = state;
        Forget(_engine?.ExecuteAsync((core, _) => core.SetQuoteStale(symbol, stale: true), CancellationToken.None));
        Publish(symbol, state, reason, nowMs);
    }

    private void Publish(string symbol, FeedState state, string reason, long nowMs) => ticks.PublishStatus(FeedStatusMapper.ToProto(symbol, state, reason, nowMs));

    /// <summary>One symbol's quote health; fields are read and written from several threads.</summary>
    private sealed class SymbolHealth
    {
        public long LastTickMs;

        public volatile FeedState State = FeedState.Connected;
    }
}
