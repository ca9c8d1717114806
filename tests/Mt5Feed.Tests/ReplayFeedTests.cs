using Microsoft.Extensions.Time.Testing;
using TradingCore.Mt5Feed.Replay;

namespace TradingCore.Mt5Feed.Tests;

public sealed class ReplayFeedTests
{
    private static readonly string Export = Path.Combine(AppContext.BaseDirectory, "Fixtures", "EURUSD_202211101500_202211101501.csv");

    [Fact]
    public async Task RunAsync_AsFastAsPossible_DeliversAllTicksRebasedToNow()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000));
        var feed = new ReplayFeed(new ReplayOptions { File = Export, Speed = 0m }, time);
        var writer = new RecordingWriter();

        await feed.RunAsync(writer, TestContext.Current.CancellationToken);

        var ticks = writer.Ticks.ToList();
        Assert.Equal(["EURUSD"], feed.Symbols);
        Assert.Equal(5, ticks.Count);
        Assert.Equal(1_800_000_000_000, ticks[0].TimeMs);
        // Gaps between ticks are kept: 15:00:00.017 -> 15:00:02.000 is 1,983 ms.
        Assert.Equal(1_800_000_001_983, ticks[^1].TimeMs);
    }

    [Fact]
    public async Task RunAsync_RealSpeed_WaitsForTheClockBetweenTicks()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000));
        var feed = new ReplayFeed(new ReplayOptions { File = Export, Speed = 1m }, time);
        var writer = new RecordingWriter();

        var run = feed.RunAsync(writer, TestContext.Current.CancellationToken);
        await Eventually(() => writer.Ticks.Count == 1);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.Single(writer.Ticks);

        time.Advance(TimeSpan.FromMilliseconds(228)); // the second tick is due 228 ms after the first
        await Eventually(() => writer.Ticks.Count == 2);
        time.Advance(TimeSpan.FromSeconds(2));
        await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(5, writer.Ticks.Count);
    }

    [Fact]
    public async Task RunAsync_Loop_StartsAgainAtTheEnd()
    {
        using var stop = new CancellationTokenSource();
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000));
        var feed = new ReplayFeed(new ReplayOptions { File = Export, Speed = 0m, Loop = true }, time);
        var writer = new RecordingWriter(stopAfter: 12, stop);

        try
        {
            await feed.RunAsync(writer, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Cancellation may surface as an exception or as a normal end; both stop the loop.
        }

        Assert.InRange(writer.Ticks.Count, 12, 15);
        Assert.Equal(1.01682m, writer.Ticks.ElementAt(5).Bid);
    }

    [Fact]
    public void Constructor_WithoutFile_NamesTheSetting()
    {
        var error = Assert.Throws<ArgumentException>(() => new ReplayFeed(new ReplayOptions(), TimeProvider.System));

        Assert.Contains("TradingCore:Feed:Replay:File", error.Message, StringComparison.Ordinal);
    }
}
