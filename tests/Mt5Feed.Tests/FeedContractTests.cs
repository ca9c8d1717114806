using System.Net;
using Microsoft.Extensions.Time.Testing;
using TradingCore.Mt5Feed.Bridge;
using TradingCore.Mt5Feed.Replay;
using TradingCore.Mt5Feed.Symbols;
using TradingCore.Mt5Feed.Synthetic;

namespace TradingCore.Mt5Feed.Tests;

/// <summary>
/// What every feed promises the engine, checked the same way for each: ticks name a symbol the feed quotes, have a
/// positive bid and an ask not below it, and come in time order per symbol; cancelling the feed ends it promptly.
/// </summary>
public abstract class FeedContractTests
{
    /// <summary>The feed, and what drives it (a fake terminal for the bridge; nothing for self-driving feeds).</summary>
    protected abstract Task<(IMarketFeed Feed, Func<CancellationToken, Task> Drive)> CreateAsync();

    [Fact]
    public async Task Ticks_AreWellFormedKnownAndInTimeOrderPerSymbol()
    {
        var (feed, drive) = await CreateAsync();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var writer = new RecordingWriter(stopAfter: 12, stop);
        var run = feed.RunAsync(writer, stop.Token);
        await drive(stop.Token);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!stop.IsCancellationRequested && !run.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10, CancellationToken.None); // the writer stops the feed after 12 ticks
        }

        await Finish(run, stop);

        var ticks = writer.Ticks.ToList();
        Assert.True(ticks.Count >= 3, $"only {ticks.Count} ticks");
        Assert.All(ticks, tick =>
        {
            Assert.Contains(tick.Symbol, feed.Symbols);
            Assert.True(tick.Bid > 0m && tick.Ask >= tick.Bid, $"{tick.Symbol} {tick.Bid}/{tick.Ask}");
        });
        foreach (var group in ticks.GroupBy(tick => tick.Symbol))
        {
            var times = group.Select(tick => tick.TimeMs).ToList();
            Assert.Equal(times.Order(), times);
        }
    }

    [Fact]
    public async Task Cancellation_EndsTheFeedPromptly()
    {
        var (feed, _) = await CreateAsync();
        using var stop = new CancellationTokenSource();
        var run = feed.RunAsync(new RecordingWriter(), stop.Token);

        await stop.CancelAsync();

        await Finish(run, stop);
    }

    private static async Task Finish(Task run, CancellationTokenSource stop)
    {
        await stop.CancelAsync();
        try
        {
            await run.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
            // ending by cancellation is the contract
        }
    }

    protected static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    protected static Func<CancellationToken, Task> Nothing => _ => Task.CompletedTask;
}

public sealed class SyntheticFeedContractTests : FeedContractTests
{
    protected override Task<(IMarketFeed, Func<CancellationToken, Task>)> CreateAsync() =>
        Task.FromResult<(IMarketFeed, Func<CancellationToken, Task>)>(
            (new SyntheticFeed(SyntheticSymbol.Defaults, new SyntheticFeedOptions { IntervalMs = 1 }, TimeProvider.System), Nothing));
}

public sealed class TickReplayFeedContractTests : FeedContractTests
{
    protected override Task<(IMarketFeed, Func<CancellationToken, Task>)> CreateAsync() =>
        Task.FromResult<(IMarketFeed, Func<CancellationToken, Task>)>(
            (new ReplayFeed(new ReplayOptions { File = Fixture("EURUSD_202211101500_202211101501.csv"), Speed = 0m, Loop = true }, TimeProvider.System), Nothing));
}

public sealed class BarReplayFeedContractTests : FeedContractTests
{
    protected override Task<(IMarketFeed, Func<CancellationToken, Task>)> CreateAsync() =>
        Task.FromResult<(IMarketFeed, Func<CancellationToken, Task>)>(
            (new ReplayFeed(new ReplayOptions { File = Fixture("EURUSD_H1_202401020000_202401020300.csv"), Speed = 0m }, TimeProvider.System, _ => DefaultSymbols.EurUsd), Nothing));
}

public sealed class NdjsonReplayFeedContractTests : FeedContractTests
{
    protected override Task<(IMarketFeed, Func<CancellationToken, Task>)> CreateAsync() =>
        Task.FromResult<(IMarketFeed, Func<CancellationToken, Task>)>(
            (new ReplayFeed(new ReplayOptions { File = Fixture("US500_recording.ndjson"), Speed = 0m, Loop = true }, new FakeTimeProvider(DateTimeOffset.UtcNow)), Nothing));
}

public sealed class BridgeFeedContractTests : FeedContractTests
{
    protected override Task<(IMarketFeed, Func<CancellationToken, Task>)> CreateAsync()
    {
        var feed = new BridgeFeed(
            new BridgeOptions { Listen = "127.0.0.1:0", Terminals = [new() { Login = 5012345, Secret = FakeTerminal.Secret }] },
            NullFeedObserver.Instance,
            TimeProvider.System);
        return Task.FromResult<(IMarketFeed, Func<CancellationToken, Task>)>((feed, async cancellationToken =>
        {
            await feed.Listening.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            await using var terminal = await FakeTerminal.ConnectAsync(new IPEndPoint(IPAddress.Loopback, feed.LocalEndpoint!.Port));
            await terminal.HelloAsync();
            await terminal.ReadAsync();
            await terminal.SymbolAsync("EURUSD");
            await terminal.SymbolAsync("GBPUSD");
            for (var index = 0; index < 12; index++)
            {
                await terminal.TickAsync(index % 2 == 0 ? "EURUSD" : "GBPUSD", 1_785_327_812_000 + index, "1.10000", "1.10010");
            }

            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(10, CancellationToken.None);
            }
        }));
    }
}
